/// A condition that cannot be rendered (bad field path, empty list).
public struct CWConditionError: Error, Sendable, Hashable, CustomStringConvertible {
    public let reason: String
    public var description: String { "invalid ConnectWise condition: \(reason)" }
}
