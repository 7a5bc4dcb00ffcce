import BridgeRules
import BridgeValues
import Foundation
import Testing

@Suite("UsageConversion and QuantityWrite: usage to PSA quantities, written once (B1, B3, B6, B8)")
struct UsageConversionTests {
    static let gigabyte = Decimal(1_073_741_824)

    @Test("B6: counts are whole numbers on both PSAs (fractional averages rounded up)", arguments: PSAKind.allCases)
    func counts(psa: PSAKind) throws {
        #expect(try UsageConversion.psaQuantity(usage: 12, unit: .count, psa: psa) == 12)
        #expect(try UsageConversion.psaQuantity(usage: 0, unit: .count, psa: psa) == 0)
        #expect(try UsageConversion.psaQuantity(usage: dec("12.2"), unit: .count, psa: psa) == 13)
    }

    @Test("B3, B6: ConnectWise storage is GB (2^30 bytes) with 2 decimals, rounded up")
    func connectWiseStorage() throws {
        func gb(_ bytes: Decimal) throws -> Decimal { try UsageConversion.psaQuantity(usage: bytes, unit: .bytes, psa: .connectWise) }
        #expect(try gb(60 * Self.gigabyte) == 60)
        #expect(try gb(Self.gigabyte * dec("1.5")) == dec("1.5"))
        #expect(try gb(1) == dec("0.01"))
        #expect(try gb(0) == 0)
        #expect(try gb(Self.gigabyte * dec("2.001")) == dec("2.01"))
        #expect(try gb(1_000_000_000) == dec("0.94"))  // a decimal GB is 0.931 binary GB
    }

    @Test("B3, B6: Autotask storage is whole GB, rounded up")
    func autotaskStorage() throws {
        func units(_ bytes: Decimal) throws -> Decimal { try UsageConversion.psaQuantity(usage: bytes, unit: .bytes, psa: .autotask) }
        #expect(try units(60 * Self.gigabyte) == 60)
        #expect(try units(60 * Self.gigabyte + 1) == 61)
        #expect(try units(Self.gigabyte * dec("1.5")) == 2)
        #expect(try units(1) == 1)
        #expect(try units(0) == 0)
    }

    @Test("B1: negative usage is refused", arguments: PSAKind.allCases)
    func negative(psa: PSAKind) {
        #expect(throws: RulesInputError.negativeUsage(-1)) { try UsageConversion.psaQuantity(usage: -1, unit: .count, psa: psa) }
    }

    @Test("B1: ConnectWise quantities are written as absolute values, only when they differ")
    func connectWiseWrite() throws {
        #expect(try QuantityWrite.decide(psa: .connectWise, target: dec("12.35"), current: 10) == .setQuantity(dec("12.35")))
        #expect(try QuantityWrite.decide(psa: .connectWise, target: 0, current: 7) == .setQuantity(0))
        #expect(try QuantityWrite.decide(psa: .connectWise, target: dec("12.35"), current: dec("12.35")) == .unchanged)
        // A value read back through a floating-point JSON number.
        #expect(try QuantityWrite.decide(psa: .connectWise, target: dec("12.35"), current: Decimal(12.35 as Double)) == .unchanged)
        #expect(try QuantityWrite.decide(psa: .connectWise, target: dec("12.35"), current: dec("12.34")) == .setQuantity(dec("12.35")))
    }

    @Test("B1: Autotask units change through an adjustment of the difference; none when equal")
    func autotaskWrite() throws {
        #expect(try QuantityWrite.decide(psa: .autotask, target: 60, current: 50) == .adjustUnits(by: 10))
        #expect(try QuantityWrite.decide(psa: .autotask, target: 40, current: 50) == .adjustUnits(by: -10))
        #expect(try QuantityWrite.decide(psa: .autotask, target: 50, current: 50) == .unchanged)
        #expect(try QuantityWrite.decide(psa: .autotask, target: 3, current: 0) == .adjustUnits(by: 3))
    }

    @Test("B8: writing the same quantity twice changes nothing the second time", arguments: PSAKind.allCases)
    func idempotent(psa: PSAKind) throws {
        let target = try UsageConversion.psaQuantity(usage: Self.gigabyte * dec("7.3"), unit: .bytes, psa: psa)
        var current: Decimal = 2
        for round in 1...3 {
            switch try QuantityWrite.decide(psa: psa, target: target, current: current) {
            case .setQuantity(let value):
                #expect(round == 1)
                current = value
            case .adjustUnits(let change):
                #expect(round == 1)
                current += Decimal(change)
            case .unchanged:
                #expect(round > 1)
            }
        }
        #expect(current == target)
    }

    @Test("B8: an Autotask difference too large for the API is refused")
    func outOfRange() {
        #expect(throws: RulesInputError.self) {
            try QuantityWrite.decide(psa: .autotask, target: dec("100000000000000000000000"), current: 0)
        }
    }
}
