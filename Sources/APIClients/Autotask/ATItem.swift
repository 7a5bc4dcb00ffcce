/// `{"item": {...}}` (`null` when the id does not exist).
struct ATItem<Item: Decodable & Sendable>: Decodable, Sendable {
    var item: Item?
}
