import Foundation
import Testing

@testable import BridgeValues

@Suite("PSAKind: one name for the PSA in settings, messages, rules and stored rows")
struct PSAKindTests {
    @Test("raw values are what settings, message JSON and stored rows carry")
    func rawValues() throws {
        #expect(PSAKind.connectWise.rawValue == "connectwise")
        #expect(PSAKind.autotask.rawValue == "autotask")
        #expect(PSAKind(rawValue: "connectwise") == .connectWise)
        #expect(PSAKind(rawValue: "ConnectWise") == nil)
        #expect(PSAKind.allCases == [.connectWise, .autotask])
        let encoded = try JSONEncoder().encode([PSAKind.connectWise, .autotask])
        #expect(String(decoding: encoded, as: UTF8.self) == #"["connectwise","autotask"]"#)
        #expect(try JSONDecoder().decode([PSAKind].self, from: encoded) == [.connectWise, .autotask])
    }

    @Test("T4: display names and external reference limits")
    func properties() {
        #expect(PSAKind.connectWise.displayName == "ConnectWise Manage")
        #expect(PSAKind.autotask.displayName == "Autotask")
        #expect(PSAKind.connectWise.externalReferenceLimit == 100)
        #expect(PSAKind.autotask.externalReferenceLimit == 50)
    }
}
