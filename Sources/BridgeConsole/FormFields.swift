import Foundation
import Hummingbird

/// The fields of an `application/x-www-form-urlencoded` body (or a query string).
public struct FormFields: Sendable, Equatable {
    /// Every value of every field, in order.
    public var values: [String: [String]] = [:]

    public init(_ encoded: String) {
        for pair in encoded.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = Self.decode(parts[0])
            let value = parts.count > 1 ? Self.decode(parts[1]) : ""
            values[name, default: []].append(value)
        }
    }

    /// Reads a request's form body (at most the context's upload limit).
    public static func read(_ request: Request, context: some RequestContext) async throws -> FormFields {
        guard request.headers[.contentType]?.lowercased().hasPrefix("application/x-www-form-urlencoded") ?? false else {
            throw HTTPError(.unsupportedMediaType, message: "the console takes forms (application/x-www-form-urlencoded)")
        }
        let body = try await request.body.collect(upTo: context.maxUploadSize)
        return FormFields(String(buffer: body))
    }

    /// The first value of `name`.
    public subscript(_ name: String) -> String? { values[name]?.first }

    /// The first value of `name`, trimmed, or nil when empty.
    public func text(_ name: String) -> String? {
        guard let value = self[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else { return nil }
        return value
    }

    private static func decode(_ part: Substring) -> String {
        let spaced = part.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }
}

extension ConsoleContext {
    /// The request's form, refused with 403 unless its `csrf` field is the session's token.
    public func checkedForm(_ request: Request) async throws -> FormFields {
        let form = try await FormFields.read(request, context: self)
        guard let session, let sent = form["csrf"], ConsoleSessions.constantTimeEqual(sent, session.csrfToken) else {
            throw HTTPError(.forbidden, message: "the form's security token is missing or stale: reload the page and try again")
        }
        return form
    }
}
