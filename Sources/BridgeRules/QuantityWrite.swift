import BridgeValues
import Foundation

/// The PSA write that brings a line to a target quantity (B1, B8).
///
/// - ConnectWise: the addition's `quantity` is absolute, so the write is the target itself; it is
///   skipped when the current quantity already equals the target at 2 decimal places (the
///   precision ConnectWise keeps; a value read back through a floating-point JSON number may
///   differ in later digits).
/// - Autotask: units change only through adjustments of the difference: `unitChange = target -
///   current`, both as whole units; no adjustment when the difference is 0.
///
/// Writing the same quantity twice therefore changes nothing (B8). That each Autotask adjustment
/// is posted exactly once across retries is the effect ledger's job: record the decision with its
/// idempotency key before posting it.
public enum QuantityWrite: Sendable, Hashable {
    /// ConnectWise: PATCH the addition's `quantity` to this value.
    case setQuantity(Decimal)
    /// Autotask: POST a contract service adjustment with this `unitChange`.
    case adjustUnits(by: Int)
    /// The line already holds the target.
    case unchanged

    /// The write from `current` to `target`.
    /// - Throws: ``RulesInputError/quantityOutOfRange(_:)`` when an Autotask difference does not
    ///   fit an `Int`.
    public static func decide(psa: PSAKind, target: Decimal, current: Decimal) throws(RulesInputError) -> QuantityWrite {
        switch psa {
        case .connectWise:
            let scale = UsageConversion.connectWiseDecimalPlaces
            return target.rounded(scale: scale, .plain) == current.rounded(scale: scale, .plain)
                ? .unchanged : .setQuantity(target)
        case .autotask:
            let difference = target.rounded(scale: 0, .plain) - current.rounded(scale: 0, .plain)
            guard let change = difference.exactInt else { throw .quantityOutOfRange(difference) }
            return change == 0 ? .unchanged : .adjustUnits(by: change)
        }
    }

    /// The write as operators read it: `set quantity 12.5`, `adjust units +3`, `unchanged`.
    public var operatorDescription: String {
        switch self {
        case .setQuantity(let value): "set quantity \(value)"
        case .adjustUnits(let change): "adjust units \(change > 0 ? "+" : "")\(change)"
        case .unchanged: "unchanged"
        }
    }
}
