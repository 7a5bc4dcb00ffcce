import BridgeValues
import Foundation

/// The `format` values this validator checks. Any other format name is an annotation only, as
/// draft 2020-12 allows.
enum StringFormat: String, Sendable, CaseIterable {
    case dateTime = "date-time"
    case date
    case uuid
    case email
    case uri
    case hostname

    /// What a failing value is said to need, e.g. "must be a date-time (RFC 3339, e.g. 2026-11-22T02:15:00Z)".
    var requirement: String {
        switch self {
        case .dateTime: "must be a date-time (RFC 3339, e.g. 2026-11-22T02:15:00Z)"
        case .date: "must be a date (YYYY-MM-DD)"
        case .uuid: "must be a UUID (8-4-4-4-12 hex digits)"
        case .email: "must be an email address"
        case .uri: "must be an absolute URI (scheme:...)"
        case .hostname: "must be a host name"
        }
    }

    func accepts(_ text: String) -> Bool {
        switch self {
        case .dateTime: Timestamp.isRFC3339DateTime(text)
        case .date: Timestamp.parseFullDate(text) != nil
        case .uuid: Self.isUUID(text)
        case .email: Self.isEmail(text)
        case .uri: Self.isURI(text)
        case .hostname: Self.isHostname(text)
        }
    }

    static func isUUID(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count == 36 else { return false }
        for (index, byte) in bytes.enumerated() {
            if [8, 13, 18, 23].contains(index) {
                guard byte == UInt8(ascii: "-") else { return false }
            } else {
                guard isHex(byte) else { return false }
            }
        }
        return true
    }

    /// A dot-atom local part and a host name domain (RFC 5321 without quoted local parts or
    /// address literals).
    static func isEmail(_ text: String) -> Bool {
        guard let at = text.lastIndex(of: "@") else { return false }
        let local = text[..<at]
        let domain = text[text.index(after: at)...]
        guard !local.isEmpty, local.utf8.count <= 64, !local.hasPrefix("."), !local.hasSuffix("."),
            !local.contains("..")
        else { return false }
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+/=?^_`{|}~.-")
        guard local.allSatisfy({ allowed.contains($0) }) else { return false }
        return domain.contains(".") && isHostname(String(domain))
    }

    /// An absolute URI: a scheme, a colon, and no whitespace, control characters or characters
    /// RFC 3986 never allows unescaped.
    static func isURI(_ text: String) -> Bool {
        guard let colon = text.firstIndex(of: ":") else { return false }
        let scheme = text[..<colon]
        guard let first = scheme.first, first.isASCII, first.isLetter,
            scheme.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "+.-".contains($0)) })
        else { return false }
        let forbidden = Set(" \"<>\\^`{|}")
        return text.unicodeScalars.allSatisfy { $0.value > 0x20 && $0.value != 0x7F && !forbidden.contains(Character($0)) }
            && text.count > scheme.count + 1
    }

    /// RFC 1123 host name: dot-separated labels of 1...63 letters, digits and hyphens, not
    /// starting or ending with a hyphen, 253 characters at most.
    static func isHostname(_ text: String) -> Bool {
        let name = text.hasSuffix(".") ? String(text.dropLast()) : text
        guard !name.isEmpty, name.utf8.count <= 253 else { return false }
        for label in name.split(separator: ".", omittingEmptySubsequences: false) {
            guard (1...63).contains(label.utf8.count), label.first != "-", label.last != "-",
                label.utf8.allSatisfy({ isAlphanumeric($0) || $0 == UInt8(ascii: "-") })
            else { return false }
        }
        return true
    }

    private static func isHex(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
            || (UInt8(ascii: "A")...UInt8(ascii: "F")).contains(byte)
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
            || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
    }
}
