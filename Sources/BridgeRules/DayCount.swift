import Foundation

/// A whole number of days, 0 or more, as the settings use it: "new ticket after N days" (T2),
/// "disable/delete the customer after N days" (P6).
///
/// **What "N days" means.** N days have passed since an instant `start` once at least
/// N × 24 hours have elapsed: `now - start >= N × 86 400 s`. The boundary is inclusive and
/// independent of time zones and daylight saving, because both instants are absolute. Both are
/// compared to the nearest millisecond, the precision the state store keeps times at: a start
/// read back from the store may lie up to half a millisecond after the instant that was stored,
/// and exactly N days later must still count as N days.
/// An instant `now` before `start` (a clock behind the PSA's) means no day has passed.
public struct DayCount: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// The number of days.
    public let value: Int

    /// - Throws: ``RulesInputError/negativeDayCount(_:)`` when `value` is below 0.
    public init(_ value: Int) throws(RulesInputError) {
        guard value >= 0 else { throw .negativeDayCount(value) }
        self.value = value
    }

    /// The length of the period: `value` × 86 400 seconds.
    public var seconds: TimeInterval { Double(value) * 86_400 }

    /// Whether this many days have passed between `start` and `now` (inclusive boundary).
    public func hasElapsed(since start: Date, at now: Date) -> Bool {
        func milliseconds(_ date: Date) -> Double { (date.timeIntervalSince1970 * 1000).rounded() }
        return milliseconds(now) - milliseconds(start) >= Double(value) * 86_400_000
    }

    /// The first instant at which this many days have passed since `start`.
    public func deadline(after start: Date) -> Date { start.addingTimeInterval(seconds) }

    public static func < (lhs: DayCount, rhs: DayCount) -> Bool { lhs.value < rhs.value }

    public var description: String { value == 1 ? "1 day" : "\(value) days" }

    /// Decodes a plain integer, refusing negative values.
    public init(from decoder: any Decoder) throws {
        let value = try decoder.singleValueContainer().decode(Int.self)
        do {
            try self.init(value)
        } catch {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: error.description))
        }
    }

    /// Encodes a plain integer.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }
}
