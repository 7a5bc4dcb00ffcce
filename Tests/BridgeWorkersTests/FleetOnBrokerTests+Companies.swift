import BridgeValues
import Foundation
import Testing

@testable import BridgeWorkers

/// `bridgectl companies` with its filters, against the sandbox's PSAs.
extension FleetOnBrokerTests {
    @Test(
        "P5 on ConnectWise and Autotask: bridgectl companies lists every PSA company with its type, filters by status, company type and name, and counts accounts total and linked",
        arguments: [PSAKind.connectWise, .autotask])
    func companiesFilters(psa: PSAKind) async throws {
        let job = try await ProvisioningFleet.start(psa: psa, companies: 8, tenants: 4)
        do {
            try await job.apply(job.settingsYAML())
            let linked = job.fleet.customers[0]
            try await job.fleet.map(linked)

            func listing(_ arguments: [String]) async throws -> [CompanyMappingOperations.Listing] {
                let (status, output) = try await Self.bridgectl(job, ["companies", "--json"] + arguments)
                #expect(status == 0, "bridgectl companies \(arguments): \(output)")
                let json = output.split(separator: "\n").drop { !$0.hasPrefix("[") }.joined(separator: "\n")
                return try JSONDecoder().decode([CompanyMappingOperations.Listing].self, from: Data(json.utf8))
            }
            let all = try await listing([])
            #expect(all.count >= 8, "every generated company is listed (\(all.count))")
            #expect(all.allSatisfy { $0.types != nil && $0.active != nil }, "types and activity come from the PSA")

            let mapped = try await listing(["--status", "mapped"])
            #expect(mapped.map(\.companyId) == [linked.companyId])
            let notMapped = try await listing(["--status", "not-mapped"])
            #expect(notMapped.count == all.count - 1 && !notMapped.contains { $0.companyId == linked.companyId })

            let type = try #require(all.compactMap { $0.types ?? [] }.flatMap { $0 }.first)
            let ofType = try await listing(["--type", type.uppercased()])
            #expect(ofType.map(\.companyId) == all.filter { $0.types?.contains(type) == true }.map(\.companyId))

            let name = try #require(all.first { $0.companyId != linked.companyId }?.companyName)
            let word = String(name.split(separator: " ").first ?? "")
            let found = try await listing(["--search", word.lowercased()])
            #expect(!found.isEmpty && found.allSatisfy { ($0.companyName ?? "").localizedCaseInsensitiveContains(word) })
            #expect(found.map(\.companyId) == all.filter { ($0.companyName ?? "").localizedCaseInsensitiveContains(word) }.map(\.companyId))

            let (_, text) = try await Self.bridgectl(job, ["companies", "--status", "mapped"])
            #expect(text.contains("accounts: \(all.count) total, 1 linked; 1 shown"), "\(text)")
            let (refused, message) = try await Self.bridgectl(job, ["companies", "--status", "linked"])
            #expect(refused != 0 && message.contains("--status"), "an unknown status is refused: \(message)")
        } catch {
            await job.stop()
            throw error
        }
        await job.stop()
    }
}
