import Foundation

/// The opaque `after` cursor of Acronis list endpoints: it carries the list's filters and the
/// last key returned, so a next-page request may send only `after` (as Acronis documents).
struct AcronisCursor: Sendable, Equatable {
    var filters: [String: String]
    var lastKey: String

    /// base64url of a small JSON document.
    var encoded: String {
        let json: JSONValue = ["f": .object(filters.mapValues(JSONValue.string)), "k": .string(lastKey)]
        return Data(json.serialized()).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    init(filters: [String: String], lastKey: String) {
        self.filters = filters
        self.lastKey = lastKey
    }

    /// Decodes a cursor; throws a 400 for anything that is not one of ours.
    init(decoding text: String, domain: String = AcronisErrors.accountDomain) throws {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        guard let data = Data(base64Encoded: base64), let json = try? JSONValue.parse(data),
            let filters = json["f"].objectValue, let lastKey = json["k"].stringValue
        else {
            throw AcronisErrors.badRequest("Invalid paging cursor '\(text)'", domain: domain)
        }
        self.filters = filters.compactMapValues(\.stringValue)
        self.lastKey = lastKey
    }

    /// The filters of a list request: from the cursor when `after` is given (explicit parameters
    /// win), else from the query.
    static func filters(_ query: QueryItems, names: [String], domain: String = AcronisErrors.accountDomain) throws
        -> (filters: [String: String], after: String?)
    {
        var filters: [String: String] = [:]
        var after: String?
        if let cursorText = query["after"], !cursorText.isEmpty {
            let cursor = try AcronisCursor(decoding: cursorText, domain: domain)
            filters = cursor.filters
            after = cursor.lastKey
        }
        for name in names {
            let values = query.all(name)
            if !values.isEmpty { filters[name] = values.joined(separator: ",") }
        }
        return (filters, after)
    }
}
