/// Body of `POST /{Entity}/query`: `{"filter": [...], "MaxRecords": n, "IncludeFields": [...]}`.
struct ATQuery: Sendable, Encodable {
    var filter: [ATFilter]
    var maxRecords: Int?
    var includeFields: [String]?

    enum CodingKeys: String, CodingKey {
        case filter
        case maxRecords = "MaxRecords"
        case includeFields = "IncludeFields"
    }
}
