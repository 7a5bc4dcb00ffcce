/// RFC 4180 CSV text: records end in CRLF, fields are separated by commas, and a field is
/// quoted when it contains a comma, a double quote, a CR or an LF, its quotes doubled. Every
/// other field is written as it is, spaces and all (RFC 4180: spaces are part of a field), so
/// non-ASCII text, emoji and leading or trailing spaces come back unchanged from a reader.
///
/// Pure: it builds text and writes nothing; the audit export and the billing reconciliation
/// hand its output to a file or stdout.
public struct CSVWriter: Sendable, Hashable {
    /// The columns; written once as the first record.
    public let header: [String]

    /// A writer for records of `header.count` fields.
    public init(header: [String]) {
        self.header = header
    }

    /// The header record, CRLF-terminated.
    public var headerRecord: String { Self.record(header) }

    /// One record of `fields`, CRLF-terminated.
    /// - Precondition: `fields.count == header.count` (a record of another width is a bug of the caller).
    public func record(_ fields: [String]) -> String {
        precondition(fields.count == header.count, "a CSV record of \(fields.count) fields under a header of \(header.count)")
        return Self.record(fields)
    }

    /// The whole document: the header, then every record.
    public func document(_ records: [[String]]) -> String {
        records.reduce(into: headerRecord) { text, fields in text += record(fields) }
    }

    /// One record of `fields`, CRLF-terminated.
    public static func record(_ fields: [String]) -> String {
        fields.map(field).joined(separator: ",") + "\r\n"
    }

    /// `text` as one field: quoted, with its quotes doubled, when it contains a comma, a quote,
    /// a CR or an LF; else unchanged. Checked on Unicode scalars: Swift counts CRLF as one
    /// character, which a character search for "\n" would miss.
    public static func field(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsQuotes) else { return text }
        return "\"" + text.replacingAll("\"", with: "\"\"") + "\""
    }

    private static func needsQuotes(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "," || scalar == "\"" || scalar == "\r" || scalar == "\n"
    }
}

extension String {
    /// This text with every `target` scalar replaced by `replacement`, scalar by scalar.
    fileprivate func replacingAll(_ target: Unicode.Scalar, with replacement: String) -> String {
        var result = String.UnicodeScalarView()
        for scalar in unicodeScalars {
            if scalar == target { result.append(contentsOf: replacement.unicodeScalars) } else { result.append(scalar) }
        }
        return String(result)
    }
}
