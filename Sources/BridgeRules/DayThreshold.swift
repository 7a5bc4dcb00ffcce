import Foundation

/// A setting that is either off or "after N days" (T2 new ticket after N days; P6 disable and
/// delete after N days). See ``DayCount`` for what "N days" means.
public enum DayThreshold: Sendable, Hashable, CustomStringConvertible {
    /// The setting is off: the threshold is never reached.
    case off
    /// The setting is on with N days.
    case after(DayCount)

    /// From the settings' pair of "enabled" and "days".
    /// - Throws: ``RulesInputError/negativeDayCount(_:)`` when `days` is below 0, even when the
    ///   setting is off, so a bad value is caught when it is stored rather than when it is enabled.
    public init(enabled: Bool, days: Int) throws(RulesInputError) {
        let count = try DayCount(days)
        self = enabled ? .after(count) : .off
    }

    /// Whether the threshold is on and its days have passed since `start` at `now`.
    public func isReached(since start: Date, at now: Date) -> Bool {
        switch self {
        case .off: false
        case .after(let days): days.hasElapsed(since: start, at: now)
        }
    }

    public var description: String {
        switch self {
        case .off: "off"
        case .after(let days): "after \(days)"
        }
    }
}
