import APIClients
import BridgeCore
import BridgeRules
import BridgeValues
import Foundation

/// Autotask PSA tickets (SPEC T1-T4) through ``AutotaskClient``.
///
/// - Settings names resolve against the `Tickets` picklists (queue, status, priority, issue type,
///   sub-issue type whose parent must be the issue type, source) and the `TicketNotes`
///   picklists (note type, publish); labels compare case-insensitively, ids as numbers.
/// - Defaults where the settings name nothing: status New (1, or the picklist default), the
///   picklist's default priority (else its first active value), due in 1 day (Autotask refuses a
///   ticket without `dueDateTime` unless its category supplies one), note type and publish from
///   their picklist defaults (else "Task Notes" and the first active value).
/// - The alert key goes into `externalID` (50 characters).
/// - A ticket is closed when it has a `completedDate` or the Complete status (5).
public struct AutotaskTicketing: TicketingPSA {
    public let client: AutotaskClient
    /// Days until a new ticket is due when the alert type names none.
    public static let defaultDueInDays = 1

    public init(client: AutotaskClient) {
        self.client = client
    }

    public var kind: PSAKind { .autotask }

    public func resolve(_ settings: TicketSettings) async throws -> ResolvedTicketSettings {
        var resolver = PSAReferenceResolver()
        let lists = try await client.ticketPicklists()
        let noteLists = try await client.ticketNotePicklists()
        func candidates(_ values: [ATPicklistValue]) -> [PSAReferenceResolver.Candidate] {
            values.compactMap { value in
                value.intValue.map { .init(id: $0, name: value.label, active: value.isActive ?? true) }
            }
        }
        let queues = candidates(lists.queues)
        let statuses = candidates(lists.statuses)
        let priorities = candidates(lists.priorities)
        let issueTypes = candidates(lists.issueTypes)
        let sources = candidates(lists.sources)
        let scope = "in the Autotask picklist"

        let queueID = resolver.resolve(settings.queue, among: queues, what: "queue", scope: scope, at: "/tickets/queue")
        if settings.queue == nil { resolver.add("/tickets/queue", "a queue is required for Autotask tickets") }

        var resolved: [String: ResolvedAlertType] = [:]
        for (index, mapping) in settings.alertTypes.enumerated() {
            let base = JSONPointer(["tickets", "alertTypes", String(index)])
            let issueType = resolver.resolve(
                mapping.issueType, among: issueTypes, what: "issue type", scope: scope, at: base.appending("issueType"))
            var subIssueType: Int?
            if let reference = mapping.subIssueType {
                if mapping.issueType == nil {
                    resolver.add(base.appending("subIssueType"), "a sub-issue type needs its issue type")
                } else if let issueType {
                    let children = lists.subIssueTypes.filter { $0.parentValue.flatMap(Int.init) == issueType }
                    subIssueType = resolver.resolve(
                        reference, among: candidates(children), what: "sub-issue type",
                        scope: "under issue type \(mapping.issueType!)", at: base.appending("subIssueType"))
                }
            }
            resolved[mapping.alertType] = ResolvedAlertType(
                enabled: mapping.enabled,
                issueTypeID: issueType, subIssueTypeID: subIssueType,
                statusID: resolver.resolve(mapping.status, among: statuses, what: "status", scope: scope, at: base.appending("status")),
                priorityID: resolver.resolve(
                    mapping.priority, among: priorities, what: "priority", scope: scope, at: base.appending("priority")),
                dueInDays: mapping.dueInDays)
            if mapping.type != nil {
                resolver.add(base.appending("type"), "Autotask tickets take an issue type, not a type")
            }
        }
        var autoCloseID: Int?
        if settings.autoClose.enabled {
            autoCloseID = resolver.resolve(
                settings.autoClose.status, among: statuses, what: "status", scope: scope, at: "/tickets/autoClose/status")
        }
        let sourceID = resolver.resolve(
            settings.autotask.source, among: sources, what: "source", scope: scope, at: "/tickets/autotask/source")
        let noteTypeID =
            resolver.resolve(
                settings.autotask.noteType, among: candidates(noteLists.noteTypes), what: "note type", scope: scope,
                at: "/tickets/autotask/noteType")
            ?? (settings.autotask.noteType == nil ? Self.defaultNoteType(noteLists.noteTypes) : nil)
        let publishID =
            resolver.resolve(
                settings.autotask.publish, among: candidates(noteLists.publish), what: "publish value", scope: scope,
                at: "/tickets/autotask/publish")
            ?? (settings.autotask.publish == nil ? Self.defaultValue(noteLists.publish) : nil)
        let defaultStatus =
            lists.statuses.first { $0.intValue == ATTicket.newStatus }?.intValue ?? Self.defaultValue(lists.statuses)
        if defaultStatus == nil { resolver.add("/tickets", "the Autotask status picklist is empty") }
        if noteTypeID == nil, settings.autotask.noteType == nil {
            resolver.add("/tickets/autotask/noteType", "the Autotask note type picklist has no active value")
        }
        if publishID == nil, settings.autotask.publish == nil {
            resolver.add("/tickets/autotask/publish", "the Autotask note publish picklist has no active value")
        }
        guard resolver.problems.isEmpty, let queueID, let defaultStatus else {
            throw TicketSettingsError(psa: .autotask, problems: resolver.problems)
        }
        let reopened = lists.statuses.first {
            ($0.isActive ?? true) && ["re-opened", "reopened"].contains(PSAReferenceResolver.normalized($0.label ?? ""))
        }?.intValue
        return ResolvedTicketSettings(
            boardOrQueueID: queueID, alertTypes: resolved, defaultStatusID: defaultStatus,
            defaultPriorityID: Self.defaultValue(lists.priorities), reopenStatusID: reopened,
            autoCloseStatusID: autoCloseID, newTicketAfterDays: settings.newTicketAfterDays.activeDays,
            sourceID: sourceID, noteTypeID: noteTypeID, publishID: publishID)
    }

    public func ticket(id: Int) async throws -> PSATicket {
        Self.ticket(try await client.ticket(id: id))
    }

    public func tickets(externalReference: String) async throws -> [PSATicket] {
        try await client.tickets(externalID: externalReference).map(Self.ticket)
    }

    public func createTicket(_ ticket: NewTicket, settings: ResolvedTicketSettings) async throws -> Int {
        let type = settings.alertTypes[ticket.alertType]
        guard let priority = type?.priorityID ?? settings.defaultPriorityID else {
            throw APIError(
                service: .autotask, kind: .invalidRequest, method: "POST", path: "/Tickets",
                messages: ["no priority: name one for alert type \(ticket.alertType) (the priority picklist has no default)"])
        }
        let days = type?.dueInDays ?? Self.defaultDueInDays
        let create = ATTicketCreate(
            companyID: ticket.companyID, title: ticket.summary, description: ticket.description,
            status: type?.statusID ?? settings.defaultStatusID, priority: priority, queueID: settings.boardOrQueueID,
            issueType: type?.issueTypeID, subIssueType: type?.subIssueTypeID, source: settings.sourceID,
            dueDateTime: Date().addingTimeInterval(Double(days) * 86_400), contractID: ticket.billing?.id,
            externalID: ticket.externalReference)
        return try await client.createTicket(create)
    }

    public func addNote(ticketID: Int, note: TicketNoteText, resolution: Bool, settings: ResolvedTicketSettings)
        async throws -> Int
    {
        guard let noteType = settings.noteTypeID, let publish = settings.publishID else {
            throw APIError(
                service: .autotask, kind: .invalidRequest, method: "POST", path: "/Tickets/\(ticketID)/Notes",
                messages: ["no note type or publish value resolved"])
        }
        return try await client.createTicketNote(
            ticketID: ticketID,
            ATTicketNoteCreate(title: note.title, description: note.text, noteType: noteType, publish: publish))
    }

    public func noteTexts(ticketID: Int) async throws -> [String] {
        try await client.ticketNotes(ticketID: ticketID).compactMap(\.description)
    }

    public func setStatus(ticketID: Int, statusID: Int, resolution: String?) async throws {
        try await client.updateTicketStatus(ticketID: ticketID, status: statusID, resolution: resolution)
    }

    public func productIDs(_ products: [PSAReference]) async throws -> Set<Int> {
        var ids = Set<Int>()
        for product in products {
            switch product {
            case .id(let id): ids.insert(id)
            case .name(let name): ids.formUnion(try await client.services(ATField("name") == name).map(\.id))
            }
        }
        return ids
    }

    public func billingReference(companyID: Int, productIDs: Set<Int>) async throws -> BillingReference? {
        guard !productIDs.isEmpty else { return nil }
        let contracts = try await client.contracts(ATField("companyID") == companyID && ATField("status") == 1)
            .sorted { $0.id < $1.id }
        guard !contracts.isEmpty else { return nil }
        let services = try await client.contractServices(ATField("contractID").in(contracts.map(\.id)))
        let withProduct = Set(services.filter { $0.serviceID.map(productIDs.contains) == true }.compactMap(\.contractID))
        return contracts.first { withProduct.contains($0.id) }.map { BillingReference(id: $0.id, name: $0.contractName) }
    }

    public func companyName(id: Int) async throws -> String? {
        do {
            return try await client.company(id: id).companyName
        } catch let error as APIError where error.isNotFound {
            return nil
        }
    }

    static func ticket(_ ticket: ATTicket) -> PSATicket {
        let closed = ticket.completedDate != nil || ticket.status == ATTicket.completeStatus
        return PSATicket(
            id: ticket.id, statusID: ticket.status, closed: closed,
            closedAt: closed ? (ticket.completedDate ?? ticket.lastActivityDate) : nil,
            externalReference: ticket.externalID)
    }

    /// The picklist's default value, else its first active value by sort order.
    static func defaultValue(_ values: [ATPicklistValue]) -> Int? {
        let active = values.filter { $0.isActive ?? true }
        return (active.first { $0.isDefaultValue ?? false }
            ?? active.sorted { ($0.sortOrder ?? 0) < ($1.sortOrder ?? 0) }.first)?.intValue
    }

    /// The note type default, else "Task Notes", else the first active value.
    static func defaultNoteType(_ values: [ATPicklistValue]) -> Int? {
        let active = values.filter { $0.isActive ?? true }
        if let marked = active.first(where: { $0.isDefaultValue ?? false }) { return marked.intValue }
        if let task = active.first(where: { PSAReferenceResolver.normalized($0.label ?? "") == "task notes" }) {
            return task.intValue
        }
        return defaultValue(values)
    }
}
