import BridgeRules
import Testing

@Suite("Scope: which companies are considered and which tenants are never changed (P1)")
struct ScopeTests {
    let scope = CompanyScope()

    @Test("P1: an active company of a customer type is in scope", arguments: [["Customer"], ["Client"], ["Vendor", " customer "], ["CLIENT"]])
    func inScope(types: [String]) {
        #expect(scope.evaluate(CompanyFacts(id: "1", name: "Green Inc.", typeNames: types, isActive: true)) == .inScope)
    }

    @Test("P1: other company types are out of scope", arguments: [["Vendor"], ["Prospect", "Lead"], []])
    func notCustomer(types: [String]) {
        #expect(scope.evaluate(CompanyFacts(id: "1", name: "X", typeNames: types, isActive: true)) == .outOfScope(.notCustomerType))
    }

    @Test("P1: inactive and deleted companies are out of scope; deleted is reported first")
    func inactive() {
        #expect(scope.evaluate(CompanyFacts(id: "1", name: "X", typeNames: ["Customer"], isActive: false)) == .outOfScope(.inactive))
        #expect(scope.evaluate(CompanyFacts(id: "1", name: "X", typeNames: ["Vendor"], isActive: false)) == .outOfScope(.inactive))
        #expect(scope.evaluate(CompanyFacts(id: "1", name: "X", typeNames: ["Customer"], isActive: false, isDeleted: true)) == .outOfScope(.deleted))
    }

    @Test("P1: a deployment can name its own customer types")
    func customTypes() {
        let custom = CompanyScope(customerTypeNames: ["Managed Client"])
        #expect(custom.evaluate(CompanyFacts(id: "1", name: "X", typeNames: ["managed client"], isActive: true)) == .inScope)
        #expect(custom.evaluate(CompanyFacts(id: "1", name: "X", typeNames: ["Customer"], isActive: true)) == .outOfScope(.notCustomerType))
    }

    @Test("P1: customer and partner tenants in normal mode may be changed", arguments: ["customer", "partner", "Customer"])
    func manageable(kind: String) {
        #expect(TenantGuard.evaluate(TenantFacts(id: "t", name: "T", kind: kind)) == .manageable)
    }

    @Test("P1: tenants in self-service mode or with support access disabled are never changed, with the reason shown")
    func protected() {
        let selfService = TenantGuard.evaluate(TenantFacts(id: "t", name: "T", selfServiceMode: true, supportAccessDisabled: true))
        #expect(selfService == .neverChanged(.selfServiceMode))
        let noSupport = TenantGuard.evaluate(TenantFacts(id: "t", name: "T", supportAccessDisabled: true))
        #expect(noSupport == .neverChanged(.supportAccessDisabled))
        #expect(TenantGuard.Protection.selfServiceMode.explanation.contains("self-service mode"))
        #expect(TenantGuard.Protection.supportAccessDisabled.explanation.contains("support access disabled"))
        #expect([TenantGuard.Protection.selfServiceMode, .supportAccessDisabled, .unsupportedKind("folder")].map(\.code)
            == ["self-service-mode", "support-access-disabled", "unsupported-kind"])
    }

    @Test("P1: folder, unit and root tenants cannot be mapped", arguments: ["folder", "unit", "root"])
    func unsupportedKinds(kind: String) {
        let result = TenantGuard.evaluate(TenantFacts(id: "t", name: "T", kind: kind))
        #expect(result == .neverChanged(.unsupportedKind(kind)))
    }
}
