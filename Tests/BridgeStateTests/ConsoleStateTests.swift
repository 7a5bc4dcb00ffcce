import Foundation
import Testing

@testable import BridgeState

@Suite("Console operators, sessions and the company page")
struct ConsoleStateTests {
    @Test("operators: added once, replaced on request (ending their sessions), failed logins counted in a row and in all")
    func operators() async throws {
        let (store, directory) = try makeStore()
        defer { withExtendedLifetime(directory) {} }
        try await store.addConsoleOperator(name: "alice", passwordHash: "$2b$04$first")
        await #expect(throws: StateStoreError.consoleOperatorExists(name: "alice")) {
            try await store.addConsoleOperator(name: "alice", passwordHash: "$2b$04$second")
        }
        try await store.recordConsoleLogin(name: "alice", succeeded: false)
        try await store.recordConsoleLogin(name: "alice", succeeded: false)
        var alice = try #require(try await store.consoleOperator(name: "alice"))
        #expect(alice.failedLogins == 2 && alice.failedLoginsTotal == 2 && alice.lastFailedAt != nil && alice.lastLoginAt == nil)
        try await store.recordConsoleLogin(name: "alice", succeeded: true)
        alice = try #require(try await store.consoleOperator(name: "alice"))
        #expect(alice.failedLogins == 0 && alice.failedLoginsTotal == 2 && alice.lastLoginAt != nil)

        try await store.createConsoleSession(
            tokenHash: "h1", operatorName: "alice", csrfToken: "c1", expiresAt: Date().addingTimeInterval(3_600))
        #expect(try await store.consoleSession(tokenHash: "h1")?.operatorName == "alice")
        try await store.addConsoleOperator(name: "alice", passwordHash: "$2b$04$second", replace: true)
        #expect(try await store.consoleOperator(name: "alice")?.passwordHash == "$2b$04$second")
        #expect(try await store.consoleSession(tokenHash: "h1") == nil, "a new password ends the sessions")
    }

    @Test("sessions: found by token hash until they expire or are deleted; a session of an unknown operator is refused")
    func sessions() async throws {
        let clock = ManualClock()
        let (store, directory) = try makeStore(clock: clock)
        defer { withExtendedLifetime(directory) {} }
        try await store.addConsoleOperator(name: "bob", passwordHash: "$2b$04$x")
        try await store.createConsoleSession(
            tokenHash: "live", operatorName: "bob", csrfToken: "c", expiresAt: clock.now.addingTimeInterval(60))
        try await store.createConsoleSession(
            tokenHash: "other", operatorName: "bob", csrfToken: "d", expiresAt: clock.now.addingTimeInterval(600))
        #expect(try await store.consoleSession(tokenHash: "live")?.csrfToken == "c")
        clock.advance(by: 61)
        #expect(try await store.consoleSession(tokenHash: "live") == nil, "expired")
        try await store.deleteConsoleSession(tokenHash: "other")
        #expect(try await store.consoleSession(tokenHash: "other") == nil, "logged out")
        await #expect(throws: (any Error).self) {
            try await store.createConsoleSession(
                tokenHash: "ghost", operatorName: "nobody", csrfToken: "e", expiresAt: clock.now.addingTimeInterval(60))
        }
    }

    @Test("P5 company page: by numeric id, filtered by status and by company or tenant name with LIKE's wildcards taken literally, with the total")
    func companyPage() async throws {
        let (store, directory) = try makeStore()
        defer { withExtendedLifetime(directory) {} }
        for (id, name, types) in [
            ("2", "Acme", ["Client"]), ("10", "Acme 100% Ltd", ["Client", "Partner"]), ("3", "Contoso", ["Prospect"]),
            ("11", "under_score", []), ("4", "ACME north", ["client"]),
        ] {
            _ = try await store.recordCompany(psa: .connectWise, companyId: id, name: name, types: types)
        }
        _ = try await store.recordCompany(psa: .connectWise, companyId: "2", name: "Acme")  // types kept when not given
        #expect(try await store.companyMapping(psa: .connectWise, companyId: "2")?.companyTypes == ["Client"])
        #expect(try await store.companyTypeNames(psa: .connectWise) == ["Client", "Partner", "Prospect", "client"])
        let clients = try await store.companyMappingPage(psa: .connectWise, type: "CLIENT", offset: 0, limit: 50)
        #expect(clients.mappings.map(\.companyId) == ["2", "4", "10"], "type matched case-insensitively")
        let acmePartners = try await store.companyMappingPage(psa: .connectWise, nameContains: "acme", type: "Partner", offset: 0, limit: 50)
        #expect(acmePartners.total == 1 && acmePartners.mappings.map(\.companyId) == ["10"])
        _ = try await store.recordCompany(psa: .autotask, companyId: "1", name: "Acme")
        _ = try await store.markMapped(psa: .connectWise, companyId: "3", tenantId: "t-1", tenantName: "Acme cloud")

        let all = try await store.companyMappingPage(psa: .connectWise, offset: 0, limit: 2)
        #expect(all.total == 5 && all.mappings.map(\.companyId) == ["2", "3"])
        let next = try await store.companyMappingPage(psa: .connectWise, offset: 2, limit: 2)
        #expect(next.mappings.map(\.companyId) == ["4", "10"])
        let acme = try await store.companyMappingPage(psa: .connectWise, nameContains: "acme", offset: 0, limit: 50)
        #expect(acme.mappings.map(\.companyId) == ["2", "3", "4", "10"], "case-insensitive, tenant names too")
        let percent = try await store.companyMappingPage(psa: .connectWise, nameContains: "100%", offset: 0, limit: 50)
        #expect(percent.mappings.map(\.companyId) == ["10"])
        let underscore = try await store.companyMappingPage(psa: .connectWise, nameContains: "r_s", offset: 0, limit: 50)
        #expect(underscore.mappings.map(\.companyId) == ["11"])
        let mapped = try await store.companyMappingPage(psa: .connectWise, nameContains: "acme", status: .mapped, offset: 0, limit: 50)
        #expect(mapped.total == 1 && mapped.mappings.map(\.companyId) == ["3"])
        await #expect(throws: StateStoreError.self) { try await store.companyMappingPage(psa: .connectWise, offset: -1, limit: 5) }
    }
}
