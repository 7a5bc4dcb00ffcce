/// A report definition (`POST /api/2/reports` → `201`, `GET /api/2/reports/{id}`). Only what
/// the client uses is read: the id to poll and download, the version to delete it with.
public struct AcronisReport: Sendable, Hashable, Decodable {
    public var id: String
    public var version: Int64
    public var resultAction: String?
    public var generationDate: String?

    enum CodingKeys: String, CodingKey {
        case id, version
        case resultAction = "result_action"
        case generationDate = "generation_date"
    }
}
