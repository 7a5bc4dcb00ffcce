import BridgeState
import Foundation
import BridgeTestSupport
import Testing

@testable import BridgeWorkers

@Suite("bridgectl status report")
struct StatusReportTests {
    @Test("S1, P7: per-company mapping errors and sync errors are listed once each; accounts counted; broker down reported")
    func mappingErrors() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("status-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try StateStore(location: TestState.location(forPath: directory.appendingPathComponent("state.sqlite").path))
        _ = try await store.recordCompany(psa: .connectWise, companyId: "1", name: "Acme")
        _ = try await store.recordCompany(psa: .connectWise, companyId: "2", name: "Globex")
        _ = try await store.recordCompany(psa: .connectWise, companyId: "3", name: "Initech")
        _ = try await store.markMappingFailed(psa: .connectWise, companyId: "1", error: "tenant name taken")
        _ = try await store.recordCompanySyncError(psa: .connectWise, companyId: "2", error: "PSA answered 500")

        let report = try await StatusReport.gather(store: store, admin: nil, brokerError: "connection refused")
        #expect(report.accountsTotal == 3)
        #expect(report.accountsLinked == 0)
        #expect(report.mappingErrors.count == 2)
        #expect(report.mappingErrors.contains { $0.companyId == "1" && $0.error == "tenant name taken" })
        #expect(report.mappingErrors.contains { $0.companyId == "2" && $0.error == "PSA answered 500" })
        #expect(!report.broker.reachable)
        #expect(report.text.contains("UNREACHABLE: connection refused"))
        #expect(report.text.contains("Globex: PSA answered 500"))
        try store.close()
    }
}
