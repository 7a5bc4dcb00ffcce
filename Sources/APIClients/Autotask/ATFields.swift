/// `{"fields": [...]}`.
struct ATFields: Decodable, Sendable {
    var fields: [ATFieldInfo]
}
