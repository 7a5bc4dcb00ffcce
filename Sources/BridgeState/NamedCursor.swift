import Foundation

/// A named position (the alert cursor and others): an opaque string and when it was set.
public struct NamedCursor: Sendable, Equatable {
    public var name: String
    public var value: String
    public var updatedAt: Date

    init(row: StateRow) {
        name = row["name"]
        value = row["value"]
        updatedAt = row["updated_at"]
    }
}
