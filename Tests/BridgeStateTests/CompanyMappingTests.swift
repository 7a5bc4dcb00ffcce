import Foundation
import Testing

@testable import BridgeState

@Suite("Company mappings (P5, P7)")
struct CompanyMappingTests {
    @Test("P5 lifecycle: not mapped → ready for mapping → mapped → tenant missing → mapped → unmapped")
    func lifecycle() async throws {
        let (store, directory) = try makeStore()
        defer { withExtendedLifetime(directory) {} }
        let seen = try await store.recordCompany(psa: .connectWise, companyId: "250", name: "Contoso")
        #expect(seen.status == .notMapped)
        #expect(seen.tenantId == nil)
        #expect(seen.companyName == "Contoso")

        let queued = try await store.requestMapping(psa: .connectWise, companyId: "250", tenantId: nil)
        #expect(queued.status == .readyForMapping)
        #expect(queued.tenantId == nil)  // a new tenant will be created

        let mapped = try await store.markMapped(
            psa: .connectWise, companyId: "250", tenantId: "t-uuid-1", tenantName: "Contoso Ltd")
        #expect(mapped.status == .mapped)
        #expect(mapped.tenantId == "t-uuid-1")
        #expect(mapped.tenantName == "Contoso Ltd")
        #expect(try await store.companyMapping(tenantId: "t-uuid-1")?.companyId == "250")

        let missing = try #require(
            try await store.markTenantMissing(tenantId: "t-uuid-1", reason: "tenant deleted in cloud"))
        #expect(missing.status == .tenantMissing)
        #expect(missing.tenantId == "t-uuid-1")
        #expect(missing.error == "tenant deleted in cloud")

        let remapped = try await store.markMapped(
            psa: .connectWise, companyId: "250", tenantId: "t-uuid-1", tenantName: nil)
        #expect(remapped.status == .mapped)
        #expect(remapped.error == nil)
        #expect(remapped.tenantName == "Contoso Ltd")

        let unmapped = try await store.unmap(psa: .connectWise, companyId: "250")
        #expect(unmapped.status == .notMapped)
        #expect(unmapped.tenantId == nil)
        #expect(unmapped.tenantName == nil)
        #expect(try await store.companyMapping(tenantId: "t-uuid-1") == nil)
    }

    @Test("P1 a tick's batch reads only its companies' mappings, of its PSA; the Mapped ones page by company id")
    func mappingsByCompanyIds() async throws {
        let (store, directory) = try makeStore()
        defer { withExtendedLifetime(directory) {} }
        for id in ["1", "2", "3"] { _ = try await store.recordCompany(psa: .connectWise, companyId: id, name: "C\(id)") }
        _ = try await store.recordCompany(psa: .autotask, companyId: "2", name: "Other PSA")
        _ = try await store.markMapped(psa: .connectWise, companyId: "3", tenantId: "t-3", tenantName: nil)
        _ = try await store.markMapped(psa: .autotask, companyId: "2", tenantId: "t-a2", tenantName: nil)
        let read = try await store.companyMappings(psa: .connectWise, companyIds: ["2", "3", "404"])
        #expect(Set(read.map(\.companyId)) == ["2", "3"])
        #expect(read.allSatisfy { $0.psa == .connectWise })
        #expect(try await store.companyMappings(psa: .connectWise, companyIds: [String]()).isEmpty)
        _ = try await store.markMapped(psa: .connectWise, companyId: "1", tenantId: "t-1", tenantName: nil)
        let first = try await store.companyMappings(psa: .connectWise, status: .mapped, after: nil, limit: 1)
        #expect(first.map(\.companyId) == ["1"])
        let next = try await store.companyMappings(psa: .connectWise, status: .mapped, after: "1", limit: 1)
        #expect(next.map(\.companyId) == ["3"])
        #expect(try await store.companyMappings(psa: .connectWise, status: .mapped, after: "3", limit: 1).isEmpty)
        #expect(try await store.companyMappings(psa: .autotask, status: .mapped, after: nil, limit: 10).map(\.companyId) == ["2"])
    }

    @Test("P5 mapping failed keeps the reason; a new request clears it")
    func mappingFailed() async throws {
        let (store, directory) = try makeStore()
        defer { withExtendedLifetime(directory) {} }
        _ = try await store.requestMapping(psa: .autotask, companyId: "29683", tenantId: "t-9", companyName: "Fabrikam")
        let failed = try await store.markMappingFailed(
            psa: .autotask, companyId: "29683", error: "tenant is in self-service mode (P1)")
        #expect(failed.status == .mappingFailed)
        #expect(failed.error == "tenant is in self-service mode (P1)")
        #expect(failed.tenantId == "t-9")
        // A failed mapping does not hold the tenant: another company may ask for it.
        _ = try await store.requestMapping(psa: .autotask, companyId: "30000", tenantId: "t-9")
        let retried = try await store.requestMapping(psa: .autotask, companyId: "29683", tenantId: "t-10")
        #expect(retried.status == .readyForMapping)
        #expect(retried.error == nil)
        #expect(retried.companyName == "Fabrikam")
    }

    @Test("P5 company missing, then seen again, goes back to mapped with its tenant")
    func companyMissingAndBack() async throws {
        let (store, directory) = try makeStore()
        defer { withExtendedLifetime(directory) {} }
        _ = try await store.markMapped(psa: .connectWise, companyId: "7", tenantId: "t-7", tenantName: "Seven")
        let missing = try await store.markCompanyMissing(psa: .connectWise, companyId: "7", reason: "company inactive")
        #expect(missing.status == .companyMissing)
        #expect(missing.tenantId == "t-7")
        let back = try await store.recordCompany(psa: .connectWise, companyId: "7", name: "Seven Inc")
        #expect(back.status == .mapped)
        #expect(back.error == nil)
        #expect(back.companyName == "Seven Inc")
        // A missing company without a tenant comes back as not mapped.
        _ = try await store.recordCompany(psa: .connectWise, companyId: "8", name: "Eight")
        _ = try await store.markCompanyMissing(psa: .connectWise, companyId: "8")
        #expect(try await store.recordCompany(psa: .connectWise, companyId: "8", name: nil).status == .notMapped)
        #expect(try await store.companyMapping(psa: .connectWise, companyId: "8")?.companyName == "Eight")
    }

    @Test("P5 mappings are by id: renames change only the display names")
    func renames() async throws {
        let (store, directory) = try makeStore()
        defer { withExtendedLifetime(directory) {} }
        let before = try await store.markMapped(
            psa: .connectWise, companyId: "1", tenantId: "t-1", tenantName: "Old tenant")
        _ = try await store.recordCompany(psa: .connectWise, companyId: "1", name: "New company name")
        #expect(try await store.recordTenantName(tenantId: "t-1", name: "New tenant name") == 1)
        let after = try #require(try await store.companyMapping(psa: .connectWise, companyId: "1"))
        #expect(after.companyName == "New company name")
        #expect(after.tenantName == "New tenant name")
        #expect(after.tenantId == before.tenantId)
        #expect(after.status == before.status)
    }

    @Test("P5 a tenant is mapped to one company at most")
    func oneCompanyPerTenant() async throws {
        let (store, directory) = try makeStore()
        defer { withExtendedLifetime(directory) {} }
        _ = try await store.markMapped(psa: .connectWise, companyId: "1", tenantId: "t-1", tenantName: nil)
        await #expect(throws: StateStoreError.tenantAlreadyMapped(tenantId: "t-1", psa: .connectWise, companyId: "1")) {
            try await store.markMapped(psa: .connectWise, companyId: "2", tenantId: "t-1", tenantName: nil)
        }
        await #expect(throws: StateStoreError.tenantAlreadyMapped(tenantId: "t-1", psa: .connectWise, companyId: "1")) {
            try await store.requestMapping(psa: .connectWise, companyId: "2", tenantId: "t-1")
        }
        // Mapping the same company to the same tenant again is fine.
        #expect(
            try await store.markMapped(psa: .connectWise, companyId: "1", tenantId: "t-1", tenantName: nil).status
                == .mapped)
    }

    @Test("P7 a sync error is recorded on its company only, without changing its status, and cleared")
    func syncErrors() async throws {
        let clock = ManualClock()
        let (store, directory) = try makeStore(clock: clock)
        defer { withExtendedLifetime(directory) {} }
        _ = try await store.markMapped(psa: .autotask, companyId: "1", tenantId: "t-1", tenantName: nil)
        _ = try await store.markMapped(psa: .autotask, companyId: "2", tenantId: "t-2", tenantName: nil)
        let failing = try await store.recordCompanySyncError(
            psa: .autotask, companyId: "1", error: "quota update: HTTP 500")
        #expect(failing.status == .mapped)
        #expect(failing.syncError == "quota update: HTTP 500")
        #expect(failing.syncErrorAt == clock.now)
        #expect(try await store.companyMapping(psa: .autotask, companyId: "2")?.syncError == nil)
        let cleared = try await store.recordCompanySyncError(psa: .autotask, companyId: "1", error: nil)
        #expect(cleared.syncError == nil)
        #expect(cleared.syncErrorAt == nil)
    }

    @Test("listing, filters, counts, and unknown companies")
    func listingAndErrors() async throws {
        let (store, directory) = try makeStore()
        defer { withExtendedLifetime(directory) {} }
        _ = try await store.recordCompany(psa: .connectWise, companyId: "b", name: nil)
        _ = try await store.recordCompany(psa: .connectWise, companyId: "a", name: nil)
        _ = try await store.markMapped(psa: .connectWise, companyId: "c", tenantId: "t-c", tenantName: nil)
        _ = try await store.recordCompany(psa: .autotask, companyId: "z", name: nil)
        #expect(try await store.companyMappings(psa: .connectWise).map(\.companyId) == ["a", "b", "c"])
        // Ordered by PSA ("autotask" < "connectwise"), then company id.
        #expect(try await store.companyMappings(status: .notMapped).map(\.companyId) == ["z", "a", "b"])
        #expect(try await store.companyMappings(psa: .connectWise, status: .notMapped).map(\.companyId) == ["a", "b"])
        #expect(try await store.companyMappingCounts() == [.notMapped: 3, .mapped: 1])
        await #expect(throws: StateStoreError.mappingNotFound(psa: .autotask, companyId: "nope")) {
            try await store.unmap(psa: .autotask, companyId: "nope")
        }
        #expect(try await store.markTenantMissing(tenantId: "unknown") == nil)
    }
}
