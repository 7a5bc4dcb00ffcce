import BridgeRules
import Foundation

/// Seconds in one day, for building instants N days apart.
let secondsPerDay: TimeInterval = 86_400

/// An instant from ISO 8601 text, e.g. "2024-05-01T10:00:00Z".
func utc(_ text: String) throws -> Date {
    try Date(text, strategy: .iso8601)
}

/// A calendar day from "YYYY-MM-DD".
func day(_ text: String) throws -> CalendarDay {
    try CalendarDay(parsing: text)
}

/// A threshold of `n` days.
func after(_ n: Int) throws -> DayThreshold {
    .after(try DayCount(n))
}

/// A decimal from text, exact.
func dec(_ text: String) -> Decimal {
    Decimal(string: text)!
}

/// A line for the quota and billing rules, active by default with no dates.
func line(
    _ id: Int, product: Int, quantity: String = "0", _ billing: LineBilling = .prepaid, contract: Int = 1,
    active: Bool = true, start: CalendarDay? = nil, end: CalendarDay? = nil
) -> ContractLine {
    ContractLine(
        id: id, contractID: contract, productID: product, quantity: dec(quantity), billing: billing,
        statusActive: active, startDay: start, endDay: end)
}

/// An alert with every field set.
func sampleAlert(
    title: String = "Backup failed", resourceName: String? = "SRV01", resourceID: String? = "res-1",
    message: String? = "The backup could not reach the storage."
) throws -> AlertFacts {
    AlertFacts(
        alertID: "8F1C2D3E-0000-4000-8000-000000000001", alertType: "BackupFailed", title: title,
        severity: "error", category: "Backup", occurredAt: try utc("2024-05-01T10:00:00Z"),
        tenantID: "6f1e0000-0000-4000-8000-00000000abcd", tenantName: "Green Torch", resourceID: resourceID,
        resourceName: resourceName, planName: "Daily servers", message: message)
}
