import Foundation

/// The Alert Manager: list with filters and cursor paging, get, raise, dismiss, types, categories.
extension AcronisAPI {
    static let alertRoot = "/api/alert_manager/v1"
    static let alertCategories = [
        "Backup", "System", "Licensing", "Disaster recovery", "Antimalware protection", "URL filtering", "Management", "Monitoring",
        "Device control", "Email security", "EDR", "Public clouds connection", "Performance logging", "Device discovery",
    ]

    static func addAlertRoutes(to routes: inout RouteTable<HandlerContext>) {
        routes.add("GET", alertRoot + "/alerts") { try await listAlerts($0) }
        routes.add("GET", alertRoot + "/alerts/{id}") { context in
            let id = context.parameter("id").lowercased()
            let showDeleted = context.request.query["show_deleted"] == "true"
            return try await context.state.withStore { store in
                guard let alert = store.acronis.alerts[id], showDeleted || (alert["deletedAt"]?.isNull ?? true),
                    visibleAlert(alert, store.acronis)
                else {
                    throw AcronisErrors.notFound("Alert", id, domain: AcronisErrors.alertDomain)
                }
                return .json(.object(alert))
            }
        }
        routes.add("POST", alertRoot + "/alerts") { context in
            let body = try objectBody(context.request)
            let now = Date()
            return try await context.state.withStore { store in
                let alert = try raiseAlert(body, store: &store.acronis, now: now)
                return .json(["id": alert["id"]!])
            }
        }
        routes.add("DELETE", alertRoot + "/alerts/{id}") { context in
            let id = context.parameter("id").lowercased()
            let now = Date()
            return try await context.state.withStore { store in
                guard let alert = store.acronis.alerts[id], visibleAlert(alert, store.acronis) else {
                    throw AcronisErrors.notFound("Alert", id, domain: AcronisErrors.alertDomain)
                }
                _ = dismiss(id, store: &store.acronis, now: now)
                return .empty(204)
            }
        }
        routes.add("DELETE", alertRoot + "/alerts") { context in
            var filters: [String: [String]] = [:]
            for name in ["id", "type", "category", "tenant", "severity"] {
                let values = context.request.query.all(name)
                if !values.isEmpty { filters[name] = values }
            }
            guard !filters.isEmpty else {
                throw AcronisErrors.badRequest("Dismissing all alerts needs at least one of id, type, category, tenant, severity", domain: AcronisErrors.alertDomain)
            }
            let query = try AcronisAlertQuery(filters: filters)
            let now = Date()
            return await context.state.withStore { store in
                for alert in store.acronis.alerts.all where query.matches(alert) && visibleAlert(alert, store.acronis) {
                    _ = dismiss(alert["id"]!.stringValue!.lowercased(), store: &store.acronis, now: now)
                }
                return .empty(204)
            }
        }
        routes.add("GET", alertRoot + "/types") { context in
            guard let osType = context.request.query["os_type"], !osType.isEmpty else {
                throw AcronisErrors.badRequest("'os_type' is required (ios, linux, macos or windows)", domain: AcronisErrors.alertDomain)
            }
            let category = context.request.query["category"]
            return await context.state.withStore { store in
                let types = store.acronis.alertTypes.all.filter { type in
                    let systems = type["os_type"]?.arrayValue?.compactMap(\.stringValue) ?? []
                    return (systems.isEmpty || systems.contains(osType)) && (category == nil || type["category"]?.stringValue == category)
                }
                return .json(["items": .array(types.map(JSONValue.object))])
            }
        }
        routes.add("GET", alertRoot + "/types/{id}") { context in
            let id = context.parameter("id")
            return try await context.state.withStore { store in
                guard let type = store.acronis.alertTypes[id] else {
                    throw AcronisErrors.notFound("Alert type", id, domain: AcronisErrors.alertDomain)
                }
                return .json(.object(type))
            }
        }
        routes.add("GET", alertRoot + "/categories") { _ in
            .json(["items": .array(alertCategories.map { ["name": .string($0)] })])
        }
    }

    static func visibleAlert(_ alert: JSONObject, _ store: AcronisStore) -> Bool {
        guard let uuid = alert["tenant"]?["uuid"].stringValue?.lowercased(), let tenant = store.tenants[uuid] else {
            return alert["tenant"]?["uuid"].stringValue == nil
        }
        return isInPartnerSubtree(tenant, store)
    }

    /// Sets `deletedAt` and `updatedAt`; an alert already dismissed is left as it is. Returns the alert.
    @discardableResult
    static func dismiss(_ id: String, store: inout AcronisStore, now: Date) -> JSONObject? {
        guard var alert = store.alerts[id] else { return nil }
        guard alert["deletedAt"]?.isNull ?? true else { return alert }
        let stamp = ISODate.milliseconds(now)
        alert["deletedAt"] = .string(stamp)
        alert["updatedAt"] = .string(stamp)
        store.alerts.upsert(id.lowercased(), alert)
        return alert
    }

    /// Creates an alert from a POST body (`type` required; `severity`, `category` default from
    /// the type; `tenant` as `{"uuid"|"id"}` or a UUID string; `details`, `context`, `_source`).
    static func raiseAlert(_ body: JSONObject, store: inout AcronisStore, now: Date) throws -> JSONObject {
        func bad(_ message: String) -> SandboxError { AcronisErrors.badRequest(message, domain: AcronisErrors.alertDomain) }
        guard let type = body["type"]?.stringValue, !type.isEmpty else { throw bad("'type' is required") }
        let known = store.alertTypes[type]
        guard known != nil || body["category"]?.stringValue != nil else {
            throw bad("Unknown alert type '\(type)' (register it or pass 'category')")
        }
        let severity = body["severity"]?.stringValue ?? known?["severity"]?.stringValue ?? "warning"
        guard AcronisAlertQuery.severities.contains(severity) else {
            throw bad("'severity' must be one of \(AcronisAlertQuery.severities.joined(separator: ", "))")
        }
        let tenantId: String
        if let text = body["tenant"]?.stringValue {
            tenantId = text.lowercased()
        } else if let object = body["tenant"]?.objectValue, let uuid = (object["uuid"] ?? object["id"])?.stringValue {
            tenantId = uuid.lowercased()
        } else {
            throw bad("'tenant' is required (a tenant UUID or {\"uuid\": ...})")
        }
        let tenant = try visibleTenant(tenantId, store)
        // Upper-case like the Alert Manager's ids; stored under the lower-cased key.
        let id = body["id"]?.stringValue ?? UUID().uuidString
        if store.alerts[id.lowercased()] != nil { throw AcronisErrors.error(409, "Alert '\(id)' already exists", domain: AcronisErrors.alertDomain) }
        let stamp = ISODate.milliseconds(now)
        var details = body["details"]?.objectValue ?? [:]
        if details["resourceId"] == nil { details["resourceId"] = .string(UUID().uuidString.lowercased()) }
        let alert: JSONObject = [
            "id": .string(id), "type": .string(type), "category": body["category"] ?? known?["category"] ?? "Backup",
            "severity": .string(severity),
            "tenant": [
                "id": .int(legacyId(tenantId)), "uuid": .string(tenantId),
                "locator": .string("/\(tenant["parent_id"]?.stringValue ?? "")/\(tenantId)/"),
            ],
            "createdAt": .string(stamp), "receivedAt": .string(stamp), "updatedAt": .string(stamp), "deletedAt": .null,
            "details": .object(details),
            "context": body["context"] ?? ["resourceId": details["resourceId"]!, "planId": details["planId"] ?? .null],
            "_source": body["_source"] ?? "sandbox", "_sourceTimeStamp": body["_sourceTimeStamp"] ?? .null,
        ]
        store.alerts.upsert(id.lowercased(), alert)
        return alert
    }

    /// `GET /alerts`: filters (from the cursor when `after`/`before` is given), order, `limit`,
    /// and `paging.cursors.after`/`before` while there are more alerts that way.
    static func listAlerts(_ context: HandlerContext) async throws -> SandboxResponse {
        let query = context.request.query
        var filters: [String: [String]] = [:]
        var boundary: (key: String, forward: Bool)?
        let cursorText = query["after"] ?? query["before"]
        if let cursorText, !cursorText.isEmpty {
            let cursor = try AcronisCursor(decoding: cursorText, domain: AcronisErrors.alertDomain)
            for (name, value) in cursor.filters { filters[name] = value.components(separatedBy: "\u{1F}") }
            boundary = (cursor.lastKey, query["after"] != nil)
        }
        for name in AcronisAlertQuery.filterNames {
            let values = query.all(name)
            if !values.isEmpty { filters[name] = values }
        }
        let parsed = try AcronisAlertQuery(filters: filters)
        let encodedFilters = filters.mapValues { $0.joined(separator: "\u{1F}") }
        let start = boundary
        return await context.state.withStore { store in
            var alerts = store.acronis.alerts.all.filter { parsed.matches($0) && visibleAlert($0, store.acronis) }
            alerts.sort { parsed.precedes(parsed.sortKey($0), parsed.sortKey($1)) }
            var page: [JSONObject]
            var hasBefore = false
            var hasAfter = false
            if let boundary = start {
                let parts = boundary.key.split(separator: "|", maxSplits: 1).map(String.init)
                let key = (Int(parts.first ?? "") ?? 0, parts.count > 1 ? parts[1] : "")
                if boundary.forward {
                    let rest = alerts.filter { parsed.precedes(key, parsed.sortKey($0)) }
                    page = Array(rest.prefix(parsed.limit))
                    hasAfter = rest.count > page.count
                    hasBefore = true
                } else {
                    let earlier = alerts.filter { parsed.precedes(parsed.sortKey($0), key) }
                    page = Array(earlier.suffix(parsed.limit))
                    hasBefore = earlier.count > page.count
                    hasAfter = true
                }
            } else {
                page = Array(alerts.prefix(parsed.limit))
                hasAfter = alerts.count > page.count
            }
            var cursors: JSONObject = [:]
            func cursor(_ alert: JSONObject) -> String {
                let key = parsed.sortKey(alert)
                return AcronisCursor(filters: encodedFilters, lastKey: "\(key.0)|\(key.1)").encoded
            }
            if hasAfter, let last = page.last { cursors["after"] = .string(cursor(last)) }
            if hasBefore, let first = page.first { cursors["before"] = .string(cursor(first)) }
            return .json([
                "items": .array(page.map(JSONValue.object)), "paging": ["cursors": .object(cursors)],
                "timestamp": .string(ISODate.milliseconds(Date())),
            ])
        }
    }
}
