import Foundation

extension Decimal {
    /// This value rounded to `scale` decimal places with `mode` (`.up` is towards +infinity,
    /// `.down` towards -infinity).
    public func rounded(scale: Int, _ mode: NSDecimalNumber.RoundingMode) -> Decimal {
        var source = self
        var result = Decimal()
        NSDecimalRound(&result, &source, scale, mode)
        return result
    }

    /// Whether this value has no fractional part.
    var isWhole: Bool { rounded(scale: 0, .down) == self }

    /// This value as an `Int` when it is whole and within `Int`'s range.
    public var exactInt: Int? {
        guard isWhole else { return nil }
        // Decimal's description of a whole value is plain digits; Int(_:) refuses out-of-range text.
        return Int(rounded(scale: 0, .down).description)
    }
}
