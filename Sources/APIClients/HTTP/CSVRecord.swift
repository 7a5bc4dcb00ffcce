/// One record of a CSV text (RFC 4180): its fields and the line it starts on.
///
/// ``records(in:)`` reads fields separated by commas and records separated by LF or CRLF; a
/// field in double quotes may hold commas, line breaks and doubled quotes (`""` is one `"`).
/// A UTF-8 byte order mark at the start is skipped, and so are empty lines. Strict where the
/// format is: a quote inside an unquoted field, text after a closing quote, or a quoted field
/// that never closes is a ``CSVError``.
public struct CSVRecord: Sendable, Hashable {
    /// The 1-based line the record starts on.
    public var line: Int
    public var fields: [String]

    public init(line: Int, fields: [String]) {
        self.line = line
        self.fields = fields
    }

    /// The records of `text` (UTF-8 bytes).
    public static func records<Bytes: Collection<UInt8>>(in text: Bytes) throws(CSVError) -> [CSVRecord] {
        let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")
        var bytes = Array(text)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        var records: [CSVRecord] = []
        var fields: [String] = []
        var field: [UInt8] = []
        var line = 1
        var recordLine = 1
        var index = 0
        /// Whether the current field was quoted (so an empty record line is a record).
        var quoted = false

        func endField() {
            fields.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
        }
        func endRecord() {
            endField()
            if !(fields.count == 1 && fields[0].isEmpty && !quoted) {
                records.append(CSVRecord(line: recordLine, fields: fields))
            }
            fields.removeAll(keepingCapacity: true)
            quoted = false
        }

        while index < bytes.count {
            let byte = bytes[index]
            if byte == quote {
                guard field.isEmpty, !quoted else {
                    throw .unexpectedQuote(line: line)
                }
                quoted = true
                let openedOn = line
                index += 1
                while true {
                    guard index < bytes.count else { throw .unterminatedQuote(line: openedOn) }
                    let inner = bytes[index]
                    if inner == quote {
                        if index + 1 < bytes.count, bytes[index + 1] == quote {
                            field.append(quote)
                            index += 2
                            continue
                        }
                        index += 1
                        break
                    }
                    if inner == lf { line += 1 }
                    field.append(inner)
                    index += 1
                }
                // After a closing quote: a separator, a line end or the end of the text.
                if index < bytes.count {
                    let next = bytes[index]
                    let crlf = next == cr && index + 1 < bytes.count && bytes[index + 1] == lf
                    guard next == comma || next == lf || crlf else { throw .textAfterClosingQuote(line: line) }
                }
                continue
            }
            if byte == comma {
                endField()
                quoted = false
                // A record's later fields may be quoted again.
            } else if byte == lf || (byte == cr && index + 1 < bytes.count && bytes[index + 1] == lf) {
                if byte == cr { index += 1 }
                endRecord()
                line += 1
                recordLine = line
            } else {
                if quoted { throw .textAfterClosingQuote(line: line) }
                field.append(byte)
            }
            index += 1
        }
        if !field.isEmpty || !fields.isEmpty || quoted { endRecord() }
        return records
    }
}
