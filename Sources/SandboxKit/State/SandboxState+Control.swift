import Foundation

/// A control operation that cannot be carried out (unknown id, bad argument).
public struct SandboxControlError: Error, CustomStringConvertible, Sendable {
    /// The HTTP status the control surface answers with.
    public var status: Int
    public var description: String

    init(_ status: Int, _ description: String) {
        self.status = status
        self.description = description
    }
}

/// A usage value to set on a tenant (`POST /_sandbox/acronis/tenants/{id}/usage`).
public struct UsageValue: Sendable, Hashable, Codable {
    /// Offering item name (e.g. `pw_base_workstations`) or usage name (e.g. `workstations`); any
    /// other name adds a usage row of that name (measured in bytes) without an offering item.
    public var name: String
    /// The storage for infra usages (defaults to the infra of the tenant's enabled item).
    public var infraId: String?
    /// The current value within the period (bytes for storage).
    public var value: Double
    /// Defaults to `value`.
    public var absoluteValue: Double?
    /// A past month (`YYYY-MM`) this value belongs to, for usage reports; nil for the live value.
    public var period: String?

    /// A usage value; `absoluteValue` defaults to `value`; `period` (`YYYY-MM`) records a past month.
    public init(name: String, infraId: String? = nil, value: Double, absoluteValue: Double? = nil, period: String? = nil) {
        self.name = name
        self.infraId = infraId
        self.value = value
        self.absoluteValue = absoluteValue
        self.period = period
    }
}

/// The operations tests and the control surface use to steer the world.
extension SandboxState {
    // MARK: Reading tables

    /// Every record of a ConnectWise table.
    public func records(_ table: ConnectWiseWorld.Table) -> [JSONObject] {
        store.connectWise[table].all
    }

    /// Every record of an Autotask entity (ContractServiceAdjustments included, though the API never returns them).
    public func records(_ table: AutotaskWorld.Table) -> [JSONObject] {
        store.autotask[table].all
    }

    /// Every record of an Acronis collection.
    public func records(_ table: AcronisWorld.Table) -> [JSONObject] {
        let acronis = store.acronis
        switch table {
        case .tenants: return acronis.tenants.all
        case .alerts: return acronis.alerts.all
        case .users: return acronis.users.all
        case .activationEmails: return acronis.activationEmails
        default: return acronis.world[table]
        }
    }

    // MARK: Acronis

    /// Sets usage values of a tenant; returns the tenant's usage rows as `GET /tenants/{id}/usages` shows them.
    @discardableResult
    public func setUsage(tenantId: String, _ values: [UsageValue]) throws -> [JSONObject] {
        let id = tenantId.lowercased()
        guard let tenant = store.acronis.tenants[id] else { throw SandboxControlError(404, "no Acronis tenant '\(tenantId)'") }
        let items = store.acronis.offeringItems[id] ?? []
        var usages = store.acronis.usages[id] ?? []
        var history = store.acronis.usageHistory[id] ?? []
        for value in values {
            if let period = value.period {
                guard period.count == 7, ISODate.parse(period + "-01") != nil else {
                    throw SandboxControlError(400, "period must be a month written YYYY-MM, got '\(period)'")
                }
            }
            let candidates = items.filter { $0["name"]?.stringValue == value.name || $0["usage_name"]?.stringValue == value.name }
            let matched = candidates.first { value.infraId == nil || $0["infra_id"]?.stringValue == value.infraId }
                ?? candidates.first(where: { $0["status"]?.intValue == 1 }) ?? candidates.first
            // A name no offering item has becomes a usage row of its own (e.g. storage classes whose
            // usage names the references could not confirm): name = usage name, no edition.
            let item: JSONObject = matched ?? [
                "name": .string(value.name), "usage_name": .string(value.name), "edition": .null,
                "application_id": .string(GeneratedIDs.cyberProtectionApplication), "type": .string(value.infraId == nil ? "count" : "infra"),
                "measurement_unit": "bytes",
            ]
            let infra = value.infraId.map(JSONValue.string) ?? item["infra_id"]
            let number: (Double) -> JSONValue = { $0.rounded() == $0 && abs($0) < 9e15 ? .int(Int($0)) : .double($0) }
            var usage: JSONObject = [
                "tenant_id": .string(id), "name": item["name"]!, "usage_name": item["usage_name"] ?? .null,
                "edition": item["edition"] ?? .null, "application_id": item["application_id"] ?? .null, "type": item["type"] ?? "count",
                "measurement_unit": item["measurement_unit"] ?? "quantity", "value": number(value.value),
                "absolute_value": number(value.absoluteValue ?? value.value),
            ]
            if let infra, !infra.isNull { usage["infra_id"] = infra }
            if let period = value.period {
                usage["period"] = .string(period)
                history.removeAll {
                    $0["name"] == usage["name"] && ($0["infra_id"] ?? .null) == (usage["infra_id"] ?? .null) && $0["period"] == usage["period"]
                }
                history.append(usage)
                continue
            }
            usages.removeAll { $0["name"] == usage["name"] && ($0["infra_id"] ?? .null) == (usage["infra_id"] ?? .null) }
            usages.append(usage)
        }
        store.acronis.usages[id] = usages
        store.acronis.usageHistory[id] = history.isEmpty ? nil : history
        return AcronisAPI.usages(of: tenant, store.acronis, filter: QueryItems())
    }

    /// Raises an alert on a tenant (the Alert Manager's POST body shape: `type`, `tenant`,
    /// `severity`, `details`, …); returns the stored alert.
    @discardableResult
    public func raiseAlert(_ body: JSONObject) throws -> JSONObject {
        do {
            return try AcronisAPI.raiseAlert(body, store: &store.acronis, now: Date())
        } catch let error as SandboxError {
            throw SandboxControlError(error.status, error.body?["error"]["message"].stringValue ?? "cannot raise the alert")
        }
    }

    /// Raises an alert of `type` on `tenantId` for a resource.
    @discardableResult
    public func raiseAlert(tenantId: String, type: String, resourceName: String = "SRV-01", details: JSONObject = [:]) throws -> JSONObject {
        var merged = details
        merged["resourceName"] = merged["resourceName"] ?? .string(resourceName)
        return try raiseAlert(["type": .string(type), "tenant": .string(tenantId), "details": .object(merged)])
    }

    /// Dismisses an alert as if it resolved or a user dismissed it (`deletedAt` and `updatedAt` set).
    @discardableResult
    public func resolveAlert(id: String, at date: Date = Date()) throws -> JSONObject {
        guard let alert = AcronisAPI.dismiss(id.lowercased(), store: &store.acronis, now: date) else {
            throw SandboxControlError(404, "no alert '\(id)'")
        }
        return alert
    }

    // MARK: PSA tickets

    /// A technician closes a ticket: ConnectWise moves it to its board's first closed status
    /// (or `statusId`), Autotask to status 5 (Complete) (or `statusId`); the close time is `date`.
    @discardableResult
    public func closeTicket(_ psa: SandboxAPI, id: Int, at date: Date = Date(), statusId: Int? = nil) throws -> JSONObject {
        switch psa {
        case .connectWise:
            guard var ticket = store.connectWise[.tickets][id] else { throw SandboxControlError(404, "no ConnectWise ticket \(id)") }
            let boardId = ticket["board"]?["id"].intValue ?? 0
            let statuses = (store.connectWise[.boardStatuses].keys(where: "board/id", equals: .int(boardId)) ?? [])
                .compactMap { store.connectWise[.boardStatuses][$0] }
            let status = statusId.flatMap { wanted in statuses.first { $0["id"]?.intValue == wanted } }
                ?? statuses.first { $0["closedStatus"]?.boolValue == true }
            guard let status, status["closedStatus"]?.boolValue == true else {
                throw SandboxControlError(400, "board \(boardId) has no closed status\(statusId.map { " with id \($0)" } ?? "")")
            }
            ticket["status"] = ["id": status["id"]!, "name": status["name"] ?? .null]
            ticket["closedFlag"] = true
            ticket["closedDate"] = .string(ISODate.seconds(date))
            ticket["dateResolved"] = .string(ISODate.seconds(date))
            ticket["closedBy"] = "jtech"
            var info = ticket["_info"]?.objectValue ?? [:]
            info["lastUpdated"] = .string(ISODate.seconds(date))
            info["updatedBy"] = "jtech"
            ticket["_info"] = .object(info)
            store.connectWise[.tickets].upsert(id, ticket)
            return ticket
        case .autotask:
            guard var ticket = store.autotask[.Tickets][id] else { throw SandboxControlError(404, "no Autotask ticket \(id)") }
            ticket["status"] = .int(statusId ?? 5)
            ticket["completedDate"] = .string(ISODate.milliseconds(date))
            ticket["resolvedDateTime"] = .string(ISODate.milliseconds(date))
            ticket["completedByResourceID"] = 29_682_886
            ticket["lastActivityDate"] = .string(ISODate.milliseconds(date))
            store.autotask[.Tickets].upsert(id, ticket)
            return ticket
        case .acronis:
            throw SandboxControlError(400, "tickets live on a PSA: use connectwise or autotask")
        }
    }

    /// Tickets of a PSA carrying an external reference (ConnectWise `externalXRef`, Autotask `externalID`).
    public func tickets(_ psa: SandboxAPI, externalRef: String) -> [JSONObject] {
        switch psa {
        case .connectWise:
            let keys = store.connectWise[.tickets].keys(where: "externalXRef", equals: .string(externalRef)) ?? []
            return keys.compactMap { store.connectWise[.tickets][$0] }.filter { $0["externalXRef"]?.stringValue == externalRef }
        case .autotask:
            let keys = store.autotask[.Tickets].keys(where: "externalID", equals: .string(externalRef)) ?? []
            return keys.compactMap { store.autotask[.Tickets][$0] }.filter { $0["externalID"]?.stringValue == externalRef }
        case .acronis:
            return []
        }
    }

    /// How many tickets carry an external reference (duplicate detection).
    public func ticketCount(_ psa: SandboxAPI, externalRef: String) -> Int {
        tickets(psa, externalRef: externalRef).count
    }
}
