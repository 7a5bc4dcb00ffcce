/// A strict RFC 4180 reader for the tests: records end in CRLF (the last one too), fields are
/// separated by commas, a quoted field may hold anything with its quotes doubled; a bare CR or
/// LF, a quote inside an unquoted field, text after a closing quote or an unclosed quote is an
/// error. Works on Unicode scalars, so CRLF is two scalars, as on the wire. Shared by the CSV
/// writer's unit tests and the export tests on the fleet.
public struct StrictCSVReader {
    public struct Malformed: Error, CustomStringConvertible {
        public var description: String
    }

    public static func read(_ text: String) throws -> [[String]] {
        let scalars = Array(text.unicodeScalars)
        var records: [[String]] = []
        var fields: [String] = []
        var field = String.UnicodeScalarView()
        var index = 0
        var atFieldStart = true
        func endField() {
            fields.append(String(field))
            field = String.UnicodeScalarView()
            atFieldStart = true
        }
        while index < scalars.count {
            let scalar = scalars[index]
            if atFieldStart, scalar == "\"" {
                index += 1
                while true {
                    guard index < scalars.count else { throw Malformed(description: "unclosed quote") }
                    if scalars[index] == "\"" {
                        if index + 1 < scalars.count, scalars[index + 1] == "\"" {
                            field.append("\"")
                            index += 2
                            continue
                        }
                        index += 1
                        break
                    }
                    field.append(scalars[index])
                    index += 1
                }
                guard index < scalars.count, scalars[index] == "," || scalars[index] == "\r" else {
                    throw Malformed(description: "text after a closing quote at scalar \(index)")
                }
                atFieldStart = false
                continue
            }
            switch scalar {
            case ",":
                endField()
                index += 1
            case "\r":
                guard index + 1 < scalars.count, scalars[index + 1] == "\n" else {
                    throw Malformed(description: "a CR without LF at scalar \(index)")
                }
                endField()
                records.append(fields)
                fields = []
                index += 2
            case "\n":
                throw Malformed(description: "a bare LF at scalar \(index)")
            case "\"":
                throw Malformed(description: "a quote inside an unquoted field at scalar \(index)")
            default:
                field.append(scalar)
                atFieldStart = false
                index += 1
            }
        }
        guard fields.isEmpty, field.isEmpty else { throw Malformed(description: "the last record does not end in CRLF") }
        return records
    }
}
