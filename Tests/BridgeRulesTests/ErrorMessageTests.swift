import BridgeRules
import Foundation
import Testing

@Suite("Bad input gets a clear error naming what was wrong (S5, P7)")
struct ErrorMessageTests {
    @Test("S5: input errors name the offending value", arguments: [
        (RulesInputError.negativeDayCount(-3), "-3"),
        (.invalidCalendarDay(year: 2023, month: 2, day: 29), "2023-2-29"),
        (.malformedCalendarDay("01/05/2024"), "'01/05/2024'"),
        (.billingStartDayOutOfRange(31), "between 1 and 28, got 31"),
        (.negativeUsage(-7), "-7"),
        (.quantityOutOfRange(Decimal(string: "1e30")!), "too large"),
        (.missingCreatedTicketID, "new ticket's id"),
    ])
    func inputErrors(error: RulesInputError, fragment: String) {
        #expect(error.description.contains(fragment))
    }

    @Test("P2, P7: contract problems name the product, line and items")
    func contractProblems() {
        let items = [OfferingItemKey(name: "pw_base_servers"), OfferingItemKey(name: "pw_base_storage", infraID: "i-1")]
        #expect(ContractProblem.productMappedTwice(productID: 101, items: items).description
            == "product 101 is mapped to several offering items (pw_base_servers, pw_base_storage@i-1); each product maps to one item")
        #expect(ContractProblem.negativeQuantity(lineID: 4, quantity: -2).description == "line 4 has a negative quantity -2")
        #expect(ContractProblem.quantityOutOfRange(productID: 201, quantity: 5).description.contains("product 201"))
        #expect(ContractProblem.mixedBilling(productID: 7, contractIDs: [1, 2]).description.hasPrefix("product 7 has pay-as-you-go and prepaid lines (contracts 1, 2)"))
    }

    @Test("P4, P7: tenant plan failures read as mapping failure reasons")
    func tenantPlanErrors() {
        let texts = [
            TenantPlanError.companyNameEmpty, .activationEmailMissing, .noPrimaryContact, .invalidEmail("jane@"),
        ].map(\.description)
        #expect(texts == [
            "the company has no name to give the new tenant",
            "accounts are based on the company name, but no activation email address is set",
            "the company has no primary contact to make the tenant's admin",
            "'jane@' is not a valid email address",
        ])
        #expect(TenantGuard.Protection.unsupportedKind("folder").description.contains("folder tenant"))
    }

    @Test("T2, P6: settings describe themselves for logs")
    func settingDescriptions() throws {
        #expect(try after(1).description == "after 1 day")
        #expect(try after(30).description == "after 30 days")
        #expect(DayThreshold.off.description == "off")
        #expect(try DayCount(2) < (try DayCount(3)))
        #expect(try BillingStartDay(5) < (try BillingStartDay(28)))
        #expect(try BillingStartDay(28).description == "28")
    }

    @Test("P2, P3: quota decisions read well in the audit log")
    func quotaDescriptions() {
        #expect([QuotaTarget.unlimited, .limited(15), .disabled].map(\.description) == ["unlimited", "limited to 15", "disabled"])
        let reasons: [QuotaReason] = [
            .prepaid(totalQuantity: 15), .payAsYouGo, .prepaidAndPayAsYouGo, .freeProvisioning, .noActiveLine, .unmappedItem,
            .defaultStorage, .storageBilledThroughUsageLines,
        ]
        #expect(reasons.map(\.description) == [
            "prepaid lines total 15", "pay-as-you-go line", "prepaid and pay-as-you-go lines", "no active line, Free provisioning on",
            "no active line", "not mapped to a product", "default storage, no storage product on the contract",
            "storage billed through its usage-class lines",
        ])
        #expect(TicketDecision.IdleReason.allCases.map(\.rawValue) == ["no-ticket-to-resolve", "ticket-already-closed"])
    }

    @Test("P3: a kept item has no quota target")
    func keptItem() {
        let decision = QuotaItemDecision(item: OfferingItemKey(name: "x"), outcome: .keepCurrent(.negativeQuantity(lineID: 1, quantity: -1)))
        #expect(decision.target == nil)
    }

    @Test("T1: an Autotask description stays within 8000 even when the fixed lines alone are longer")
    func oversizedFixedLines() throws {
        var alert = try sampleAlert()
        alert.tenantName = String(repeating: "N", count: 9_000)
        let text = TicketText.description(for: alert, psa: .autotask)
        #expect(text.utf16.count == 8_000)
        #expect(text.hasSuffix("…"))
        #expect(!text.contains("Details:"))
    }
}
