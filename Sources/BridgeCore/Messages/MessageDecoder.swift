import BridgeValues
import Foundation

/// Turns a message body into a typed `Message`, or a `MessageRejection` naming what is wrong.
///
/// Checks, in order: size (before parsing), JSON syntax, `schemaVersion`, `type`, the envelope
/// schema (which includes the payload schema), then rules a schema cannot express: the envelope's
/// `tenantId`/`companyId` agree with the payload's, and the payload's own `semanticProblems()`.
public struct MessageDecoder: Sendable {
    /// 1 MiB.
    public static let defaultMaxBodyBytes = 1 << 20

    public let catalog: SchemaCatalog
    public let maxBodyBytes: Int

    public init(catalog: SchemaCatalog, maxBodyBytes: Int = MessageDecoder.defaultMaxBodyBytes) {
        self.catalog = catalog
        self.maxBodyBytes = maxBodyBytes
    }

    public func decode(_ body: Data) throws(MessageRejection) -> Message {
        guard body.count <= maxBodyBytes else {
            throw MessageRejection(reason: .tooLarge(size: body.count, limit: maxBodyBytes))
        }
        let document: JSONValue
        do {
            document = try JSONValue(parsing: body)
        } catch {
            throw MessageRejection(reason: .malformedJSON(error))
        }
        let messageId = document["messageId"]?.stringValue
        let typeName = document["type"]?.stringValue
        func reject(_ reason: MessageRejection.Reason) -> MessageRejection {
            MessageRejection(reason: reason, messageId: messageId, type: typeName)
        }

        if let version = document["schemaVersion"]?.intValue, version != Envelope<SyncTick>.currentSchemaVersion {
            throw reject(.unsupportedSchemaVersion(version))
        }
        var type: MessageType?
        if let typeName {
            guard let known = MessageType(rawValue: typeName) else { throw reject(.unknownType(typeName)) }
            type = known
        }
        let problems: [SchemaProblem]
        do {
            problems = try catalog.validate(document, against: "envelope.schema.json")
        } catch {
            // A catalog without the envelope schema is a deployment defect; say so on the message.
            throw reject(.schemaViolation([SchemaProblem(path: .root, keyword: "$schema", message: error.description)]))
        }
        guard problems.isEmpty, let type else { throw reject(.schemaViolation(problems)) }

        let message: Message
        do {
            message = try Self.typed(type, body)
        } catch {
            throw reject(.schemaViolation([
                SchemaProblem(path: .root, keyword: "decode", message: "cannot be read as \(type.rawValue): \(error)")
            ]))
        }
        let semantic = Self.semanticProblems(message)
        guard semantic.isEmpty else { throw reject(.schemaViolation(semantic)) }
        return message
    }

    private static func typed(_ type: MessageType, _ body: Data) throws -> Message {
        let decoder = JSONDecoder()
        switch type {
        case .syncTick: return .syncTick(try decoder.decode(Envelope<SyncTick>.self, from: body))
        case .provisionCompany: return .provisionCompany(try decoder.decode(Envelope<ProvisionCompany>.self, from: body))
        case .usageTenant: return .usageTenant(try decoder.decode(Envelope<UsageTenant>.self, from: body))
        case .ticketCommand: return .ticketCommand(try decoder.decode(Envelope<TicketCommand>.self, from: body))
        }
    }

    private static func semanticProblems(_ message: Message) -> [SchemaProblem] {
        switch message {
        case .syncTick(let envelope): semanticProblems(envelope)
        case .provisionCompany(let envelope): semanticProblems(envelope)
        case .usageTenant(let envelope): semanticProblems(envelope)
        case .ticketCommand(let envelope): semanticProblems(envelope)
        }
    }

    private static func semanticProblems<Payload>(_ envelope: Envelope<Payload>) -> [SchemaProblem] {
        var problems: [SchemaProblem] = []
        if let tenantId = envelope.tenantId, let expected = envelope.payload.envelopeTenantId,
            !AlertKey.sameID(tenantId, expected)
        {
            problems.append(SchemaProblem(path: "/tenantId", keyword: "envelope", message: "must equal /payload/tenantId"))
        }
        if let companyId = envelope.companyId, let expected = envelope.payload.envelopeCompanyId, companyId != expected {
            problems.append(
                SchemaProblem(path: "/companyId", keyword: "envelope", message: "must equal /payload/companyId"))
        }
        for problem in envelope.payload.semanticProblems() {
            var moved = problem
            moved.path = JSONPointer(["payload"] + problem.path.tokens)
            problems.append(moved)
        }
        return problems
    }
}
