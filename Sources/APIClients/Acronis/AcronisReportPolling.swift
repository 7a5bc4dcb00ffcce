/// How long to wait for a report to be generated: up to `maxPolls` reads of its stored files,
/// `interval` apart (the first at once). The samples poll every 2 s (acronis-api.md 9.3).
public struct AcronisReportPolling: Sendable, Hashable {
    public var interval: Duration
    public var maxPolls: Int

    public init(interval: Duration = .seconds(2), maxPolls: Int = 150) {
        self.interval = interval
        self.maxPolls = max(1, maxPolls)
    }

    /// Every 2 s for up to 5 minutes.
    public static let standard = AcronisReportPolling()
}
