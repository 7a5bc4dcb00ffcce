import BridgeValues
import Foundation

extension Date {
    /// This instant rounded to the millisecond, the precision timestamps travel with.
    var roundedToMilliseconds: Date {
        Date(timeIntervalSince1970: (timeIntervalSince1970 * 1000).rounded() / 1000)
    }
}

extension KeyedDecodingContainer {
    /// Decodes an RFC 3339 date-time string, whatever the decoder's date strategy.
    func decodeTimestamp(forKey key: Key) throws -> Date {
        let text = try decode(String.self, forKey: key)
        guard let date = Timestamp.parseRFC3339(text) else {
            throw DecodingError.dataCorruptedError(
                forKey: key, in: self, debugDescription: "not an RFC 3339 date-time")
        }
        return date.roundedToMilliseconds
    }

    func decodeTimestampIfPresent(forKey key: Key) throws -> Date? {
        guard contains(key), try !decodeNil(forKey: key) else { return nil }
        return try decodeTimestamp(forKey: key)
    }
}

extension KeyedEncodingContainer {
    /// Encodes an RFC 3339 UTC date-time string, whatever the encoder's date strategy.
    mutating func encodeTimestamp(_ date: Date, forKey key: Key) throws {
        try encode(Timestamp.format(date), forKey: key)
    }

    mutating func encodeTimestampIfPresent(_ date: Date?, forKey key: Key) throws {
        guard let date else { return }
        try encodeTimestamp(date, forKey: key)
    }
}
