/// Filters, order and projection of a ConnectWise list call. Every part is sent on every page.
public struct CWQuery: Sendable, Hashable {
    /// `conditions`.
    public var conditions: CWCondition?
    /// `childConditions` (on array members, e.g. company `types/name = "Client"`).
    public var childConditions: CWCondition?
    /// `customFieldConditions` (e.g. `caption = "Region" and value = "West"`).
    public var customFieldConditions: CWCondition?
    /// `orderBy`, e.g. `.ascending("id")`.
    public var orderBy: Order?
    /// `fields` (partial response). `_info` is returned only when named.
    public var fields: [String]?

    /// A sort order.
    public struct Order: Sendable, Hashable {
        public var field: CWField
        public var ascending: Bool
        public static func ascending(_ field: CWField) -> Order { Order(field: field, ascending: true) }
        public static func descending(_ field: CWField) -> Order { Order(field: field, ascending: false) }
    }

    public init(
        where conditions: CWCondition? = nil, childConditions: CWCondition? = nil,
        customFieldConditions: CWCondition? = nil, orderBy: Order? = nil, fields: [String]? = nil
    ) {
        self.conditions = conditions
        self.childConditions = childConditions
        self.customFieldConditions = customFieldConditions
        self.orderBy = orderBy
        self.fields = fields
    }

    /// The query parameters, rendered and checked.
    func parameters() throws(CWConditionError) -> [(name: String, value: String)] {
        var items: [(name: String, value: String)] = []
        if let conditions { items.append(("conditions", try conditions.rendered())) }
        if let childConditions { items.append(("childConditions", try childConditions.rendered())) }
        if let customFieldConditions { items.append(("customFieldConditions", try customFieldConditions.rendered())) }
        if let orderBy {
            guard orderBy.field.isValid else { throw CWConditionError(reason: "'\(orderBy.field.path)' is not a field path") }
            items.append(("orderBy", "\(orderBy.field.path) \(orderBy.ascending ? "asc" : "desc")"))
        }
        if let fields {
            for field in fields where !CWField(field).isValid {
                throw CWConditionError(reason: "'\(field)' is not a field path")
            }
            items.append(("fields", fields.joined(separator: ",")))
        }
        return items
    }
}
