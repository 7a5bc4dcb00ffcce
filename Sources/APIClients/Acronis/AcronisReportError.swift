/// A usage report that did not come to a file to read (acronis-api.md 9.3). A body that came
/// but is not what the API documents is an ``APIError`` of kind `invalidResponse` instead.
public enum AcronisReportError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The report's stored file has status `failed`.
    case failed(reportID: String, storedID: String)
    /// No stored file was `saved` after this many polls.
    case notReady(reportID: String, polls: Int)
    /// The report was saved, but without a file in the format asked for.
    case formatMissing(reportID: String, format: String, found: [String])

    /// Whether asking again later can help: only a report still being generated.
    public var isTransient: Bool {
        if case .notReady = self { return true }
        return false
    }

    public var description: String {
        switch self {
        case .failed(let report, let stored):
            return "Acronis usage report \(report) failed (stored file \(stored) has status 'failed')"
        case .notReady(let report, let polls):
            return "Acronis usage report \(report) was not saved after \(polls) polls of its stored files"
        case .formatMissing(let report, let format, let found):
            let list = found.isEmpty ? "none" : found.joined(separator: ", ")
            return "Acronis usage report \(report) has no stored file in \(format) (found: \(list))"
        }
    }
}
