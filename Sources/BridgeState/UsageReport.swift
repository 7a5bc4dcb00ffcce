import BridgeValues
import Foundation

/// The last quantity written to a PSA line for a period (SPEC B1, B8).
public struct UsageReport: Sendable, Equatable {
    public var psa: PSAKind
    /// The ConnectWise agreement addition id or Autotask contract service id.
    public var lineId: String
    /// The reporting period (for example `2026-11`), as the billing rules name it.
    public var period: String
    /// The quantity the line holds after the write (exact decimal).
    public var quantity: Decimal
    /// The effect key of the Autotask adjustment that made it, if any.
    public var adjustmentEffectKey: String?
    public var writtenAt: Date

    init(row: StateRow) throws {
        psa = try row.decode("psa", in: "usage_reports")
        lineId = row["line_id"]
        period = row["period"]
        let text: String = row["quantity"]
        guard let quantity = Decimal(string: text) else {
            throw StateStoreError.corruptRow(table: "usage_reports", column: "quantity", value: text)
        }
        self.quantity = quantity
        adjustmentEffectKey = row["adjustment_effect_key"]
        writtenAt = row["written_at"]
    }
}
