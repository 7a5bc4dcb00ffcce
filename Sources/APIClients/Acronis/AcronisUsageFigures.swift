import Foundation

/// One measure of a usage report row, split by pricing mode (`usage.<measure>.production`,
/// `.trial`, `.total`; acronis-api.md 9.3).
public struct AcronisUsageFigures: Sendable, Hashable {
    /// Usage while the tenant is in production mode.
    public var production: Decimal
    /// Usage while the tenant is in trial mode.
    public var trial: Decimal
    /// Production and trial together.
    public var total: Decimal

    public init(production: Decimal, trial: Decimal, total: Decimal) {
        self.production = production
        self.trial = trial
        self.total = total
    }
}
