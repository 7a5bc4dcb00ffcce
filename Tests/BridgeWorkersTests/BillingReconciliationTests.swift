import BridgeRules
import Testing

@testable import BridgeWorkers

@Suite("BillingReconciliation: what the report says around the rows (B4)")
struct BillingReconciliationTests {
    func window(current: Bool) throws -> UsageReportWindow {
        let month = try CalendarMonth(parsing: "2024-05")
        return try #require(month.usageWindow(today: current ? CalendarDay(year: 2024, month: 5, day: 9) : CalendarDay(year: 2024, month: 7, day: 1)))
    }

    @Test("B4: only the current-month period on the running month needs no note; any other says which period the lines hold")
    func periodNote() throws {
        #expect(BillingReconciliation.periodNote(.currentMonth, window: try window(current: true)) == nil)
        #expect(BillingReconciliation.periodNote(.currentMonth, window: try window(current: false))?.contains("2024-05") == true)
        #expect(BillingReconciliation.periodNote(.previousMonth, window: try window(current: true))?.contains("previous calendar month") == true)
        let custom = BillingReconciliation.periodNote(.customBillingMonth(startDay: try BillingStartDay(15)), window: try window(current: true))
        #expect(custom?.contains("day 15") == true)
    }

    @Test("a month that has not begun or cannot be read is named in the error")
    func errors() throws {
        let month = try CalendarMonth(parsing: "2027-01")
        let today = try CalendarDay(year: 2026, month: 12, day: 5)
        #expect(BillingReconciliationError.notBegun(month: month, today: today).description.contains("2027-01 has not begun"))
        let unread = BillingReconciliationError.usageUnavailable(month: try CalendarMonth(parsing: "2026-11"), reason: "no usage report")
        #expect(unread.description == "the cloud usage of 2026-11 cannot be read: no usage report")
    }
}
