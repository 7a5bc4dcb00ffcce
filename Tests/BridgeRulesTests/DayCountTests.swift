import BridgeRules
import Foundation
import Testing

@Suite("DayCount and DayThreshold: what \"N days\" means (T2, P6)")
struct DayCountTests {
    @Test("T2, P6: N days have passed once N x 24 h have elapsed, inclusive to the second", arguments: [0, 1, 2, 10, 30, 365])
    func boundary(n: Int) throws {
        let start = try utc("2024-03-30T12:00:00Z")
        let count = try DayCount(n)
        let exact = start.addingTimeInterval(Double(n) * secondsPerDay)
        #expect(count.hasElapsed(since: start, at: exact))
        #expect(count.hasElapsed(since: start, at: exact.addingTimeInterval(1)))
        #expect(count.deadline(after: start) == exact)
        if n > 0 { #expect(!count.hasElapsed(since: start, at: exact.addingTimeInterval(-1))) }
    }

    @Test(
        "T2, P6: a start read back from the state store (to the nearest millisecond, so up to half a millisecond late) still counts exactly N days later",
        arguments: [1, 10, 30])
    func storedStart(n: Int) throws {
        let start = Date(timeIntervalSince1970: 1_796_425_200.123_6)
        let stored = Date(timeIntervalSince1970: 1_796_425_200.124)
        let count = try DayCount(n)
        let exact = start.addingTimeInterval(Double(n) * secondsPerDay)
        #expect(count.hasElapsed(since: stored, at: exact))
        #expect(!count.hasElapsed(since: stored, at: exact.addingTimeInterval(-0.002)))
    }

    @Test("T2, P6: a clock behind the PSA (now before start) means no day has passed")
    func nowBeforeStart() throws {
        let start = try utc("2024-05-01T00:00:00Z")
        #expect(!(try DayCount(1)).hasElapsed(since: start, at: start.addingTimeInterval(-secondsPerDay * 3)))
    }

    @Test("T2, P6: negative day counts are refused, also when the setting is off")
    func negative() {
        #expect(throws: RulesInputError.negativeDayCount(-1)) { try DayCount(-1) }
        #expect(throws: RulesInputError.negativeDayCount(-5)) { try DayThreshold(enabled: false, days: -5) }
    }

    @Test("T2, P6: a threshold is reached only when on and its days have passed")
    func threshold() throws {
        let start = try utc("2024-05-01T00:00:00Z")
        let later = start.addingTimeInterval(100 * secondsPerDay)
        #expect(try DayThreshold(enabled: false, days: 1) == .off)
        #expect(try DayThreshold(enabled: true, days: 1) == (try after(1)))
        #expect(!DayThreshold.off.isReached(since: start, at: later))
        #expect(try after(100).isReached(since: start, at: later))
        #expect(!(try after(101)).isReached(since: start, at: later))
    }

    @Test("T2, P6: Codable as a plain integer, refusing negatives")
    func codable() throws {
        let data = try JSONEncoder().encode([try DayCount(3)])
        #expect(String(decoding: data, as: UTF8.self) == "[3]")
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([DayCount].self, from: Data("[-2]".utf8)) }
    }
}
