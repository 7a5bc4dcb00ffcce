import BridgeValues
import Foundation
import Testing

@testable import BridgeCore

@Suite("Messages: envelope, payload schemas, encoder and decoder (S3, S5, T4)")
struct MessageTests {
    let catalog: SchemaCatalog
    let decoder: MessageDecoder

    init() throws {
        catalog = try TestSupport.catalog()
        decoder = MessageDecoder(catalog: catalog)
    }

    @Test("every message the encoder produces validates against the envelope and its payload schema")
    func producedMessagesValidate() throws {
        for message in Fixtures.allMessages {
            let json = try Fixtures.encoded(message)
            #expect(try catalog.validate(json, against: "envelope.schema.json") == [], "\(message.type)")
            let payload = try #require(json["payload"])
            #expect(try catalog.validate(payload, against: message.type.schemaFileName) == [], "\(message.type)")
        }
    }

    @Test("encode then decode gives the same message")
    func roundTrip() throws {
        for message in Fixtures.allMessages {
            let decoded = try decoder.decode(MessageEncoder().encode(message))
            #expect(decoded == message)
            #expect(decoded.type == message.type)
        }
    }

    @Test("wire form: lower-case UUIDs, RFC 3339 UTC times, sorted keys, ids from the payload")
    func wireForm() throws {
        let json = try Fixtures.encoded(.ticketCommand(Fixtures.ticketOpen))
        let messageId = try #require(json["messageId"]?.stringValue)
        #expect(messageId == messageId.lowercased())
        #expect(json["occurredAt"]?.stringValue?.hasSuffix("Z") == true)
        #expect(json["tenantId"] == .string(Fixtures.tenantId))
        #expect(json["companyId"] == .string(Fixtures.companyId))
        #expect(json["payload"]?["alert"]?["updatedAt"] == "2026-11-22T01:13:20.500Z")
        #expect(json["payload"]?["occurrence"] == "E5FA7823-1C2D-4E5F-8A9B-0C1D2E3F4A5B@2026-11-22T01:13:20.500Z")
        #expect(json["schemaVersion"] == 1)
        #expect(json["attempt"] == 1)
        let tick = try Fixtures.encoded(.syncTick(Fixtures.syncTick))
        #expect(tick["payload"]?["slot"] == "2026-11-22T02:15:00Z")
        #expect(tick["occurredAt"] == "2026-11-22T02:15:00.123Z")
        #expect(tick["tenantId"] == nil)
    }

    @Test("S5: malformed JSON is rejected naming the position")
    func malformedJSON() throws {
        let rejection = #expect(throws: MessageRejection.self) {
            try decoder.decode(Data(#"{"type": "sync.tick", "payload": {"#.utf8))
        }
        #expect(rejection?.code == .malformedJSON)
        let reason = try #require(rejection?.reason)
        guard case .malformedJSON(let error) = reason else {
            Issue.record("expected a malformed-JSON rejection, got \(reason)")
            return
        }
        #expect(error.line == 1)
        #expect(rejection?.description.contains("not JSON") == true)
    }

    @Test("S5: a schemaVersion other than 1 is rejected as unsupported")
    func wrongSchemaVersion() throws {
        let json = try Fixtures.encoded(.syncTick(Fixtures.syncTick)).replacing("/schemaVersion", with: 2)
        let rejection = #expect(throws: MessageRejection.self) { try decoder.decode(json.serialized()) }
        #expect(rejection?.reason == .unsupportedSchemaVersion(2))
        #expect(rejection?.type == "sync.tick")
        #expect(rejection?.messageId == Fixtures.syncTick.messageId.uuidString.lowercased())
        #expect(rejection?.description.contains("schemaVersion 2 is not supported") == true)
        // A version that is not an integer is a schema violation, reported with its path.
        let text = try Fixtures.encoded(.syncTick(Fixtures.syncTick)).replacing("/schemaVersion", with: "1")
        let violation = #expect(throws: MessageRejection.self) { try decoder.decode(text.serialized()) }
        #expect(violation?.problems.map(\.path) == ["/schemaVersion"])
    }

    @Test("S5: an unknown type is rejected naming it and the known types")
    func unknownType() throws {
        let json = try Fixtures.encoded(.syncTick(Fixtures.syncTick)).replacing("/type", with: "sync.tock")
        let rejection = #expect(throws: MessageRejection.self) { try decoder.decode(json.serialized()) }
        #expect(rejection?.reason == .unknownType("sync.tock"))
        #expect(rejection?.description.contains("unknown message type 'sync.tock'") == true)
        #expect(rejection?.description.contains("ticket.command") == true)
    }

    @Test("S5: a 10 MB body is rejected before parsing")
    func tooLarge() {
        // Not JSON at all: if it were parsed, the rejection would be malformedJSON.
        let body = Data(repeating: UInt8(ascii: "x"), count: 10 * 1024 * 1024)
        let start = ContinuousClock.now
        let rejection = #expect(throws: MessageRejection.self) { try decoder.decode(body) }
        #expect(rejection?.reason == .tooLarge(size: 10_485_760, limit: 1_048_576))
        #expect(rejection?.code == .tooLarge)
        #expect(ContinuousClock.now - start < .milliseconds(100))
        // Exactly the limit is parsed (and here found malformed), one byte more is not.
        let atLimit = #expect(throws: MessageRejection.self) {
            try decoder.decode(Data(repeating: UInt8(ascii: "x"), count: MessageDecoder.defaultMaxBodyBytes))
        }
        #expect(atLimit?.code == .malformedJSON)
    }

    @Test("S5: a missing payload field is a schema violation at its path")
    func missingPayloadField() throws {
        let json = try Fixtures.encoded(.syncTick(Fixtures.syncTick)).replacing("/payload/slot", with: nil)
        let rejection = #expect(throws: MessageRejection.self) { try decoder.decode(json.serialized()) }
        #expect(rejection?.code == .schemaViolation)
        #expect(rejection?.problems.map { "\($0.path) \($0.keyword) \($0.message)" } == ["/payload/slot required is required"])
        #expect(rejection?.description.contains("/payload/slot: is required") == true)
    }

    @Test("a body that is JSON but not an object is a schema violation")
    func notAnObject() throws {
        let rejection = #expect(throws: MessageRejection.self) { try decoder.decode(Data("[1, 2]".utf8)) }
        #expect(rejection?.problems.first?.message == "must be an object, not an array")
    }

    /// A good message, one change, and the one problem it must cause.
    struct Breakage: Sendable, CustomTestStringConvertible {
        var messageIndex: Int
        var path: JSONPointer
        var value: JSONValue?
        var problemPath: JSONPointer
        var keyword: String
        var testDescription: String { "\(path) := \(value?.jsonString ?? "(removed)")" }
    }

    static let breakages: [Breakage] = [
        // Envelope
        Breakage(messageIndex: 0, path: "/messageId", value: "not-a-uuid", problemPath: "/messageId", keyword: "format"),
        Breakage(messageIndex: 0, path: "/idempotencyKey", value: "", problemPath: "/idempotencyKey", keyword: "minLength"),
        Breakage(messageIndex: 0, path: "/idempotencyKey", value: "has space", problemPath: "/idempotencyKey", keyword: "pattern"),
        Breakage(messageIndex: 0, path: "/occurredAt", value: "yesterday", problemPath: "/occurredAt", keyword: "format"),
        Breakage(messageIndex: 0, path: "/attempt", value: 0, problemPath: "/attempt", keyword: "minimum"),
        Breakage(messageIndex: 0, path: "/extra", value: 1, problemPath: "/extra", keyword: "additionalProperties"),
        Breakage(messageIndex: 0, path: "/payload", value: nil, problemPath: "/payload", keyword: "required"),
        Breakage(messageIndex: 0, path: "/payload", value: "tick", problemPath: "/payload", keyword: "type"),
        Breakage(messageIndex: 3, path: "/tenantId", value: "tenant-1", problemPath: "/tenantId", keyword: "format"),
        Breakage(messageIndex: 3, path: "/companyId", value: "ACME", problemPath: "/companyId", keyword: "pattern"),
        // sync.tick
        Breakage(messageIndex: 0, path: "/payload/slot", value: "2026-11-22T03:15:00+01:00", problemPath: "/payload/slot", keyword: "pattern"),
        Breakage(messageIndex: 0, path: "/payload/intervalSeconds", value: 30, problemPath: "/payload/intervalSeconds", keyword: "minimum"),
        Breakage(messageIndex: 0, path: "/payload/source", value: "cron", problemPath: "/payload/source", keyword: "enum"),
        Breakage(messageIndex: 0, path: "/payload/emitter", value: nil, problemPath: "/payload/emitter", keyword: "required"),
        // provision.company
        Breakage(messageIndex: 1, path: "/payload/psa", value: "halo", problemPath: "/payload/psa", keyword: "enum"),
        Breakage(messageIndex: 1, path: "/payload/action", value: "delete", problemPath: "/payload/action", keyword: "enum"),
        Breakage(messageIndex: 2, path: "/payload/tenantId", value: nil, problemPath: "/payload/tenantId", keyword: "required"),
        Breakage(messageIndex: 1, path: "/payload/companyId", value: 250, problemPath: "/payload/companyId", keyword: "type"),
        // usage.tenant
        Breakage(messageIndex: 3, path: "/payload/periodStart", value: "2026-10", problemPath: "/payload/periodStart", keyword: "format"),
        Breakage(messageIndex: 3, path: "/payload/tickSlot", value: nil, problemPath: "/payload/tickSlot", keyword: "required"),
        // ticket.command
        Breakage(messageIndex: 4, path: "/payload/action", value: "close", problemPath: "/payload/action", keyword: "enum"),
        Breakage(messageIndex: 4, path: "/payload/alert/severity", value: "ok", problemPath: "/payload/alert/severity", keyword: "enum"),
        Breakage(messageIndex: 4, path: "/payload/alert/details", value: 5, problemPath: "/payload/alert/details", keyword: "type"),
        Breakage(messageIndex: 4, path: "/payload/alert/resolved", value: "no", problemPath: "/payload/alert/resolved", keyword: "type"),
        Breakage(messageIndex: 4, path: "/payload/alertKey/resourceId", value: nil, problemPath: "/payload/alertKey/resourceId", keyword: "required"),
        Breakage(messageIndex: 4, path: "/payload/alert/updatedAt", value: "2026-11-22", problemPath: "/payload/alert/updatedAt", keyword: "format"),
        Breakage(messageIndex: 4, path: "/payload/alertKey/extra", value: 1, problemPath: "/payload/alertKey/extra", keyword: "additionalProperties"),
    ]

    @Test("each schema rejects a broken message with exactly the expected problem", arguments: breakages)
    func brokenMessages(_ breakage: Breakage) throws {
        let good = try Fixtures.encoded(Fixtures.allMessages[breakage.messageIndex])
        let broken = good.replacing(breakage.path, with: breakage.value)
        let rejection = #expect(throws: MessageRejection.self) { try decoder.decode(broken.serialized()) }
        let problems = rejection?.problems ?? []
        #expect(problems.map(\.path) == [breakage.problemPath], "\(problems)")
        #expect(problems.map(\.keyword) == [breakage.keyword], "\(problems)")
    }

    @Test("S2, T4: rules a schema cannot express: ids agree, the alert key is the alert's, slots aligned, periods ordered")
    func semanticChecks() throws {
        let ticket = try Fixtures.encoded(.ticketCommand(Fixtures.ticketOpen))
        let mismatchedKey = ticket.replacing("/payload/alertKey/alertType", with: "BackupDidNotStart")
        var rejection = #expect(throws: MessageRejection.self) { try decoder.decode(mismatchedKey.serialized()) }
        #expect(rejection?.problems.map(\.path) == ["/payload/alertKey/alertType"])

        // UUIDs differing only in case are the same id.
        let upperTenant = ticket.replacing("/payload/alertKey/tenantId", with: .string(Fixtures.tenantId.uppercased()))
        #expect(throws: Never.self) { try decoder.decode(upperTenant.serialized()) }

        let otherCompany = ticket.replacing("/companyId", with: "251")
        rejection = #expect(throws: MessageRejection.self) { try decoder.decode(otherCompany.serialized()) }
        #expect(rejection?.problems.map(\.path) == ["/companyId"])

        // S2: a slot that is not a slot start would give one slot two names.
        let misaligned = try Fixtures.encoded(.syncTick(Fixtures.syncTick)).replacing("/payload/slot", with: "2026-11-22T02:16:00Z")
        rejection = #expect(throws: MessageRejection.self) { try decoder.decode(misaligned.serialized()) }
        #expect(rejection?.problems.map { "\($0.path) \($0.message)" } == [
            "/payload/slot must be the start of a 900-second slot (e.g. 2026-11-22T02:15:00Z)"
        ])

        let usage = try Fixtures.encoded(.usageTenant(Fixtures.usage)).replacing("/payload/periodEnd", with: "2026-09-30")
        rejection = #expect(throws: MessageRejection.self) { try decoder.decode(usage.serialized()) }
        #expect(rejection?.problems.map(\.path) == ["/payload/periodEnd"])
        #expect(rejection?.problems.first?.message.contains("must not be before periodStart") == true)
    }

    @Test("S2: two schedulers' ticks for one slot share an idempotency key; manual ticks do not")
    func tickIdempotency() {
        let a = Envelope(payload: SyncTick(slot: Fixtures.slot, source: .schedule, emitter: "scheduler@a"))
        let b = Envelope(payload: SyncTick(slot: Fixtures.slot, source: .schedule, emitter: "scheduler@b"))
        let catchUp = Envelope(payload: SyncTick(slot: Fixtures.slot, source: .catchUp, emitter: "scheduler@a"))
        #expect(a.messageId != b.messageId)
        #expect(a.idempotencyKey == "sync.tick:2026-11-22T02:15:00Z")
        #expect(a.idempotencyKey == b.idempotencyKey)
        #expect(catchUp.idempotencyKey == a.idempotencyKey)
        let manual1 = Envelope(payload: SyncTick(slot: Fixtures.slot, source: .manual, emitter: "bridgectl"))
        let manual2 = Envelope(payload: SyncTick(slot: Fixtures.slot, source: .manual, emitter: "bridgectl"))
        #expect(manual1.idempotencyKey != manual2.idempotencyKey)
        #expect(manual1.idempotencyKey != a.idempotencyKey)
    }

    @Test("T4: a retried or re-published command for one alert occurrence keeps its idempotency key")
    func ticketIdempotency() throws {
        let first = Fixtures.ticketOpen
        let republished = Envelope(
            payload: TicketCommand(psa: .connectWise, action: .open, alert: Fixtures.alert, tenantId: Fixtures.tenantId, companyId: Fixtures.companyId))
        #expect(first.idempotencyKey == republished.idempotencyKey)
        #expect(first.withAttempt(3).idempotencyKey == first.idempotencyKey)
        #expect(first.withAttempt(3).messageId == first.messageId)
        var recurred = Fixtures.alert
        recurred.updatedAt = recurred.updatedAt.addingTimeInterval(3600)
        let next = Envelope(
            payload: TicketCommand(psa: .connectWise, action: .open, alert: recurred, tenantId: Fixtures.tenantId, companyId: Fixtures.companyId))
        #expect(next.idempotencyKey != first.idempotencyKey)
        #expect(next.payload.alertKey == first.payload.alertKey)
        // Retries re-encode with the new attempt and still decode.
        let retried = try decoder.decode(MessageEncoder().encode(Message.ticketCommand(first).withAttempt(2)))
        #expect(retried.attempt == 2)
    }

    @Test("encoding never fails: a non-finite number in alert details is written as a string and the message still validates")
    func nonFiniteDetails() throws {
        var alert = Fixtures.alert
        alert.details = ["ratio": .number(.infinity), "nan": .number(.nan)]
        let envelope = Envelope(
            payload: TicketCommand(psa: .autotask, action: .open, alert: alert, tenantId: Fixtures.tenantId, companyId: Fixtures.companyId))
        let decoded = try decoder.decode(MessageEncoder().encode(envelope))
        guard case .ticketCommand(let back) = decoded else {
            Issue.record("expected a ticket command")
            return
        }
        #expect(back.payload.alert.details == ["ratio": "Infinity", "nan": "NaN"])
    }

    @Test("idempotency keys stay within 255 printable characters whatever the ids hold")
    func boundedKeys() throws {
        let long = IdempotencyKey.make(["ticket.command", String(repeating: "é:x ", count: 200)])
        #expect(long.utf8.count <= 255)
        #expect(long.allSatisfy { $0.isASCII && $0 != " " })
        #expect(long != IdempotencyKey.make(["ticket.command", String(repeating: "é:x ", count: 201)]))
        #expect(IdempotencyKey.make(["a", "b c"]) == "a:b%20c")
    }
}
