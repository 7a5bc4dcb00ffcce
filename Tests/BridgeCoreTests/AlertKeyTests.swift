import BridgeValues
import Foundation
import Testing

@testable import BridgeCore

@Suite("Alert keys as PSA external references (T2, T4)")
struct AlertKeyTests {
    let tenantId = "7d0c5a2e-4b1f-4c3a-9e8d-2f1a0b9c8d7e"
    let resourceId = "0f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a"

    @Test("T4: the stable string names tenant, alert type and resource")
    func stableString() {
        let key = AlertKey(tenantId: tenantId, alertType: "BackupFailed", resourceId: resourceId)
        #expect(key.stableString == "acr:\(tenantId):BackupFailed:\(resourceId)")
        #expect(key.stableString.utf8.count == 90)
    }

    @Test("T2: UUIDs in either case are the same alert; other parts keep their case")
    func normalisation() {
        let lower = AlertKey(tenantId: tenantId, alertType: "BackupFailed", resourceId: resourceId)
        let upper = AlertKey(tenantId: tenantId.uppercased(), alertType: "BackupFailed", resourceId: resourceId.uppercased())
        #expect(lower.stableString == upper.stableString)
        #expect(lower.matches(upper))
        let otherType = AlertKey(tenantId: tenantId, alertType: "backupfailed", resourceId: resourceId)
        #expect(!lower.matches(otherType))
        let named = AlertKey(tenantId: tenantId, alertType: "BackupFailed", resourceId: "SRV01")
        #expect(named.stableString.hasSuffix(":SRV01"))
    }

    @Test("T4: separators inside parts cannot make two keys collide")
    func escaping() {
        let a = AlertKey(tenantId: tenantId, alertType: "A:B", resourceId: "C")
        let b = AlertKey(tenantId: tenantId, alertType: "A", resourceId: "B:C")
        #expect(a.stableString != b.stableString)
        #expect(a.stableString == "acr:\(tenantId):A%3AB:C")
        #expect(AlertKey(tenantId: "t", alertType: "100%", resourceId: "r").stableString == "acr:t:100%25:r")
    }

    @Test("T4: ConnectWise externalXRef (100) keeps a 90-character key whole; Autotask externalID (50) gets the hashed form")
    func psaLimits() {
        let key = AlertKey(tenantId: tenantId, alertType: "BackupFailed", resourceId: resourceId)
        #expect(PSAKind.connectWise.externalReferenceLimit == 100)
        #expect(PSAKind.autotask.externalReferenceLimit == 50)
        #expect(key.externalReference(for: .connectWise) == key.stableString)
        let autotask = key.externalReference(for: .autotask)
        #expect(autotask.utf8.count == 45)
        #expect(autotask.hasPrefix("acr:7d0c5a2e:"))
        #expect(autotask == "acr:7d0c5a2e:" + Digest.sha256Hex(key.stableString).prefix(32))
        // Stable: the same key always gives the same reference.
        #expect(autotask == AlertKey(tenantId: tenantId.uppercased(), alertType: "BackupFailed", resourceId: resourceId).externalReference(for: .autotask))
    }

    @Test("T4: a key too long for ConnectWise is hashed too, and different keys stay different")
    func longKeys() {
        let long = AlertKey(tenantId: tenantId, alertType: "M365ApplicationConsentRequired", resourceId: resourceId)
        #expect(long.stableString.utf8.count > 100)
        let reference = long.externalReference(for: .connectWise)
        #expect(reference.utf8.count <= 100)
        #expect(reference.utf8.count == 45)
        let other = AlertKey(tenantId: tenantId, alertType: "M365ApplicationConsentRequirex", resourceId: resourceId)
        #expect(other.externalReference(for: .connectWise) != reference)
        // Non-ASCII parts are measured in bytes, so the field limit is never exceeded.
        let wide = AlertKey(tenantId: "t", alertType: String(repeating: "ü", count: 40), resourceId: "r")
        #expect(wide.stableString.count <= 50)
        #expect(wide.externalReference(for: .autotask).utf8.count <= 50)
        // Very small limits still give a unique reference.
        let tiny = long.externalReference(maxLength: 24)
        #expect(tiny.utf8.count == 24)
        #expect(tiny.hasPrefix("acr:"))
    }

    @Test("SHA-256 matches the FIPS 180-4 test vectors")
    func sha256() {
        #expect(Digest.sha256Hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(Digest.sha256Hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(
            Digest.sha256Hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(
            Digest.sha256Hex(String(repeating: "a", count: 1_000_000))
                == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }
}
