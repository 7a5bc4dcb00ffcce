/// `{"item": {...}}` (`null` when the id does not exist).
struct ATItem<Item: Decodable & Sendable>: Decodable, Sendable {
    var item: Item?
}

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

/// `{"itemId": N}`, the answer of create, update and delete.
struct ATItemID: Decodable, Sendable {
    var itemId: Int
}

/// `{"fields": [...]}`.
struct ATFields: Decodable, Sendable {
    var fields: [ATFieldInfo]
}
