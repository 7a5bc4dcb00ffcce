/// The day of the month a custom billing month starts on, 1...28 (B4), so that every month has it.
public struct BillingStartDay: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The day of the month, 1...28.
    public let value: Int

    /// - Throws: ``RulesInputError/billingStartDayOutOfRange(_:)`` outside 1...28.
    public init(_ value: Int) throws(RulesInputError) {
        guard (1...28).contains(value) else { throw .billingStartDayOutOfRange(value) }
        self.value = value
    }

    public static func < (lhs: BillingStartDay, rhs: BillingStartDay) -> Bool { lhs.value < rhs.value }

    public var description: String { String(value) }
}
