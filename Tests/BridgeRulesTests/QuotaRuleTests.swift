import BridgeRules
import BridgeValues
import Foundation
import Testing

@Suite("QuotaRule: quotas from contract lines (P2, P3)")
struct QuotaRuleTests {
    static let gigabyte = 1_073_741_824
    static let workstations = OfferingItemKey(name: "pw_base_workstations")
    static let servers = OfferingItemKey(name: "pw_base_servers")
    static let vms = OfferingItemKey(name: "pw_base_vms")
    static let mobiles = OfferingItemKey(name: "pw_base_mobiles")
    static let websites = OfferingItemKey(name: "pw_base_websites")
    static let storageA = OfferingItemKey(name: "pw_base_storage", infraID: "infra-a")
    static let storageB = OfferingItemKey(name: "pw_base_storage", infraID: "infra-b")

    static let mappings: [OfferingItemMapping] = [
        OfferingItemMapping(item: workstations, unit: .count, product: 101),
        OfferingItemMapping(item: servers, unit: .count, product: 102),
        OfferingItemMapping(item: vms, unit: .count, product: 103, freeProvisioning: true),
        OfferingItemMapping(item: mobiles, unit: .count, product: nil),
        OfferingItemMapping(item: websites, unit: .count, product: nil, freeProvisioning: true),
        OfferingItemMapping(
            item: storageA, unit: .bytes, product: 201,
            storage: StorageProducts(class1: 202, class2: 203, geoRedundant: 204, isDefault: true)),
        OfferingItemMapping(item: storageB, unit: .bytes, product: 301, storage: StorageProducts()),
    ]

    static let today = try! CalendarDay(year: 2024, month: 5, day: 15)

    func plan(_ lines: [ContractLine], psa: PSAKind = .connectWise, mappings: [OfferingItemMapping] = mappings) -> QuotaPlan {
        QuotaRule.plan(mappings: mappings, lines: lines, psa: psa, today: Self.today)
    }

    @Test("P2: prepaid lines give a quota of their summed quantity, overage 0", arguments: PSAKind.allCases)
    func prepaidSum(psa: PSAKind) {
        let result = plan([line(1, product: 101, quantity: "10"), line(2, product: 101, quantity: "5", contract: 2)], psa: psa)
        #expect(result[Self.workstations]?.outcome == .set(.limited(15), .prepaid(totalQuantity: 15)))
        #expect(result.problems.isEmpty)
    }

    @Test("P2: a prepaid line of quantity 0 gives a zero quota, not a disabled item")
    func prepaidZero() {
        #expect(plan([line(1, product: 101, quantity: "0")])[Self.workstations]?.outcome == .set(.limited(0), .prepaid(totalQuantity: 0)))
    }

    @Test("P2: fractional prepaid counts are rounded down to whole items")
    func fractionalCount() {
        #expect(plan([line(1, product: 101, quantity: "10.75")])[Self.workstations]?.target == .limited(10))
    }

    @Test("P2: prepaid storage in GB becomes a quota in binary bytes (1 GB = 2^30)")
    func storageBytes() {
        let result = plan([line(1, product: 201, quantity: "1000"), line(2, product: 301, quantity: "0.5")])
        #expect(result[Self.storageA]?.outcome == .set(.limited(1000 * Self.gigabyte), .prepaid(totalQuantity: 1000)))
        #expect(result[Self.storageB]?.target == .limited(Self.gigabyte / 2))
    }

    @Test("P2: pay-as-you-go lines give unlimited", arguments: PSAKind.allCases)
    func payAsYouGo(psa: PSAKind) {
        let result = plan([line(1, product: 101, quantity: "0", .payAsYouGo), line(2, product: 101, quantity: "37", .payAsYouGo)], psa: psa)
        #expect(result[Self.workstations]?.outcome == .set(.unlimited, .payAsYouGo))
    }

    @Test("P2: ConnectWise prepaid and pay-as-you-go lines for one product give unlimited")
    func combinedConnectWise() {
        let result = plan([line(1, product: 101, quantity: "10"), line(2, product: 101, quantity: "12", .payAsYouGo)])
        #expect(result[Self.workstations]?.outcome == .set(.unlimited, .prepaidAndPayAsYouGo))
        #expect(result.problems.isEmpty)
    }

    @Test("P2: Autotask prepaid and pay-as-you-go lines for one product are a mapping error; the quota is kept")
    func mixedAutotask() {
        let lines = [
            line(1, product: 101, quantity: "10", contract: 7), line(2, product: 101, quantity: "3", .payAsYouGo, contract: 9),
            line(3, product: 101, quantity: "1", contract: 7), line(4, product: 102, quantity: "4", contract: 7),
        ]
        let result = plan(lines, psa: .autotask)
        let problem = ContractProblem.mixedBilling(productID: 101, contractIDs: [7, 9])
        #expect(result[Self.workstations]?.outcome == .keepCurrent(problem))
        #expect(result[Self.servers]?.target == .limited(4))
        #expect(result.problems == [problem])
        #expect(problem.description.contains("either PAYG or prepaid"))
    }

    @Test("P2, P3: only lines active today count: not yet started, ended, or cancelled lines do not")
    func activeLinesOnly() throws {
        let lines = [
            line(1, product: 101, quantity: "5", start: try day("2024-05-16")),
            line(2, product: 101, quantity: "6", end: try day("2024-05-14")),
            line(3, product: 101, quantity: "7", active: false),
            line(4, product: 101, quantity: "8", start: try day("2024-05-15"), end: try day("2024-05-15")),
            line(5, product: 102, quantity: "9", .payAsYouGo, end: try day("2024-05-14")),
        ]
        let result = plan(lines)
        #expect(result[Self.workstations]?.target == .limited(8))
        #expect(result[Self.servers]?.outcome == .set(.disabled, .noActiveLine))
    }

    @Test("P3: a mapped item without an active line is disabled, or unlimited with Free provisioning")
    func noLine() {
        let result = plan([line(1, product: 101, quantity: "1")])
        #expect(result[Self.servers]?.outcome == .set(.disabled, .noActiveLine))
        #expect(result[Self.vms]?.outcome == .set(.unlimited, .freeProvisioning))
    }

    @Test("P3: an unmapped item is disabled, or unlimited with Free provisioning")
    func unmapped() {
        let result = plan([line(1, product: 101, quantity: "1"), line(2, product: 999, quantity: "50")])
        #expect(result[Self.mobiles]?.outcome == .set(.disabled, .unmappedItem))
        #expect(result[Self.websites]?.outcome == .set(.unlimited, .freeProvisioning))
    }

    @Test("P3: with no storage product on the contract the default storage is assigned (unlimited); others are not")
    func defaultStorage() {
        let result = plan([line(1, product: 101, quantity: "3")])
        #expect(result[Self.storageA]?.outcome == .set(.unlimited, .defaultStorage))
        #expect(result[Self.storageB]?.outcome == .set(.disabled, .noActiveLine))
    }

    @Test("P3: once a storage product is on the contract the default storage follows the ordinary rules")
    func storageOnContract() {
        let result = plan([line(1, product: 301, quantity: "200")])
        #expect(result[Self.storageB]?.target == .limited(200 * Self.gigabyte))
        #expect(result[Self.storageA]?.outcome == .set(.disabled, .noActiveLine))
    }

    @Test("P3, B3: a storage billed only through its class product lines is on, unlimited")
    func storageThroughClassLines() {
        let result = plan([line(1, product: 203, quantity: "100")])
        #expect(result[Self.storageA]?.outcome == .set(.unlimited, .storageBilledThroughUsageLines))
        #expect(result[Self.storageB]?.outcome == .set(.disabled, .noActiveLine))
    }

    @Test("P2: a negative prepaid quantity is refused; the quota is kept")
    func negativeQuantity() {
        let result = plan([line(6, product: 101, quantity: "-1"), line(4, product: 101, quantity: "-2"), line(3, product: 101, quantity: "5")])
        #expect(result[Self.workstations]?.outcome == .keepCurrent(.negativeQuantity(lineID: 4, quantity: -2)))
        #expect(result.problems == [.negativeQuantity(lineID: 4, quantity: -2)])
    }

    @Test("P2: a quota too large for the API is refused; the quota is kept")
    func outOfRange() {
        let result = plan([line(1, product: 201, quantity: "10000000000000")])
        #expect(result[Self.storageA]?.outcome == .keepCurrent(.quantityOutOfRange(productID: 201, quantity: dec("10000000000000"))))
    }

    @Test("P2: a product mapped to two items is refused for both; other items are planned")
    func mappedTwice() {
        var mappings = Self.mappings
        mappings[1].product = 101
        mappings[6].storage = StorageProducts(class1: 301)
        let result = plan([line(1, product: 101, quantity: "5"), line(2, product: 103, quantity: "2")], mappings: mappings)
        let twice101 = ContractProblem.productMappedTwice(productID: 101, items: [Self.servers, Self.workstations])
        let twice301 = ContractProblem.productMappedTwice(productID: 301, items: [Self.storageB])
        #expect(result[Self.workstations]?.outcome == .keepCurrent(twice101))
        #expect(result[Self.servers]?.outcome == .keepCurrent(twice101))
        #expect(result[Self.vms]?.target == .limited(2))
        // One mapping using product 301 twice (quota and class 1) is not a conflict between items.
        #expect(result[Self.storageB]?.outcome == .set(.disabled, .noActiveLine))
        #expect(!result.problems.contains(twice301))
        #expect(result.problems == [twice101])
    }

    @Test("P2, P3: one decision per item given, in order; items not given are not planned")
    func coverage() {
        let result = plan([])
        #expect(result.decisions.map(\.item) == Self.mappings.map(\.item))
        #expect(result[OfferingItemKey(name: "pw_pack_adv_security")] == nil)
    }
}
