/// `{"items": [...]}` without paging.
struct AcronisItems<Item: Decodable & Sendable>: Decodable, Sendable {
    var items: [Item]
}
