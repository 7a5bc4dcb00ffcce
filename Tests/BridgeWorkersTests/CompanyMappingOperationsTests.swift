import BridgeCore
import BridgeState
import BridgeValues
import Foundation
import Testing

@testable import BridgeWorkers

/// `bridgectl map company` and `bridgectl companies` against the sandbox (no broker).
@Suite("Company mapping operations")
struct CompanyMappingOperationsTests {
    @Test(
        "P5: a company is mapped to a tenant by ids with both names cached; unknown ids are refused; removal leaves it Not mapped",
        arguments: [PSAKind.connectWise, .autotask])
    func mapListRemove(psa: PSAKind) async throws {
        try await TicketSettingsResolutionTests.withFleet(psa) { fleet in
            let settings = try await fleet.apply(fleet.settingsYAML())
            let operations = CompanyMappingOperations(store: fleet.store, settings: settings, clients: fleet.clients)
            let customer = try #require(fleet.customers.first)

            let result = try await operations.map(psa: psa, companyId: customer.companyId, tenantId: customer.tenantId.uppercased())
            #expect(result.warnings.isEmpty)
            #expect(result.mapping.status == .mapped)
            #expect(result.mapping.tenantId == customer.tenantId.lowercased())
            #expect(result.mapping.companyName == customer.name && result.mapping.tenantName == customer.name)

            await #expect(throws: CompanyMappingOperations.Refusal.self) {
                _ = try await operations.map(psa: psa, companyId: "999999", tenantId: customer.tenantId)
            }
            await #expect(throws: CompanyMappingOperations.Refusal.self) {
                _ = try await operations.map(psa: psa, companyId: fleet.customers[1].companyId, tenantId: UUID().uuidString)
            }
            // One company per tenant.
            let taken = await #expect(throws: CompanyMappingOperations.Refusal.self) {
                _ = try await operations.map(psa: psa, companyId: fleet.customers[1].companyId, tenantId: customer.tenantId)
            }
            #expect(taken?.description.contains("already mapped to") == true)
            await #expect(throws: CompanyMappingOperations.Refusal.self) {
                _ = try await operations.map(psa: psa, companyId: "ACME", tenantId: customer.tenantId)
            }

            let (listing, warnings) = try await operations.companies(psa: psa)
            #expect(warnings.isEmpty)
            #expect(listing.count >= fleet.customers.count)
            let row = try #require(listing.first { $0.companyId == customer.companyId })
            #expect(row.status == "Mapped" && row.tenantId == customer.tenantId.lowercased())
            #expect(listing.filter { $0.status == "Mapped" }.count == 1)
            #expect(listing.first { $0.companyId == fleet.customers[1].companyId }?.status == "Not mapped")

            let removed = try await operations.unmap(psa: psa, companyId: customer.companyId)
            #expect(removed.status == .notMapped && removed.tenantId == nil)
            await #expect(throws: CompanyMappingOperations.Refusal.self) {
                _ = try await operations.unmap(psa: psa, companyId: "424242")
            }
        }
    }

    @Test("P5: without settings for the PSA the mapping is stored by ids and says the names were not fetched")
    func mapWithoutSettings() async throws {
        try await TicketSettingsResolutionTests.withFleet(.connectWise) { fleet in
            let operations = CompanyMappingOperations(store: fleet.store, settings: nil, clients: fleet.clients)
            let tenant = UUID().uuidString.lowercased()
            let result = try await operations.map(psa: .autotask, companyId: "17", tenantId: tenant)
            #expect(result.mapping.status == .mapped && result.mapping.companyName == nil)
            #expect(result.warnings.count == 1)
            let (listing, warnings) = try await operations.companies(psa: .autotask)
            #expect(listing.map(\.companyId) == ["17"] && warnings.count == 1)
        }
    }
}
