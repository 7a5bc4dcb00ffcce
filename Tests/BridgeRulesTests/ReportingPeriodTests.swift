import BridgeRules
import Testing

@Suite("ReportingPeriod: which days range items report (B4)")
struct ReportingPeriodTests {
    func window(_ first: String, _ last: String, today: Bool) throws -> UsageReportDecision {
        .report(UsageReportWindow(first: try day(first), last: try day(last), includesToday: today))
    }

    func custom(_ start: Int) throws -> ReportingPeriod {
        .customBillingMonth(startDay: try BillingStartDay(start))
    }

    @Test("B4: current month reports daily from the 1st through today", arguments: [
        ("2024-05-01", "2024-05-01"), ("2024-05-17", "2024-05-01"), ("2024-02-29", "2024-02-01"), ("2023-12-31", "2023-12-01"),
    ])
    func currentMonth(today: String, first: String) throws {
        #expect(ReportingPeriod.currentMonth.decision(on: try day(today)) == (try window(first, today, today: true)))
    }

    @Test("B4: previous month reports daily the whole previous calendar month", arguments: [
        ("2024-03-01", "2024-02-01", "2024-02-29"), ("2023-03-31", "2023-02-01", "2023-02-28"),
        ("2025-01-15", "2024-12-01", "2024-12-31"), ("2024-05-31", "2024-04-01", "2024-04-30"),
    ])
    func previousMonth(today: String, first: String, last: String) throws {
        #expect(ReportingPeriod.previousMonth.decision(on: try day(today)) == (try window(first, last, today: false)))
    }

    @Test("B4: custom month reports once, on the start day, covering the month before it", arguments: [
        (1, "2023-03-01", "2023-02-01", "2023-02-28"), (1, "2024-03-01", "2024-02-01", "2024-02-29"),
        (1, "2025-01-01", "2024-12-01", "2024-12-31"), (15, "2025-01-15", "2024-12-15", "2025-01-14"),
        (28, "2024-03-28", "2024-02-28", "2024-03-27"), (28, "2023-02-28", "2023-01-28", "2023-02-27"),
        (28, "2024-01-28", "2023-12-28", "2024-01-27"),
    ])
    func customDue(start: Int, today: String, first: String, last: String) throws {
        #expect(try custom(start).decision(on: try day(today)) == (try window(first, last, today: false)))
    }

    @Test("B4: on other days the custom month names the next report day", arguments: [
        (28, "2024-03-01", "2024-03-28"), (28, "2024-02-29", "2024-03-28"), (28, "2023-02-27", "2023-02-28"),
        (15, "2024-12-20", "2025-01-15"), (1, "2024-12-31", "2025-01-01"), (1, "2024-02-29", "2024-03-01"),
    ])
    func customNotDue(start: Int, today: String, next: String) throws {
        #expect(try custom(start).decision(on: try day(today)) == .notDue(nextReportDay: try day(next)))
    }

    @Test("B4: every custom window is one month, reported on the start day only, over three years and every start day")
    func customInvariant() throws {
        let first = try day("2023-01-01").daysSinceEpoch
        let last = try day("2025-12-31").daysSinceEpoch
        for start in 1...28 {
            let period = try custom(start)
            var reports = 0
            for number in first...last {
                let today = CalendarDay(daysSinceEpoch: number)
                switch period.decision(on: today) {
                case .report(let window):
                    reports += 1
                    #expect(today.day == start)
                    #expect(window.last == today.adding(days: -1))
                    #expect(window.first.adding(months: 1) == today)
                    #expect(window.first.day == start)
                case .notDue(let next):
                    #expect(today.day != start && next > today && next.day == start)
                    #expect(next.daysSinceEpoch - today.daysSinceEpoch <= 31)
                }
            }
            #expect(reports == 36)
        }
    }

    @Test("B4: the start day must be 1 to 28", arguments: [0, 29, 30, 31, -1])
    func startDayRange(value: Int) {
        #expect(throws: RulesInputError.billingStartDayOutOfRange(value)) { try BillingStartDay(value) }
    }
}
