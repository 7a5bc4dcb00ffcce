import APIClients
import Foundation

extension UsageRow {
    /// A usage report row (B4, a past period): its **`usage.effective.total`** figure.
    ///
    /// - `effective`, not `absolute` or `delta`: it is the billable figure of the period, delta
    ///   for cumulative items (compute points) and absolute otherwise, which is how the WHMCS
    ///   usage parser bills (acronis-api.md 9.3, "delta for compute points and absolute
    ///   otherwise"), and the same figure the live path bills (`value`, cumulative since the
    ///   period's start for compute points).
    /// - `total`, not `production`: the bridge bills customers (a sub-partner as the sum of its
    ///   customers, B5), and customers are billed on `total` (acronis-api.md 9.3, "WHMCS bills
    ///   customers on `total` and partners/resellers on `production`").
    init(report row: AcronisUsageReportRow) {
        self.init(
            tenantID: row.tenantID.lowercased(), name: row.name, usageName: row.usageName ?? row.name, infraID: row.infraID,
            value: row.effective.total)
    }
}
