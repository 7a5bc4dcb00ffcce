import Foundation

/// The last tick slot a scheduler published (SPEC S2).
public struct PublishedTick: Sendable, Equatable {
    public var scheduler: String
    /// The slot's start.
    public var slot: Date
    /// The instance that published it.
    public var publishedBy: String
    public var publishedAt: Date

    init(row: StateRow) {
        scheduler = row["scheduler"]
        slot = row["last_slot"]
        publishedBy = row["published_by"]
        publishedAt = row["published_at"]
    }
}
