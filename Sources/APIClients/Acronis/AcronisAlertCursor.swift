import Foundation

/// Where an alert poll resumes: alerts updated strictly after this instant
/// (`updated_at=gt(<unix nanoseconds>)`).
public struct AcronisAlertCursor: Sendable, Hashable, Codable, Comparable {
    /// Unix time in nanoseconds.
    public var nanoseconds: Int64

    public init(nanoseconds: Int64) {
        self.nanoseconds = nanoseconds
    }

    /// A cursor at `date`, to millisecond precision.
    public init(date: Date) {
        self.nanoseconds = Self.nanoseconds(of: date)
    }

    /// The cursor after `alerts`: the newest `updatedAt` among them, or `self` if none is newer.
    /// Alerts at the cursor instant can be listed again on the next poll; consumers de-duplicate
    /// on the alert id.
    public func advanced(past alerts: [AcronisAlert]) -> AcronisAlertCursor {
        let newest = alerts.compactMap(\.updatedAtNanoseconds).max() ?? nanoseconds
        return AcronisAlertCursor(nanoseconds: max(newest, nanoseconds))
    }

    public static func < (lhs: AcronisAlertCursor, rhs: AcronisAlertCursor) -> Bool {
        lhs.nanoseconds < rhs.nanoseconds
    }

    static func nanoseconds(of date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1000).rounded()) * 1_000_000
    }
}
