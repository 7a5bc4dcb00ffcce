/// Server-side usage of the hourly request budget (`GET /ThresholdInformation`; the call counts too).
public struct ATThresholdInformation: Sendable, Hashable, Decodable {
    public var externalRequestThreshold: Int
    /// Window length in minutes.
    public var requestThresholdTimeframe: Int?
    public var currentTimeframeRequestCount: Int
}
