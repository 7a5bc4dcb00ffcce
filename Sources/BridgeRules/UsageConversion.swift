import BridgeValues
import Foundation

/// Cloud usage to the quantity a PSA line holds (B1, B3, B6).
///
/// | unit | ConnectWise addition `quantity` | Autotask contract service units |
/// |---|---|---|
/// | count | whole number | whole number |
/// | bytes | GB, 2 decimal places, rounded up | whole GB, rounded up |
///
/// - Counts are whole (B6); a fractional count (an averaged value) is rounded up.
/// - GB are binary, 1 GB = 2^30 bytes, as the Acronis portal shows storage (see
///   ``StorageBilling/bytesPerGigabyte``), so a PSA line and the portal show the same figure.
/// - ConnectWise shows quantities with 2 decimal places; storage is rounded up to 0.01 GB so a
///   tenant is never billed below what it stores. Autotask units are integers (B6: rounded up).
public enum UsageConversion {
    /// The decimal places of a ConnectWise storage quantity.
    public static let connectWiseDecimalPlaces = 2

    /// The PSA quantity for `usage` (items, or bytes for storage).
    /// - Throws: ``RulesInputError/negativeUsage(_:)`` when `usage` is below 0.
    public static func psaQuantity(
        usage: Decimal, unit: OfferingItemUnit, psa: PSAKind
    ) throws(RulesInputError) -> Decimal {
        guard usage >= 0 else { throw .negativeUsage(usage) }
        switch (unit, psa) {
        case (.count, _):
            return usage.rounded(scale: 0, .up)
        case (.bytes, .connectWise):
            return StorageBilling.gigabytes(bytes: usage).rounded(scale: connectWiseDecimalPlaces, .up)
        case (.bytes, .autotask):
            return StorageBilling.gigabytes(bytes: usage).rounded(scale: 0, .up)
        }
    }
}
