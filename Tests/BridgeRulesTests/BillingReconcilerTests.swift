import BridgeRules
import BridgeValues
import Foundation
import Testing

@Suite("BillingReconciler: cloud usage vs PSA quantity per line (B1-B3, B6, B8)")
struct BillingReconcilerTests {
    static let workstations = OfferingItemKey(name: "pw_base_workstations")
    static let servers = OfferingItemKey(name: "pw_base_servers")
    static let storage = OfferingItemKey(name: "pw_base_storage", infraID: "infra-1")
    static let gib = Decimal(1 << 30)

    static let mappings = [
        OfferingItemMapping(item: workstations, unit: .count, product: 101),
        OfferingItemMapping(item: servers, unit: .count, product: 102),
        OfferingItemMapping(item: storage, unit: .bytes, product: 201, storage: StorageProducts(class2: 202)),
    ]

    func window() throws -> UsageReportWindow {
        UsageReportWindow(first: try day("2024-05-01"), last: try day("2024-05-15"), includesToday: true)
    }

    func compare(_ usage: TenantUsage, _ lines: [ContractLine], psa: PSAKind = .connectWise) throws -> [ReconciliationLine] {
        let plan = BillingPlanner.plan(usage: usage, lines: lines, mappings: Self.mappings, psa: psa, window: try window())
        return BillingReconciler.compare(plan: plan, usage: usage, lines: lines, mappings: Self.mappings, psa: psa)
    }

    @Test("B1, B8: a PAYG line holding the usage is the same; one holding another quantity differs by cloud minus PSA", arguments: PSAKind.allCases)
    func sameAndDiffers(psa: PSAKind) throws {
        let rows = try compare(
            TenantUsage(items: [Self.workstations: 7, Self.servers: 3]),
            [line(1, product: 101, quantity: "7", .payAsYouGo, contract: 8), line(2, product: 102, quantity: "5", .payAsYouGo, contract: 8)],
            psa: psa)
        #expect(rows.map(\.kind) == [.same, .differs])
        #expect(rows[0].lineID == 1 && rows[0].cloudQuantity == 7 && rows[0].psaQuantity == 7 && rows[0].difference == 0)
        #expect(rows[0].usage == 7 && rows[0].item == Self.workstations && rows[0].contractID == 8)
        #expect(rows[1].lineID == 2 && rows[1].cloudQuantity == 3 && rows[1].psaQuantity == 5 && rows[1].difference == -2)
        #expect(rows.allSatisfy { $0.note.hasPrefix("B1:") && $0.note.contains("2024-05") })
    }

    @Test("cloud only: usage of a mapped item with no PAYG line is billed nowhere, or only prepaid lines hold the product; no usage, no row")
    func cloudOnly() throws {
        let rows = try compare(
            TenantUsage(items: [Self.workstations: 4, Self.servers: 2.5]), [line(3, product: 102, quantity: "10", contract: 9)])
        #expect(rows.map(\.kind) == [.cloudOnly, .cloudOnly])
        #expect(rows[0].productID == 101 && rows[0].lineID == nil && rows[0].psaQuantity == nil)
        #expect(rows[0].cloudQuantity == 4 && rows[0].difference == 4 && rows[0].note.contains("billed nowhere"))
        #expect(rows[1].productID == 102 && rows[1].cloudQuantity == 3, "B6: 2.5 counts are 3 whole")
        #expect(rows[1].usage == 2.5 && rows[1].note.contains("only prepaid lines") && rows[1].note.contains("10"))
        #expect(try compare(TenantUsage(items: [Self.workstations: 0]), []).isEmpty, "zero usage and no line: nothing to reconcile")
        #expect(try compare(.none, []).isEmpty)
    }

    @Test("PSA only: a PAYG line of an unmapped product, of an item the cloud reports no usage of, of a storage class not reported (B3)")
    func psaOnly() throws {
        let rows = try compare(
            TenantUsage(items: [Self.storage: 2 * Self.gib]),
            [
                line(4, product: 999, quantity: "5", .payAsYouGo), line(5, product: 101, quantity: "6", .payAsYouGo),
                line(6, product: 202, quantity: "1", .payAsYouGo), line(7, product: 201, quantity: "2", .payAsYouGo),
                line(8, product: 999, quantity: "9", .payAsYouGo, active: false),
            ])
        #expect(rows.map(\.kind) == [.psaOnly, .same, .psaOnly, .psaOnly])
        #expect(rows.map(\.lineID) == [5, 7, 6, 4])
        let unreported = rows[0]
        #expect(unreported.productID == 101 && unreported.psaQuantity == 6 && unreported.difference == -6 && unreported.cloudQuantity == nil)
        #expect(unreported.note.contains("reports no usage of pw_base_workstations"))
        #expect(rows[1].usageClass == .total && rows[1].cloudQuantity == 2)
        let classTwo = rows[2]
        #expect(classTwo.productID == 202 && classTwo.item == Self.storage && classTwo.note.contains("class 2"))
        #expect(classTwo.note.contains("billing writes nothing"))
        let unmapped = rows[3]
        #expect(unmapped.productID == 999 && unmapped.item == nil && unmapped.difference == -5 && unmapped.note.contains("not mapped"))
    }

    @Test(
        "B3, B6: storage in GB at the PSA's precision: ConnectWise rounds up to 0.01 GB, Autotask to whole GB; a value read back with float noise is the same",
        arguments: [
            (PSAKind.connectWise, "5.51", ReconciliationLine.Kind.same, "5.51", "0"),
            (PSAKind.connectWise, "5.5100000001", ReconciliationLine.Kind.same, "5.51", "0"),
            (PSAKind.connectWise, "5.5", ReconciliationLine.Kind.differs, "5.51", "0.01"),
            (PSAKind.connectWise, "0", ReconciliationLine.Kind.differs, "5.51", "5.51"),
            (PSAKind.autotask, "6", ReconciliationLine.Kind.same, "6", "0"),
            (PSAKind.autotask, "5", ReconciliationLine.Kind.differs, "6", "1"),
            (PSAKind.autotask, "9", ReconciliationLine.Kind.differs, "6", "-3"),
        ])
    func storagePrecision(psa: PSAKind, held: String, kind: ReconciliationLine.Kind, cloud: String, difference: String) throws {
        let bytes = dec("5.5") * Self.gib + 1
        let rows = try compare(TenantUsage(items: [Self.storage: bytes]), [line(10, product: 201, quantity: held, .payAsYouGo)], psa: psa)
        #expect(rows.count == 1)
        #expect(rows.first?.kind == kind)
        #expect(rows.first?.usage == bytes && rows.first?.unit == .bytes && rows.first?.usageClass == .total)
        #expect(rows.first?.cloudQuantity == dec(cloud))
        #expect(rows.first?.difference == dec(difference))
        #expect(rows.first?.note.hasPrefix("B3:") == true)
    }

    @Test("B3: a reported class 2 figure is compared on its own product")
    func storageClass() throws {
        let usage = TenantUsage(
            items: [Self.storage: 3 * Self.gib],
            storages: [Self.storage: StorageUsage(standardBytes: 3 * Self.gib, class2Bytes: Self.gib / 2)])
        let rows = try compare(usage, [line(11, product: 201, quantity: "3", .payAsYouGo), line(12, product: 202, quantity: "0", .payAsYouGo)])
        #expect(rows.map(\.kind) == [.same, .differs])
        #expect(rows[1].usageClass == .class2 && rows[1].cloudQuantity == dec("0.5") && rows[1].difference == dec("0.5"))
    }

    @Test("B2 on ConnectWise: with prepaid and two PAYG lines, the first PAYG line is compared with the usage, the second with 0")
    func combinedLines() throws {
        let rows = try compare(
            TenantUsage(items: [Self.workstations: 9]),
            [
                line(20, product: 101, quantity: "10"), line(21, product: 101, quantity: "9", .payAsYouGo, start: try day("2024-01-01")),
                line(22, product: 101, quantity: "2", .payAsYouGo, start: try day("2024-03-01")),
            ])
        #expect(rows.map(\.kind) == [.same, .differs])
        #expect(rows[1].lineID == 22 && rows[1].cloudQuantity == 0 && rows[1].difference == -2 && rows[1].note.hasPrefix("B2:"))
    }

    @Test("P2 on Autotask: a product on PAYG and prepaid contracts is not billed, one row naming the problem, its lines not listed again")
    func notBilled() throws {
        let rows = try compare(
            TenantUsage(items: [Self.workstations: 5]),
            [line(30, product: 101, quantity: "1", contract: 3), line(31, product: 101, quantity: "0", .payAsYouGo, contract: 4)],
            psa: .autotask)
        #expect(rows.count == 1)
        #expect(rows.first?.kind == .notBilled && rows.first?.productID == 101 && rows.first?.item == Self.workstations)
        #expect(rows.first?.note.contains("pay-as-you-go and prepaid") == true)
        #expect(rows.first?.difference == 0)
    }
}
