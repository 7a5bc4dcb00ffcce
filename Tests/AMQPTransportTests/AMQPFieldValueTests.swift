import Foundation
import Testing

@testable import AMQPTransport

@Suite("AMQP field tables")
struct AMQPFieldValueTests {
    @Test("encoding follows the AMQP 0-9-1 / RabbitMQ wire format")
    func wireFormat() throws {
        // 4-byte table length, then: short-string key, type octet, value.
        #expect(try wire(["a": .int(1)]) == [0, 0, 0, 7, 1, 0x61, 0x49, 0, 0, 0, 1])
        #expect(try wire(["b": .bool(true)]) == [0, 0, 0, 4, 1, 0x62, 0x74, 1])
        #expect(try wire(["s": "hi"]) == [0, 0, 0, 9, 1, 0x73, 0x53, 0, 0, 0, 2, 0x68, 0x69])
        #expect(
            try wire(["l": .long(-2)]) == [0, 0, 0, 11, 1, 0x6C, 0x6C] + [
                0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFE,
            ])
        #expect(
            try wire(["t": .timestamp(Date(timeIntervalSince1970: 258))]) == [
                0, 0, 0, 11, 1, 0x74, 0x54, 0, 0, 0, 0, 0, 0, 1, 2,
            ])
        #expect(try wire(["d": .double(1.0)]) == [0, 0, 0, 11, 1, 0x64, 0x64, 0x3F, 0xF0, 0, 0, 0, 0, 0, 0])
        #expect(try wire(["x": [1]]) == [0, 0, 0, 16, 1, 0x78, 0x41, 0, 0, 0, 9, 0x6C, 0, 0, 0, 0, 0, 0, 0, 1])
        #expect(try wire([:]) == [0, 0, 0, 0])
    }

    @Test("every kind survives encode and decode, nested tables and arrays included")
    func roundTrip() throws {
        let table: AMQPTable = [
            "string": "héllo wörld",
            "empty": "",
            "bool": false,
            "int": .int(-123_456),
            "long": .long(Int64.max),
            "double": .double(-0.125),
            "timestamp": .timestamp(Date(timeIntervalSince1970: 1_700_000_000)),
            "bytes": .bytes([0, 1, 2, 255]),
            "void": .void,
            "table": ["inner": ["deep": 42], "list": []],
            "array": [1, "two", 3.5, true, ["k": "v"], [.int(7), .void]],
        ]
        let decoded = try AMQPTable(wireBytes: wire(table))
        #expect(decoded == table)
    }

    @Test("narrow integer and float kinds sent by peers decode to int, long and double")
    func peerKinds() throws {
        // 'b' i8 = -1, 's' i16 = 300, 'f' f32 = 0.5, 'D' decimal 2 places 1234 = 12.34
        let bytes: [UInt8] = [
            0, 0, 0, 24,
            1, 0x62, 0x62, 0xFF,
            1, 0x73, 0x73, 0x01, 0x2C,
            1, 0x66, 0x66, 0x3F, 0x00, 0x00, 0x00,
            1, 0x44, 0x44, 2, 0, 0, 0x04, 0xD2,
        ]
        let decoded = try AMQPTable(wireBytes: bytes)
        #expect(decoded["b"] == .int(-1))
        #expect(decoded["s"] == .int(300))
        #expect(decoded["f"] == .double(0.5))
        #expect(decoded["D"]?.doubleValue.map { abs($0 - 12.34) < 1e-9 } == true)
    }

    @Test("malformed bytes are refused with an error")
    func malformed() {
        #expect(throws: AMQPError.self) { try AMQPTable(wireBytes: [0, 0, 0, 9, 1, 0x61, 0x49]) }
    }

    @Test("accessors read the value of the matching kind only")
    func accessors() {
        let value: AMQPFieldValue = [
            "x-death": [["count": .long(3), "queue": "q", "time": .timestamp(Date(timeIntervalSince1970: 5))]]
        ]
        let death = value.tableValue?["x-death"]?.arrayValue?.first?.tableValue
        #expect(death?["count"]?.intValue == 3)
        #expect(death?["queue"]?.stringValue == "q")
        #expect(death?["time"]?.dateValue == Date(timeIntervalSince1970: 5))
        #expect(AMQPFieldValue.string("3").intValue == nil)
        #expect(AMQPFieldValue.int(3).doubleValue == 3)
        #expect(AMQPFieldValue.bool(true).boolValue == true)
    }

    @Test("quorum queue helper sets the x- arguments RabbitMQ expects")
    func quorumArguments() {
        let queue = AMQPTopology.Queue.quorum(
            "psa.alerts", deadLetterExchange: "psa.dlx", deadLetterRoutingKey: "psa.alerts.dlq",
            messageTTL: .seconds(30), deliveryLimit: 5, maxLength: 10_000, overflow: .rejectPublish,
            deadLetterStrategy: .atLeastOnce)
        #expect(queue.durable)
        #expect(
            queue.arguments == [
                "x-queue-type": "quorum", "x-dead-letter-exchange": "psa.dlx",
                "x-dead-letter-routing-key": "psa.alerts.dlq",
                "x-message-ttl": .long(30_000), "x-delivery-limit": .long(5), "x-max-length": .long(10_000),
                "x-overflow": "reject-publish", "x-dead-letter-strategy": "at-least-once",
            ])
    }
}

private func wire(_ table: AMQPTable) throws -> [UInt8] {
    try table.wireBytes()
}
