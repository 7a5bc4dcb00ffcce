import Foundation

/// How one ConnectWise resource behaves: its table, the fields it knows, what it requires on
/// create, which members are references to other records, and what it derives on every write.
struct ConnectWiseResource: Sendable {
    typealias Table = ConnectWiseWorld.Table
    /// Called after the generic checks on create (`old == nil`) and update, to validate and derive fields.
    typealias WriteHook = @Sendable (_ record: inout JSONObject, _ old: JSONObject?, _ store: inout ConnectWiseStore, _ now: Date) throws -> Void

    /// A reference member such as `company` → `companies`, matched by `id` or by `identifier`/`name`.
    struct Reference: Sendable {
        var table: Table
        /// Members copied from the referenced record into the reference object.
        var members: [String]
        /// Member that may identify the record instead of `id` (e.g. `identifier`).
        var alternateKey: String?
    }

    let table: Table
    /// Name used in error bodies (`resource`), e.g. `ticket`.
    let name: String
    /// Member linking a child record to its parent (e.g. `agreementId`, `board/id`), for child routes.
    let parentPath: String?
    /// Top-level members a condition or PATCH may name (stored members are also accepted).
    let fields: Set<String>
    let required: [String]
    let references: [String: Reference]
    /// Members written by the server only; ignored on POST/PUT/PATCH.
    let readOnly: Set<String>
    /// Members accepted on POST but not stored or returned.
    let postOnly: Set<String>
    let onWrite: WriteHook?

    init(
        table: Table, name: String, parentPath: String? = nil, fields: [String], required: [String] = [],
        references: [String: Reference] = [:], readOnly: [String] = [], postOnly: [String] = [], onWrite: WriteHook? = nil
    ) {
        self.table = table
        self.name = name
        self.parentPath = parentPath
        self.fields = Set(fields + ["id", "_info", "customFields"] + Array(references.keys))
        self.required = required
        self.references = references
        self.readOnly = Set(readOnly + ["id", "_info"])
        self.postOnly = Set(postOnly)
        self.onWrite = onWrite
    }

    /// Whether a condition or PATCH path's first member is known for this resource.
    func knows(_ field: String, in store: ConnectWiseStore) -> Bool {
        if fields.contains(field) || postOnly.contains(field) { return true }
        return fields.contains { $0.caseInsensitiveCompare(field) == .orderedSame }
    }
}

extension ConnectWiseResource.Reference {
    static func to(_ table: ConnectWiseWorld.Table, _ members: [String] = ["name"], alternateKey: String? = nil) -> Self {
        Self(table: table, members: members, alternateKey: alternateKey)
    }
}
