/// Body of `POST /api/2/reports` for a report generated once and saved (acronis-api.md 9.3):
/// `{"parameters": {kind, tenant_id, level, formats, period: {start, end}, show_skus,
/// hide_zero_usage}, "schedule": {"type": "once"}, "result_action": "save"}`.
public struct AcronisReportCreate: Sendable, Hashable, Encodable {
    public var parameters: Parameters
    public var schedule: Schedule
    public var resultAction: String

    /// `parameters` of the report.
    public struct Parameters: Sendable, Hashable, Encodable {
        /// `usage_summary`, `usage_current`, `usage_daily` or `usage_breakdown`.
        public var kind: String
        public var tenantID: String
        public var level: AcronisReportLevel
        /// `csv_v2_0`, `json_v2_0`, `csv`, `html`, `json_v1`.
        public var formats: [String]
        public var period: Period?
        public var showSKUs: Bool?
        public var hideZeroUsage: Bool?

        enum CodingKeys: String, CodingKey {
            case kind, level, formats, period
            case tenantID = "tenant_id"
            case showSKUs = "show_skus"
            case hideZeroUsage = "hide_zero_usage"
        }
    }

    /// `parameters.period`: UTC days written `YYYY-MM-DD`, both inclusive.
    public struct Period: Sendable, Hashable, Encodable {
        public var start: String
        public var end: String
    }

    /// `schedule`: `once` here.
    public struct Schedule: Sendable, Hashable, Encodable {
        public var type: String
    }

    enum CodingKeys: String, CodingKey {
        case parameters, schedule
        case resultAction = "result_action"
    }

    /// The `csv_v2_0` format, the one ``AcronisUsageReportRow`` reads.
    public static let csvFormat = "csv_v2_0"

    /// A `usage_summary` of `tenantID`'s tenants at `level` for the days `start`...`end`
    /// (`YYYY-MM-DD`), in `csv_v2_0`, with SKUs, generated once and saved: the report Acronis
    /// recommends for billing a past period.
    public static func usageSummary(
        tenantID: String, level: AcronisReportLevel, start: String, end: String, hideZeroUsage: Bool = true
    ) -> AcronisReportCreate {
        AcronisReportCreate(
            parameters: Parameters(
                kind: "usage_summary", tenantID: tenantID, level: level, formats: [csvFormat],
                period: Period(start: start, end: end), showSKUs: true, hideZeroUsage: hideZeroUsage),
            schedule: Schedule(type: "once"), resultAction: "save")
    }
}
