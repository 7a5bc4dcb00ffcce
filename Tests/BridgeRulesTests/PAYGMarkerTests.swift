import BridgeRules
import Testing

@Suite("PAYGMarker: telling pay-as-you-go lines (P2)")
struct PAYGMarkerTests {
    @Test("P2: ConnectWise marks PAYG additions with the custom field PAYG set to true")
    func connectWise() {
        let marker = PAYGMarker.connectWiseDefault
        #expect(marker.fieldName == "PAYG")
        #expect(marker.billing(fields: ["PAYG": .bool(true)]) == .payAsYouGo)
        #expect(marker.billing(fields: ["PAYG": .bool(false)]) == .prepaid)
        #expect(marker.billing(fields: ["payg ": .bool(true)]) == .payAsYouGo)
        #expect(marker.billing(fields: ["PAYG": .text(" TRUE ")]) == .payAsYouGo)
        #expect(marker.billing(fields: ["PAYG": .text("yes")]) == .prepaid)
        #expect(marker.billing(fields: ["PAYG": .number(1)]) == .prepaid)
        #expect(marker.billing(fields: ["PAYG": .empty]) == .prepaid)
        #expect(marker.billing(fields: ["Other": .bool(true)]) == .prepaid)
        #expect(marker.billing(fields: [:]) == .prepaid)
    }

    @Test("P2: Autotask marks PAYG contracts with the UDF Acronis PAYG set to Yes; no value means prepaid")
    func autotask() {
        let marker = PAYGMarker.autotaskDefault
        #expect(marker.fieldName == "Acronis PAYG")
        #expect(marker.billing(fields: ["Acronis PAYG": .text("Yes")]) == .payAsYouGo)
        #expect(marker.billing(fields: ["acronis  payg": .text("yes")]) == .payAsYouGo)
        #expect(marker.billing(fields: ["Acronis PAYG": .text("No")]) == .prepaid)
        #expect(marker.billing(fields: ["Acronis PAYG": .bool(true)]) == .payAsYouGo)
        #expect(marker.billing(fields: ["Acronis PAYG": .text("")]) == .prepaid)
        #expect(marker.billing(fields: [:]) == .prepaid)
    }

    @Test("P2: a configured field name and value replace the defaults")
    func configured() {
        let marker = PAYGMarker(fieldName: "Billing model", trueValues: ["Metered"])
        #expect(marker.billing(fields: ["billing model": .text("metered")]) == .payAsYouGo)
        #expect(marker.billing(fields: ["PAYG": .bool(true)]) == .prepaid)
        #expect(PAYGMarker.default(for: .connectWise) == .connectWiseDefault)
        #expect(PAYGMarker.default(for: .autotask) == .autotaskDefault)
    }
}

@Suite("ContractLine: which lines are active (P2, P6)")
struct ContractLineTests {
    @Test("P2: a line is active from its start day through its end day, both inclusive")
    func dates() throws {
        let subject = line(1, product: 1, start: try day("2017-02-06"), end: try day("2017-02-28"))
        #expect(!subject.isActive(on: try day("2017-02-05")))
        #expect(subject.isActive(on: try day("2017-02-06")))
        #expect(subject.isActive(on: try day("2017-02-28")))
        #expect(!subject.isActive(on: try day("2017-03-01")))
    }

    @Test("P2: open-ended lines and lines without a start")
    func openEnded() throws {
        #expect(line(1, product: 1).isActive(on: try day("1999-01-01")))
        #expect(line(1, product: 1, start: try day("2024-01-01")).isActive(on: try day("2999-12-31")))
        #expect(line(1, product: 1, end: try day("2024-01-01")).isActive(on: try day("1900-01-01")))
    }

    @Test("P2: a cancelled, expired or inactive line (or agreement) is not active on any day")
    func statusInactive() throws {
        let subject = line(1, product: 1, active: false, start: try day("2024-01-01"))
        #expect(!subject.isActive(on: try day("2024-06-01")))
    }

    @Test("P2: a line ending before it starts is never active")
    func inverted() throws {
        let subject = line(1, product: 1, start: try day("2024-02-01"), end: try day("2024-01-31"))
        for text in ["2024-01-31", "2024-02-01"] { #expect(!subject.isActive(on: try day(text))) }
    }
}
