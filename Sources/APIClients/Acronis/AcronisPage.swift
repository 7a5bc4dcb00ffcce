/// A cursor-paged listing: `{"items": [...], "paging": {"cursors": {"after": "..."}}}`.
struct AcronisPage<Item: Decodable & Sendable>: Decodable, Sendable {
    var items: [Item]
    var paging: Paging?

    struct Paging: Decodable, Sendable {
        var cursors: Cursors?
    }
    struct Cursors: Decodable, Sendable {
        var after: String?
    }

    var nextCursor: String? {
        guard let after = paging?.cursors?.after, !after.isEmpty else { return nil }
        return after
    }
}
