/// Percent-encoding of query strings: everything but RFC 3986 unreserved characters is encoded,
/// so `&`, `=`, `+`, `%`, `"`, `'`, `*`, spaces and non-ASCII text in a ConnectWise condition or
/// an Autotask user name reach the server as written.
enum QueryEncoding {
    static func encode(_ items: [(name: String, value: String)]) -> String {
        items.map { "\(percentEncode($0.name))=\(percentEncode($0.value))" }.joined(separator: "&")
    }

    static func percentEncode(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
                UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                out += "%"
                out += String(byte >> 4, radix: 16, uppercase: true)
                out += String(byte & 0x0F, radix: 16, uppercase: true)
            }
        }
        return out
    }

    /// Percent-encodes one path segment (an id or a company name in a URL path).
    static func pathSegment(_ text: String) -> String { percentEncode(text) }
}
