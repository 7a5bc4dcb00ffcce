/// One generated file of a report (`GET /api/2/reports/{id}/stored` → `items`).
public struct AcronisStoredReport: Sendable, Hashable, Decodable {
    public var id: String
    /// The format this file is in (`csv_v2_0`, `json_v2_0`, …).
    public var reportFormat: String?
    public var size: Int64?
    public var createdAt: String?
    /// `in_progress`, `saved` or `failed` (others are kept as they come).
    public var status: String

    /// The file is ready to download.
    public var isSaved: Bool { status == "saved" }
    /// Generation failed; the file will not come.
    public var isFailed: Bool { status == "failed" }
    /// Still being generated.
    public var isInProgress: Bool { status == "in_progress" }

    enum CodingKeys: String, CodingKey {
        case id, size, status
        case reportFormat = "report_format"
        case createdAt = "created_at"
    }
}
