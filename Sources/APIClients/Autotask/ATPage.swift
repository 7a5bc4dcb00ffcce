/// `{"items": [...], "pageDetails": {...}}`.
struct ATPage<Item: Decodable & Sendable>: Decodable, Sendable {
    var items: [Item]
    var pageDetails: PageDetails?

    struct PageDetails: Decodable, Sendable {
        var count: Int?
        var requestCount: Int?
        var nextPageUrl: String?
    }
}
