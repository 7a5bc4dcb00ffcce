import APIClients
import BridgeCore
import BridgeRules
import BridgeValues
import Foundation

/// ConnectWise Manage service tickets (SPEC T1-T4) through ``ConnectWiseClient``.
///
/// - Settings names resolve against the board (`/service/boards`), its statuses, types, subtypes
///   and items, and the global priorities; status and type names repeat across boards, so they
///   are always looked up on the configured board.
/// - The alert key goes into `externalXRef` (100 characters).
/// - A ticket is closed when ConnectWise says so (`closedFlag`). ConnectWise does not return
///   `closedDate` through the client's ticket model, so the close time is the ticket's
///   `_info.lastUpdated` (the close is its last change until someone touches it again).
public struct ConnectWiseTicketing: TicketingPSA {
    public let client: ConnectWiseClient

    public init(client: ConnectWiseClient) {
        self.client = client
    }

    public var kind: PSAKind { .connectWise }

    public func resolve(_ settings: TicketSettings) async throws -> ResolvedTicketSettings {
        var resolver = PSAReferenceResolver()
        let boards = try await client.boards().map {
            PSAReferenceResolver.Candidate(id: $0.id, name: $0.name, active: !($0.inactiveFlag ?? false))
        }
        guard
            let boardID = resolver.resolve(
                settings.board, among: boards, what: "service board", scope: "in ConnectWise", at: "/tickets/board")
        else {
            if settings.board == nil { resolver.add("/tickets/board", "a service board is required for ConnectWise tickets") }
            throw TicketSettingsError(psa: .connectWise, problems: resolver.problems)
        }
        let boardName = boards.first { $0.id == boardID }?.name ?? "#\(boardID)"
        let onBoard = "on board \"\(boardName)\""

        let statusList = try await client.boardStatuses(boardID: boardID)
        let statuses = statusList.map {
            PSAReferenceResolver.Candidate(id: $0.id, name: $0.name, active: !($0.inactive ?? false))
        }
        let open = statusList.filter { !($0.closedStatus ?? false) && !($0.inactive ?? false) }
            .sorted { ($0.sortOrder ?? 0, $0.id) < ($1.sortOrder ?? 0, $1.id) }
        guard let defaultStatus = open.first(where: { $0.defaultFlag ?? false }) ?? open.first else {
            resolver.add("/tickets/board", "board \"\(boardName)\" has no open status for new tickets")
            throw TicketSettingsError(psa: .connectWise, problems: resolver.problems)
        }
        let reopened = open.first {
            ["re-opened", "reopened"].contains(PSAReferenceResolver.normalized($0.name ?? ""))
        }

        let mappings = settings.alertTypes
        let needsTypes = mappings.contains { $0.type != nil }
        let needsSubtypes = mappings.contains { $0.subtype != nil }
        let needsItems = mappings.contains { $0.item != nil }
        let types = needsTypes
            ? try await client.boardTypes(boardID: boardID).map {
                PSAReferenceResolver.Candidate(id: $0.id, name: $0.name, active: !($0.inactiveFlag ?? false))
            } : []
        let subtypes = needsSubtypes
            ? try await client.boardSubtypes(boardID: boardID).map {
                PSAReferenceResolver.Candidate(id: $0.id, name: $0.name, active: !($0.inactiveFlag ?? false))
            } : []
        let items = needsItems
            ? try await client.boardItems(boardID: boardID).map {
                PSAReferenceResolver.Candidate(id: $0.id, name: $0.name, active: !($0.inactiveFlag ?? false))
            } : []
        let priorityList = try await client.priorities()
        let priorities = priorityList.map { PSAReferenceResolver.Candidate(id: $0.id, name: $0.name) }

        var resolved: [String: ResolvedAlertType] = [:]
        for (index, mapping) in mappings.enumerated() {
            let base = JSONPointer(["tickets", "alertTypes", String(index)])
            resolved[mapping.alertType] = ResolvedAlertType(
                enabled: mapping.enabled,
                typeID: resolver.resolve(mapping.type, among: types, what: "ticket type", scope: onBoard, at: base.appending("type")),
                subtypeID: resolver.resolve(
                    mapping.subtype, among: subtypes, what: "subtype", scope: onBoard, at: base.appending("subtype")),
                itemID: resolver.resolve(mapping.item, among: items, what: "item", scope: onBoard, at: base.appending("item")),
                statusID: resolver.resolve(
                    mapping.status, among: statuses, what: "status", scope: onBoard, at: base.appending("status")),
                priorityID: resolver.resolve(
                    mapping.priority, among: priorities, what: "priority", scope: "in ConnectWise",
                    at: base.appending("priority")))
        }
        var autoCloseID: Int?
        if settings.autoClose.enabled {
            autoCloseID = resolver.resolve(
                settings.autoClose.status, among: statuses, what: "status", scope: onBoard, at: "/tickets/autoClose/status")
        }
        guard resolver.problems.isEmpty else { throw TicketSettingsError(psa: .connectWise, problems: resolver.problems) }
        let defaultPriority = priorityList.first { $0.defaultFlag ?? false }?.id
        return ResolvedTicketSettings(
            boardOrQueueID: boardID, alertTypes: resolved, defaultStatusID: defaultStatus.id,
            defaultPriorityID: defaultPriority, reopenStatusID: reopened?.id, autoCloseStatusID: autoCloseID,
            newTicketAfterDays: settings.newTicketAfterDays.activeDays)
    }

    public func ticket(id: Int) async throws -> PSATicket {
        Self.ticket(try await client.ticket(id: id))
    }

    public func tickets(externalReference: String) async throws -> [PSATicket] {
        try await client.tickets(externalXRef: externalReference).map(Self.ticket)
    }

    public func createTicket(_ ticket: NewTicket, settings: ResolvedTicketSettings) async throws -> Int {
        let type = settings.alertTypes[ticket.alertType]
        let create = CWTicketCreate(
            summary: ticket.summary, companyID: ticket.companyID, boardID: settings.boardOrQueueID,
            statusID: type?.statusID ?? settings.defaultStatusID, priorityID: type?.priorityID ?? settings.defaultPriorityID,
            typeID: type?.typeID, subTypeID: type?.subtypeID, itemID: type?.itemID,
            agreementID: ticket.billing?.id, initialDescription: ticket.description, externalXRef: ticket.externalReference)
        return try await client.createTicket(create).id
    }

    public func addNote(ticketID: Int, note: TicketNoteText, resolution: Bool, settings: ResolvedTicketSettings)
        async throws -> Int
    {
        // ConnectWise notes have no title: the text carries everything.
        try await client.createTicketNote(
            ticketID: ticketID,
            CWTicketNoteCreate(text: note.text, internalAnalysisFlag: true, resolutionFlag: resolution)
        ).id
    }

    public func noteTexts(ticketID: Int) async throws -> [String] {
        try await client.ticketNotes(ticketID: ticketID).compactMap(\.text)
    }

    public func setStatus(ticketID: Int, statusID: Int, resolution: String?) async throws {
        _ = try await client.setTicketStatus(ticketID: ticketID, statusID: statusID)
    }

    public func productIDs(_ products: [PSAReference]) async throws -> Set<Int> {
        var ids = Set<Int>()
        var identifiers: [String] = []
        for product in products {
            switch product {
            case .id(let id): ids.insert(id)
            case .name(let identifier): identifiers.append(identifier)
            }
        }
        for chunk in stride(from: 0, to: identifiers.count, by: 25).map({ Array(identifiers[$0..<min($0 + 25, identifiers.count)]) }) {
            let items = try await client.catalogItems(CWQuery(where: CWField("identifier").in(chunk), fields: ["id", "identifier"]))
            ids.formUnion(items.map(\.id))
        }
        return ids
    }

    public func billingReference(companyID: Int, productIDs: Set<Int>) async throws -> BillingReference? {
        guard !productIDs.isEmpty else { return nil }
        let agreements = try await client.agreements(
            CWQuery(
                where: CWField("company/id") == companyID && CWField("agreementStatus") == "Active",
                orderBy: .ascending("id")))
        for agreement in agreements where !(agreement.cancelledFlag ?? false) {
            let additions = try await client.additions(agreementID: agreement.id)
            if additions.contains(where: { addition in
                addition.cancelledDate == nil && addition.product?.id.map(productIDs.contains) == true
            }) {
                return BillingReference(id: agreement.id, name: agreement.name)
            }
        }
        return nil
    }

    public func companyName(id: Int) async throws -> String? {
        do {
            return try await client.company(id: id).name
        } catch let error as APIError where error.isNotFound {
            return nil
        }
    }

    static func ticket(_ ticket: CWTicket) -> PSATicket {
        let closed = ticket.closedFlag ?? false
        return PSATicket(
            id: ticket.id, statusID: ticket.status?.id, closed: closed, closedAt: closed ? ticket.info?.lastUpdated : nil,
            externalReference: ticket.externalXRef)
    }
}
