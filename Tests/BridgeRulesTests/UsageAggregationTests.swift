import BridgeRules
import Foundation
import Testing

@Suite("UsageAggregation: sub-partner usage (B5)")
struct UsageAggregationTests {
    @Test("B5: a sub-partner's usage is the sum over its customers, per item")
    func sum() {
        let workstations = OfferingItemKey(name: "pw_base_workstations")
        let storage = OfferingItemKey(name: "pw_base_storage", infraID: "i1")
        let total = UsageAggregation.subPartnerTotal([
            [workstations: 3, storage: 1_000],
            [workstations: 4],
            [storage: dec("0.5")],
            [:],
        ])
        #expect(total == [workstations: 7, storage: dec("1000.5")])
    }

    @Test("B5: no customers, no usage")
    func empty() {
        #expect(UsageAggregation.subPartnerTotal([[String: Decimal]]()).isEmpty)
    }
}
