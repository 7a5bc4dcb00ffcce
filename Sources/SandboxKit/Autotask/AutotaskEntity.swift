import Foundation

/// How one Autotask entity behaves: which verbs it allows, its parent URL, its fields and the
/// rules applied on each write.
struct AutotaskEntity: Sendable {
    typealias WriteHook = @Sendable (_ record: inout JSONObject, _ old: JSONObject?, _ store: inout AutotaskStore, _ now: Date) throws -> Void

    /// A parent relationship: create/update go through `/{parent}/{parentId}/{child}`.
    struct Parent: Sendable {
        /// Parent entity URL name, e.g. `Tickets`.
        var entity: String
        /// Child URL name, e.g. `Notes`.
        var child: String
        /// Member holding the parent id, e.g. `ticketID`.
        var field: String
    }

    let name: String
    let table: AutotaskWorld.Table?
    let canCreate: Bool
    let canUpdate: Bool
    let canQuery: Bool
    let canDelete: Bool
    let parent: Parent?
    /// Whether creating through the entity's own URL is allowed although it has a parent
    /// (ContractServiceAdjustments: both `POST /ContractServiceAdjustments` and the child URL).
    let rootCreate: Bool
    let fields: [AutotaskField]
    /// The `udfType` picklist value of this entity's user-defined fields; nil when it has none.
    let udfType: Int?
    /// Fields writable on update (nil: every field that is not read-only).
    let updatable: Set<String>?
    let onWrite: WriteHook?

    init(
        _ name: String, table: AutotaskWorld.Table?, create: Bool = true, update: Bool = true, query: Bool = true,
        delete: Bool = false, parent: Parent? = nil, rootCreate: Bool = false, udfType: Int? = nil, updatable: Set<String>? = nil,
        fields: [String], onWrite: WriteHook? = nil
    ) {
        self.name = name
        self.table = table
        self.canCreate = create
        self.canUpdate = update
        self.canQuery = query
        self.canDelete = delete
        self.parent = parent
        self.rootCreate = rootCreate
        self.udfType = udfType
        self.updatable = updatable
        self.fields = (["id:long:ro"] + fields).map(AutotaskField.init(spec:))
        self.onWrite = onWrite
    }

    /// A field by name, case-insensitively.
    func field(_ name: String) -> AutotaskField? {
        fields.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }
    }

    /// `entityInformation` info.
    var information: JSONValue {
        [
            "name": .string(String(name.dropLast(name.hasSuffix("ies") ? 3 : 1)) + (name.hasSuffix("ies") ? "y" : "")),
            "canCreate": .bool(canCreate), "canUpdate": .bool(canUpdate), "canQuery": .bool(canQuery),
            "canDelete": .bool(canDelete), "hasUserDefinedFields": .bool(udfType != nil),
            "supportsWebhookCallouts": .bool(["Companies", "Contacts", "Tickets", "TicketNotes"].contains(name)),
            "userAccessForCreate": "All", "userAccessForQuery": "All", "userAccessForUpdate": "All", "userAccessForDelete": "None",
        ]
    }
}
