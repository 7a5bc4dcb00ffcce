/// Why a CSV text could not be read (``CSVRecord/records(in:)``), with the 1-based line.
public enum CSVError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A quoted field opened on this line never closes.
    case unterminatedQuote(line: Int)
    /// A `"` inside a field that did not start with one.
    case unexpectedQuote(line: Int)
    /// Text between a closing quote and the next separator.
    case textAfterClosingQuote(line: Int)

    public var description: String {
        switch self {
        case .unterminatedQuote(let line): return "line \(line): a quoted field is not closed"
        case .unexpectedQuote(let line): return "line \(line): a quote inside an unquoted field"
        case .textAfterClosingQuote(let line): return "line \(line): text after a closing quote"
        }
    }
}
