import BridgeCore
import BridgeState
import Foundation

extension FleetHarness {
    /// Applies settings with every job off, for the runtime tests on worker processes: a worker
    /// then handles each message by skipping it and records it done in the inbox, which makes
    /// "handled once" countable without any API. The connection points nowhere; it is never used.
    func applyJobsOffSettings() async throws {
        try await Self.applyJobsOffSettings(store: store, catalog: catalog)
    }

    /// ``applyJobsOffSettings()`` on any state store.
    static func applyJobsOffSettings(store: StateStore, catalog: SchemaCatalog) async throws {
        let text: String = """
            connection:
              psa:
                connectwise:
                  site: 127.0.0.1:9
                  company: runtime
                  clientId: 00000000-0000-4000-8000-000000000000
                  publicKey: {env: TEST_CW_PUBLIC}
                  privateKey: {env: TEST_CW_PRIVATE}
              cloud:
                datacenterUrl: http://127.0.0.1:9
                clientId: 00000000-0000-4000-8000-000000000000
                clientSecret: {env: TEST_ACRONIS_SECRET}
            features:
              provisioning: false
              billing: false
              tickets: false
            """
        let settings = try SettingsLoader(catalog: catalog).load(yaml: text, source: "runtime test settings")
        _ = try await store.applySettings(settings.jsonValue.serialized(), appliedBy: "test")
    }

    /// How many of `keys` the worker has recorded done in its inbox.
    func handled(_ keys: [String], worker: String) async throws -> Int {
        try await Self.handled(keys, worker: worker, store: store)
    }

    /// ``handled(_:worker:)`` on any state store.
    static func handled(_ keys: [String], worker: String, store: StateStore) async throws -> Int {
        var done = 0
        for key in keys where try await store.inboxEntry(worker: worker, idempotencyKey: key)?.status == .done {
            done += 1
        }
        return done
    }

    /// How many messages the worker has recorded done since `since`.
    func doneCount(worker: String, since: Date = .distantPast) async throws -> Int {
        try await store.inboxCounts(worker: worker, since: since)[.done] ?? 0
    }
}
