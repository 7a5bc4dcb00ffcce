import Foundation

/// Usage reports: `POST /api/2/reports`, `GET /reports/{id}`, `/reports/{id}/stored`, the gzip
/// download `/reports/{id}/stored/{stored_id}` and `DELETE /reports/{id}?version=`.
///
/// The sandbox keeps one usage value per tenant, offering item and month (`usageHistory`, set
/// with `POST /_sandbox/acronis/tenants/{id}/usage` and a `period`), so a report reads (inferred
/// model): **absolute** = the value for the month of `period.end` (the live value when none was
/// recorded), **delta** = absolute − the value for the month before `period.start` (0 when none),
/// **effective** = delta for cumulative items (compute points) and absolute otherwise; a trial
/// tenant's values go to the `trial` columns, others to `production`, and `total` is their sum.
/// Reports are ready at once (stored status `saved`), unless a test scripted the next one
/// (``ScriptedReport``: failed, in progress for some polls, other content). Formats: `csv_v2_0` and `json_v2_0` (whose
/// tenant objects' shape is the sandbox's own: the references do not give it).
extension AcronisAPI {
    static let reportLevels: Set<String> = ["itself", "direct_partners", "all_partners", "all_customers", "accounts"]
    static let reportKinds: Set<String> = ["usage_summary", "usage_current", "usage_daily", "usage_breakdown"]
    static let reportFormats: Set<String> = ["csv_v2_0", "json_v2_0"]

    static func addReportRoutes(to routes: inout RouteTable<HandlerContext>) {
        routes.add("POST", "/api/2/reports") { try await createReport($0) }
        routes.add("GET", "/api/2/reports/{id}") { context in
            let id = context.parameter("id").lowercased()
            return try await context.state.withStore { store in
                guard let report = store.acronis.reports[id] else { throw AcronisErrors.notFound("Report", id) }
                return .json(.object(publicReport(report)))
            }
        }
        routes.add("GET", "/api/2/reports/{id}/stored") { context in
            let id = context.parameter("id").lowercased()
            return try await context.state.withStore { store in
                guard var report = store.acronis.reports[id] else { throw AcronisErrors.notFound("Report", id) }
                // A scripted report still being generated reads in_progress for its pending polls.
                let pending = report["pending_polls"]?.intValue ?? 0
                if pending > 0 {
                    report["pending_polls"] = .int(pending - 1)
                    store.acronis.reports.upsert(id, report)
                }
                let items = (report["stored"]?.arrayValue ?? []).map { item -> JSONValue in
                    var visible = item.objectValue!.filter { $0.key != "content" && $0.key != "raw" }
                    if pending > 0 { visible["status"] = "in_progress" }
                    return .object(visible)
                }
                return .json(["items": .array(items)])
            }
        }
        routes.add("GET", "/api/2/reports/{id}/stored/{stored_id}") { context in
            let id = context.parameter("id").lowercased()
            let storedId = context.parameter("stored_id").lowercased()
            return try await context.state.withStore { store in
                guard let report = store.acronis.reports[id], (report["pending_polls"]?.intValue ?? 0) == 0,
                    let stored = report["stored"]?.arrayValue?.first(where: { $0["id"].stringValue == storedId }),
                    let content = stored["content"].stringValue, let data = Data(base64Encoded: content)
                else { throw AcronisErrors.notFound("Stored report", storedId) }
                // A gzip file, not a transfer encoding: clients save or gunzip it (inferred from `curl --compressed` / `.csv.gz`).
                return SandboxResponse(status: 200, headers: [("Content-Type", "application/gzip")], body: Array(data))
            }
        }
        routes.add("DELETE", "/api/2/reports/{id}") { context in
            let id = context.parameter("id").lowercased()
            guard let version = context.request.query["version"].flatMap(Int.init) else {
                throw AcronisErrors.badRequest("The 'version' query parameter is required to delete a report")
            }
            return try await context.state.withStore { store in
                guard let report = store.acronis.reports[id] else { throw AcronisErrors.notFound("Report", id) }
                guard report["version"]?.intValue == version else { throw AcronisErrors.conflict("Version conflict on report '\(id)'", id: id) }
                store.acronis.reports.remove(id)
                return .empty(204)
            }
        }
    }

    static func publicReport(_ report: JSONObject) -> JSONObject {
        report.filter { $0.key != "stored" && $0.key != "pending_polls" }
    }

    static func createReport(_ context: HandlerContext) async throws -> SandboxResponse {
        let body = try objectBody(context.request)
        guard let parameters = body["parameters"]?.objectValue else { throw AcronisErrors.badRequest("'parameters' is required") }
        let kind = parameters["kind"]?.stringValue ?? ""
        guard reportKinds.contains(kind) else {
            throw AcronisErrors.badRequest("parameters.kind must be one of \(reportKinds.sorted().joined(separator: ", "))")
        }
        let level = parameters["level"]?.stringValue ?? ""
        guard reportLevels.contains(level) else {
            throw AcronisErrors.badRequest("parameters.level must be one of \(reportLevels.sorted().joined(separator: ", "))")
        }
        let formats = parameters["formats"]?.arrayValue?.compactMap(\.stringValue) ?? []
        guard !formats.isEmpty else { throw AcronisErrors.badRequest("parameters.formats is required") }
        if let unsupported = formats.first(where: { !reportFormats.contains($0) }) {
            throw AcronisErrors.badRequest("Format '\(unsupported)' is not served by the sandbox (csv_v2_0, json_v2_0)")
        }
        guard let tenantId = parameters["tenant_id"]?.stringValue?.lowercased() else {
            throw AcronisErrors.badRequest("parameters.tenant_id is required")
        }
        let start: Date
        let end: Date
        if kind == "usage_current" {
            start = ISODate.startOfMonth(Date())
            end = Date()
        } else {
            guard let startText = parameters["period"]?["start"].stringValue, let from = ISODate.parse(startText),
                let endText = parameters["period"]?["end"].stringValue, let to = ISODate.parse(endText), from <= to
            else {
                throw AcronisErrors.badRequest("parameters.period needs 'start' and 'end' dates (YYYY-MM-DD), start not after end")
            }
            start = from
            end = to
        }
        let scheduleType = body["schedule"]?["type"].stringValue ?? "once"
        guard scheduleType == "once" else {
            throw AcronisErrors.badRequest("The sandbox generates reports with schedule.type 'once' only")
        }
        let hideZero = parameters["hide_zero_usage"]?.boolValue ?? false
        let now = Date()
        return try await context.state.withStore { store in
            let root = try visibleTenant(tenantId, store.acronis)
            let scope = reportScope(root, level: level, store.acronis)
            let rows = reportRows(scope, start: start, end: end, hideZero: hideZero, store.acronis)
            let id = UUID().uuidString.lowercased()
            let script = store.acronis.scriptedReports.isEmpty ? nil : store.acronis.scriptedReports.removeFirst()
            let stored = formats.map { format -> JSONValue in
                var content = format == "csv_v2_0"
                    ? Array(csv(rows).utf8)
                    : json(rows, scope: scope, kind: kind, level: level, start: start, end: end, root: root, now: now).serialized()
                if case .content(let scripted) = script { content = scripted }
                var body = GzipStored.compress(content)
                if case .rawBody(let raw) = script { body = raw }
                var item: JSONObject = [
                    "id": .string(UUID().uuidString.lowercased()), "report_format": .string(format), "size": .int(body.count),
                    "created_at": .string(ISODate.seconds(now)), "status": "saved", "content": .string(Data(body).base64EncodedString()),
                ]
                if case .failed = script {
                    item["status"] = "failed"
                    item["content"] = nil
                    item["size"] = .int(0)
                }
                return .object(item)
            }
            var report: JSONObject = [
                "id": .string(id), "version": .int(store.acronis.nextVersion()), "parameters": .object(parameters),
                "schedule": body["schedule"] ?? ["type": "once"], "result_action": body["result_action"] ?? "save",
                "recipients": body["recipients"] ?? .array([]), "generation_date": .string(ISODate.seconds(now)),
                "stored": .array(stored),
            ]
            if case .inProgress(let polls) = script, polls > 0 { report["pending_polls"] = .int(polls) }
            store.acronis.reports.upsert(id, report)
            return .json(.object(publicReport(report)), status: 201)
        }
    }

    static func reportScope(_ root: JSONObject, level: String, _ store: AcronisStore) -> [JSONObject] {
        let rootId = root["id"]?.stringValue ?? ""
        let live = subtree(rootId, store).compactMap { store.tenants[$0] }.filter { $0["deleted_at"]?.isNull ?? true }
        switch level {
        case "itself": return [root]
        case "direct_partners": return live.filter { $0["parent_id"]?.stringValue == rootId && $0["kind"]?.stringValue == "partner" }
        case "all_partners": return live.filter { $0["kind"]?.stringValue == "partner" && $0["id"]?.stringValue != rootId }
        case "accounts": return live.filter { ["customer", "unit"].contains($0["kind"]?.stringValue ?? "") }
        default: return live.filter { $0["kind"]?.stringValue == "customer" }
        }
    }

    struct ReportRow {
        var tenant: JSONObject
        var item: JSONObject
        var absolute: Double
        var delta: Double
        var effective: Double
    }

    static func month(_ date: Date) -> String {
        String(ISODate.day(date).prefix(7))
    }

    static func reportRows(_ scope: [JSONObject], start: Date, end: Date, hideZero: Bool, _ store: AcronisStore) -> [ReportRow] {
        let endMonth = month(end)
        let startMonth = month(ISODate.startOfMonth(start, addingMonths: -1))
        var rows: [ReportRow] = []
        for tenant in scope {
            let id = tenant["id"]?.stringValue ?? ""
            let history = store.usageHistory[id] ?? []
            let live = usages(of: tenant, store, filter: QueryItems())
            func recorded(_ usage: JSONObject, _ period: String) -> Double? {
                history.first {
                    $0["period"]?.stringValue == period && $0["name"] == usage["name"] && ($0["infra_id"] ?? .null) == (usage["infra_id"] ?? .null)
                }?["value"]?.doubleValue
            }
            for usage in live {
                let absolute = recorded(usage, endMonth) ?? usage["value"]?.doubleValue ?? 0
                let delta = absolute - (recorded(usage, startMonth) ?? 0)
                let cumulative = (usage["usage_name"]?.stringValue ?? "") == "compute_points"
                if hideZero && absolute == 0 && delta == 0 { continue }
                rows.append(ReportRow(tenant: tenant, item: usage, absolute: absolute, delta: delta, effective: cumulative ? delta : absolute))
            }
        }
        return rows
    }

    static func columns(_ value: Double, trial: Bool) -> (production: Double, trial: Double, total: Double) {
        trial ? (0, value, value) : (value, 0, value)
    }

    static func number(_ value: Double) -> String {
        value.rounded() == value && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }

    static func csv(_ rows: [ReportRow]) -> String {
        func field(_ text: String) -> String {
            text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
        }
        var lines = [
            [
                "tenant.id", "tenant.name", "tenant.kind", "application.id", "edition", "name", "usage_name", "infra.id", "infra.owner_id",
                "infra.backend_type", "measurement_unit", "usage.absolute.production", "usage.absolute.trial", "usage.absolute.total",
                "usage.delta.production", "usage.delta.trial", "usage.delta.total", "usage.effective.production", "usage.effective.trial",
                "usage.effective.total",
            ].joined(separator: ",")
        ]
        for row in rows {
            let trial = row.tenant["pricing_mode"]?.stringValue == "trial"
            let absolute = columns(row.absolute, trial: trial)
            let delta = columns(row.delta, trial: trial)
            let effective = columns(row.effective, trial: trial)
            let values: [String] = [
                row.tenant["id"]?.stringValue ?? "", row.tenant["name"]?.stringValue ?? "", row.tenant["kind"]?.stringValue ?? "",
                row.item["application_id"]?.stringValue ?? "", row.item["edition"]?.stringValue ?? "", row.item["name"]?.stringValue ?? "",
                row.item["usage_name"]?.stringValue ?? "", row.item["infra_id"]?.stringValue ?? "", "", "",
                row.item["measurement_unit"]?.stringValue ?? "",
            ] + [absolute, delta, effective].flatMap { [number($0.production), number($0.trial), number($0.total)] }
            lines.append(values.map(field).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func json(
        _ rows: [ReportRow], scope: [JSONObject], kind: String, level: String, start: Date, end: Date, root: JSONObject, now: Date
    ) -> JSONValue {
        let kinds = ["usage_daily": 4, "usage_summary": 5, "usage_current": 8, "usage_breakdown": 6]
        let levels = ["direct_partners": 1, "all_customers": 2, "accounts": 3, "all_partners": 4, "itself": 0]
        let tenants = scope.map { tenant -> JSONValue in
            let trial = tenant["pricing_mode"]?.stringValue == "trial"
            let usages = rows.filter { $0.tenant["id"] == tenant["id"] }.map { row -> JSONValue in
                func triple(_ value: Double) -> JSONValue {
                    let c = columns(value, trial: trial)
                    return ["production": .double(c.production), "trial": .double(c.trial), "total": .double(c.total)]
                }
                return [
                    "application_id": row.item["application_id"] ?? .null, "edition": row.item["edition"] ?? .null,
                    "name": row.item["name"] ?? .null, "usage_name": row.item["usage_name"] ?? .null,
                    "infra_id": row.item["infra_id"] ?? .null, "measurement_unit": row.item["measurement_unit"] ?? .null,
                    "usage": ["absolute": triple(row.absolute), "delta": triple(row.delta), "effective": triple(row.effective)],
                ]
            }
            return ["id": tenant["id"] ?? .null, "name": tenant["name"] ?? .null, "kind": tenant["kind"] ?? .null, "usages": .array(usages)]
        }
        return [
            "params": [
                "kind": .int(kinds[kind] ?? 5), "gen_date": .int(Int(now.timeIntervalSince1970)),
                "begin_date": .int(Int(start.timeIntervalSince1970)), "end_date": .int(Int(end.timeIntervalSince1970)),
                "group_id": .int(legacyId(root["id"]?.stringValue ?? "")), "name": root["name"] ?? .null,
                "report_level": .int(levels[level] ?? 2), "report_type": .string(kind),
            ],
            "tenants": .array(tenants),
        ]
    }
}
