import Foundation

/// The `_info` metadata of a record. `lastUpdated` is the only version stamp ConnectWise has.
public struct CWRecordInfo: Sendable, Hashable, Decodable {
    public var lastUpdated: Date?
    public var dateEntered: Date?
    public var enteredBy: String?
    public var updatedBy: String?
}
