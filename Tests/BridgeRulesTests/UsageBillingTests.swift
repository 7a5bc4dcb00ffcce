import BridgeRules
import BridgeValues
import Foundation
import Testing

@Suite("UsageBilling: which lines get the usage (B1, B2)")
struct UsageBillingTests {
    static let today = try! CalendarDay(year: 2024, month: 5, day: 15)

    func plan(_ lines: [ContractLine], usage: Decimal = 42, unit: OfferingItemUnit = .count, psa: PSAKind = .connectWise) throws -> UsageLinePlan {
        try UsageBilling.plan(productID: 101, usage: usage, unit: unit, lines: lines, psa: psa, today: Self.today)
    }

    @Test("B1: a pay-as-you-go line gets the tenant's usage; prepaid lines get none", arguments: PSAKind.allCases)
    func payAsYouGoOnly(psa: PSAKind) throws {
        #expect(try plan([line(1, product: 101, quantity: "3", .payAsYouGo, contract: 8)], psa: psa).targets
            == [LineQuantity(lineID: 1, contractID: 8, quantity: 42)])
        #expect(try plan([line(1, product: 101, quantity: "10")], psa: psa) == UsageLinePlan(targets: []))
    }

    @Test("B2: ConnectWise prepaid plus pay-as-you-go: the PAYG addition shows the whole usage")
    func combined() throws {
        let result = try plan([line(1, product: 101, quantity: "10"), line(2, product: 101, quantity: "0", .payAsYouGo)], usage: 14)
        #expect(result.targets == [LineQuantity(lineID: 2, contractID: 1, quantity: 14)])
        #expect(result.problem == nil)
    }

    @Test("B1, P2: Autotask prepaid and PAYG lines for one product write nothing and report the mapping error")
    func mixedAutotask() throws {
        let result = try plan([line(1, product: 101, quantity: "10", contract: 3), line(2, product: 101, quantity: "0", .payAsYouGo, contract: 4)], psa: .autotask)
        #expect(result.targets.isEmpty)
        #expect(result.problem == .mixedBilling(productID: 101, contractIDs: [3, 4]))
    }

    @Test("B1, B8: several PAYG lines: the earliest-starting one gets the whole usage, the others 0")
    func severalPayAsYouGo() throws {
        let lines = [
            line(5, product: 101, quantity: "9", .payAsYouGo, start: try day("2024-03-01")),
            line(3, product: 101, quantity: "9", .payAsYouGo, start: try day("2024-01-01")),
            line(4, product: 101, quantity: "9", .payAsYouGo, start: try day("2024-01-01")),
        ]
        #expect(try plan(lines).targets.map(\.lineID) == [3, 4, 5])
        #expect(try plan(lines).targets.map(\.quantity) == [42, 0, 0])
        let undated = try plan(lines + [line(9, product: 101, quantity: "0", .payAsYouGo), line(8, product: 101, quantity: "0", .payAsYouGo)])
        #expect(undated.targets.map(\.lineID) == [8, 9, 3, 4, 5])
        #expect(undated.targets.first == LineQuantity(lineID: 8, contractID: 1, quantity: 42))
    }

    @Test("B1: inactive lines and lines of other products are left alone")
    func activeLinesOfTheProduct() throws {
        let lines = [
            line(1, product: 101, quantity: "5", .payAsYouGo, end: try day("2024-05-14")),
            line(2, product: 101, quantity: "5", .payAsYouGo, active: false),
            line(3, product: 102, quantity: "5", .payAsYouGo),
            line(4, product: 101, quantity: "5", .payAsYouGo, start: try day("2024-05-15")),
        ]
        #expect(try plan(lines).targets.map(\.lineID) == [4])
    }

    @Test("B3, B6: storage usage in bytes is written in each PSA's GB precision")
    func storage() throws {
        let bytes = Decimal(1_073_741_824) * dec("10.25")
        let payg = [line(1, product: 101, quantity: "0", .payAsYouGo)]
        #expect(try plan(payg, usage: bytes, unit: .bytes, psa: .connectWise).targets.map(\.quantity) == [dec("10.25")])
        #expect(try plan(payg, usage: bytes, unit: .bytes, psa: .autotask).targets.map(\.quantity) == [11])
    }

    @Test("B1: negative usage is refused")
    func negative() {
        #expect(throws: RulesInputError.negativeUsage(-3)) { try plan([], usage: -3) }
    }
}
