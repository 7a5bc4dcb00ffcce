/// `{"itemId": N}`, the answer of create, update and delete.
struct ATItemID: Decodable, Sendable {
    var itemId: Int
}
