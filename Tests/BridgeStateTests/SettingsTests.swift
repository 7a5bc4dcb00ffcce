import Foundation
import Testing

@testable import BridgeState

@Suite("Settings documents")
struct SettingsTests {
    @Test("SHA-256 matches the FIPS 180-4 test vectors")
    func sha256Vectors() {
        #expect(Digest.sha256Hex(of: Data()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(
            Digest.sha256Hex(of: Data("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        )
        #expect(
            Digest.sha256Hex(of: Data("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(
            Digest.sha256Hex(of: Data(repeating: UInt8(ascii: "a"), count: 1_000_000))
                == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test("applying documents keeps every version; the newest is current; identical re-apply adds none")
    func versionsAndHistory() async throws {
        let clock = ManualClock()
        let (store, directory) = try makeStore(clock: clock)
        defer { withExtendedLifetime(directory) {} }
        #expect(try await store.currentSettings() == nil)

        let first = Data(#"{"features":{"billing":true},"psa":{"privateKeyRef":"env:CW_PRIVATE_KEY"}}"#.utf8)
        let applied1 = try await store.applySettings(first, appliedBy: "operator")
        #expect(applied1.changed)
        #expect(applied1.current.version == 1)
        #expect(applied1.current.digest == Digest.sha256Hex(of: first))
        #expect(applied1.current.document == first)
        #expect(applied1.current.appliedAt == clock.now)

        clock.advance(by: 60)
        let again = try await store.applySettings(first, appliedBy: "operator")
        #expect(!again.changed)
        #expect(again.current.version == 1)

        let second = Data(#"{"features":{"billing":false}}"#.utf8)
        let applied2 = try await store.applySettings(second)
        #expect(applied2.changed)
        #expect(applied2.current.version == 2)

        #expect(try await store.currentSettings() == applied2.current)
        #expect(try await store.settingsHistory().map(\.version) == [2, 1])
        #expect(try await store.settings(version: 1)?.document == first)
    }

    @Test("a document that is not JSON is refused and nothing is stored (S5)")
    func refusesNonJSON() async throws {
        let (store, directory) = try makeStore()
        defer { withExtendedLifetime(directory) {} }
        await #expect(throws: StateStoreError.invalidJSON(field: "settings document")) {
            try await store.applySettings(Data("features: {billing: true}".utf8))
        }
        #expect(try await store.currentSettings() == nil)
    }
}
