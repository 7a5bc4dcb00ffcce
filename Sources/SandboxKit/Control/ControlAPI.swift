import Foundation

/// The `/_sandbox/` control surface every listener serves (not part of any real API; JSON in
/// and out). Operations that concern one API act on the listener's own API unless an `api`
/// (or `psa`) member or query parameter names another.
///
/// | route | does |
/// |---|---|
/// | `POST /_sandbox/reset` | restore the loaded world, forget tokens and counts |
/// | `POST /_sandbox/load` | replace the world (body: a world) |
/// | `GET /_sandbox/state` | the whole world |
/// | `GET/PUT /_sandbox/config` | faults (`latencyMs`, `jitterMs`, `failureRate`, `failureStatuses`, `lostResponseRate`, `rateLimit`), `tokenLifetimeSeconds`, `autotaskLimits` |
/// | `POST /_sandbox/acronis/tenants/{id}/usage` | set usage values (`{"items":[{"name","value","infra_id"?}]}`) |
/// | `POST /_sandbox/acronis/alerts` | raise an alert (the Alert Manager POST body); returns the alert |
/// | `POST /_sandbox/acronis/alerts/{id}/resolve` | dismiss an alert (`{"at"?}`) |
/// | `POST /_sandbox/faults/next`, `DELETE /_sandbox/faults/next` | script (or clear) "the next N matching requests answer S" (`{"count","status","method"?,"pathContains"?,"retryAfterSeconds"?,"afterHandling"?}`) |
/// | `POST /_sandbox/acronis/tokens/expire` | expire every issued token |
/// | `POST /_sandbox/credentials/revoke`, `POST /_sandbox/credentials/restore` | refuse (401) or accept again the API's credentials |
/// | `POST /_sandbox/psa/tickets/{id}/close` | a technician closes a ticket (`{"at"?, "statusId"?}`) |
/// | `GET /_sandbox/tickets?externalRef=` | tickets carrying an external reference |
/// | `GET /_sandbox/calls`, `POST /_sandbox/calls/reset` | call counts and peak concurrency |
struct ControlAPI: Sendable {
    let state: SandboxState

    func handle(_ request: SandboxRequest, api: SandboxAPI) async -> SandboxResponse {
        do {
            return try await route(request, api: api)
        } catch let error as SandboxError {
            return error.response
        } catch let error as SandboxControlError {
            return .json(["error": .string(error.description)], status: error.status)
        } catch {
            return .json(["error": .string(String(describing: error))], status: 400)
        }
    }

    static func failure(_ status: Int, _ message: String) -> SandboxError {
        SandboxError(status: status, body: ["error": .string(message)])
    }

    private func body(_ request: SandboxRequest) throws -> JSONObject {
        guard request.hasBody else { return [:] }
        guard let object = try request.jsonBody().objectValue else { throw Self.failure(400, "the body must be a JSON object") }
        return object
    }

    /// The API an operation targets: `api`/`psa` in the body or query, else the listener's.
    private func target(_ request: SandboxRequest, _ body: JSONObject, default api: SandboxAPI) throws -> SandboxAPI {
        guard let name = body["api"]?.stringValue ?? body["psa"]?.stringValue ?? request.query["api"] ?? request.query["psa"] else {
            return api
        }
        guard let named = SandboxAPI(rawValue: name.lowercased()) else {
            throw Self.failure(400, "unknown api '\(name)' (acronis, connectwise, autotask)")
        }
        return named
    }

    private func date(_ value: JSONValue?) throws -> Date {
        guard let value, !value.isNull else { return Date() }
        guard let text = value.stringValue, let date = ISODate.parse(text) else {
            throw Self.failure(400, "'at' must be an ISO 8601 timestamp")
        }
        return date
    }

    private func route(_ request: SandboxRequest, api: SandboxAPI) async throws -> SandboxResponse {
        let path = Array(request.segments.dropFirst())
        // Routes with an id are matched on their shape; the id is read back from `path`.
        let shape = path.enumerated().map { index, part in path.count == 4 && index == 2 ? "*" : part }
        switch (request.method, shape) {
        case ("POST", ["reset"]):
            await state.reset()
            return .json(["reset": true])
        case ("POST", ["load"]):
            let world = try SandboxWorld(json: request.jsonBody())
            try await state.load(world)
            return .json(["loaded": true])
        case ("GET", ["state"]):
            return SandboxResponse(status: 200, headers: [("Content-Type", "application/json")], body: await state.snapshot().encoded())
        case ("GET", ["config"]):
            return .json(await configuration(for: try target(request, [:], default: api)))
        case ("PUT", ["config"]):
            let object = try body(request)
            let targets: [SandboxAPI] =
                (object["api"]?.stringValue ?? request.query["api"]) == "all" ? SandboxAPI.allCases : [try target(request, object, default: api)]
            for target in targets { try await apply(object, to: target) }
            return .json(await configuration(for: targets[0]))
        case ("GET", ["calls"]):
            return .json(await state.calls(try target(request, [:], default: api)).json)
        case ("POST", ["calls", "reset"]):
            await state.resetCalls()
            return .json(["reset": true])
        case ("POST", ["acronis", "tenants", "*", "usage"]):
            let tenant = path[2]
            let object = try body(request)
            let list = object["items"]?.arrayValue ?? [.object(object)]
            let values = try list.map { item -> UsageValue in
                guard let name = (item["name"].stringValue ?? item["usage_name"].stringValue), let value = item["value"].doubleValue else {
                    throw Self.failure(400, "each usage needs 'name' (offering item or usage name) and a numeric 'value'")
                }
                return UsageValue(
                    name: name, infraId: item["infra_id"].stringValue, value: value, absoluteValue: item["absolute_value"].doubleValue,
                    period: item["period"].stringValue)
            }
            let rows = try await state.setUsage(tenantId: tenant, values)
            return .json(["items": .array(rows.map(JSONValue.object))])
        case ("POST", ["acronis", "alerts"]):
            return .json(.object(try await state.raiseAlert(try body(request))))
        case ("POST", ["acronis", "alerts", "*", "resolve"]):
            let id = path[2]
            let object = try body(request)
            return .json(.object(try await state.resolveAlert(id: id, at: try date(object["at"]))))
        case ("POST", ["faults", "next"]):
            let object = try body(request)
            guard let status = object["status"]?.intValue, (400...599).contains(status) else {
                throw Self.failure(400, "'status' must be an HTTP error status (400...599)")
            }
            let fault = ScriptedFault(
                count: object["count"]?.intValue ?? 1, status: status, method: object["method"]?.stringValue,
                pathContains: object["pathContains"]?.stringValue, retryAfterSeconds: object["retryAfterSeconds"]?.intValue,
                afterHandling: object["afterHandling"]?.boolValue ?? false)
            guard fault.count >= 1 else { throw Self.failure(400, "'count' must be at least 1") }
            let target = try target(request, object, default: api)
            await state.scriptFault(fault, for: target)
            return .json(["scripted": true, "api": .string(target.rawValue), "count": .int(fault.count), "status": .int(status)])
        case ("POST", ["acronis", "reports", "next"]):
            // {"outcome": "failed" | "in_progress" (+ "polls") | "content" (+ "text") | "raw" (+ "text")}
            let object = try body(request)
            let text = Array((object["text"]?.stringValue ?? "").utf8)
            let outcome: ScriptedReport
            switch object["outcome"]?.stringValue {
            case "failed": outcome = .failed
            case "in_progress": outcome = .inProgress(polls: max(1, object["polls"]?.intValue ?? 1))
            case "content": outcome = .content(text)
            case "raw": outcome = .rawBody(text)
            default: throw Self.failure(400, "'outcome' must be one of failed, in_progress, content, raw")
            }
            await state.scriptReport(outcome)
            return .json(["scripted": true, "outcome": object["outcome"] ?? .null])
        case ("DELETE", ["faults", "next"]):
            await state.clearScriptedFaults()
            return .json(["cleared": true])
        case ("POST", ["credentials", "revoke"]):
            let target = try target(request, try body(request), default: api)
            await state.revokeCredentials(target)
            return .json(["revoked": true, "api": .string(target.rawValue)])
        case ("POST", ["credentials", "restore"]):
            let target = try target(request, try body(request), default: api)
            await state.restoreCredentials(target)
            return .json(["revoked": false, "api": .string(target.rawValue)])
        case ("POST", ["acronis", "tokens", "expire"]):
            await state.expireTokens()
            return .json(["expired": true])
        case ("POST", ["psa", "tickets", "*", "close"]):
            let id = path[2]
            let object = try body(request)
            let psa = try target(request, object, default: api)
            guard let number = Int(id) else { throw Self.failure(400, "ticket id '\(id)' is not a number") }
            let ticket = try await state.closeTicket(psa, id: number, at: try date(object["at"]), statusId: object["statusId"]?.intValue)
            return .json(.object(ticket))
        case ("GET", ["tickets"]):
            guard let reference = request.query["externalRef"] else { throw Self.failure(400, "externalRef is required") }
            let psa = try target(request, [:], default: api)
            guard psa != .acronis else { throw Self.failure(400, "name the PSA with ?psa=connectwise or ?psa=autotask") }
            let tickets = await state.tickets(psa, externalRef: reference)
            return .json([
                "psa": .string(psa.rawValue), "externalRef": .string(reference), "count": .int(tickets.count),
                "ids": .array(tickets.compactMap { $0["id"] }),
            ])
        default:
            throw Self.failure(404, "unknown control route \(request.method) \(request.rawPath)")
        }
    }

    private func configuration(for api: SandboxAPI) async -> JSONValue {
        let faults = await state.faults(for: api)
        let limits = await state.currentAutotaskLimits()
        let lifetime = await state.tokenLifetime
        var object: JSONObject = [
            "api": .string(api.rawValue), "latencyMs": .int(faults.latencyMs), "jitterMs": .int(faults.jitterMs),
            "failureRate": .double(faults.failureRate), "failureStatuses": .array(faults.failureStatuses.map(JSONValue.int)),
            "lostResponseRate": .double(faults.lostResponseRate),
            "rateLimit": faults.rateLimit.map { ["requests": .int($0.requests), "perSeconds": .double($0.perSeconds)] } ?? .null,
            "tokenLifetimeSeconds": .double(Double(lifetime.components.seconds) + Double(lifetime.components.attoseconds) / 1e18),
        ]
        object["autotaskLimits"] = [
            "threadsPerEndpoint": .int(limits.threadsPerEndpoint), "requestsPerHour": .int(limits.requestsPerHour),
            "threadLimitStatus": .int(limits.threadLimitStatus),
        ]
        return .object(object)
    }

    private func apply(_ object: JSONObject, to api: SandboxAPI) async throws {
        var faults = await state.faults(for: api)
        func number(_ key: String) throws -> Double? {
            guard let value = object[key], !value.isNull else { return nil }
            guard let number = value.doubleValue, number >= 0 else { throw Self.failure(400, "'\(key)' must be a non-negative number") }
            return number
        }
        if let value = try number("latencyMs") { faults.latencyMs = Int(value) }
        if let value = try number("jitterMs") { faults.jitterMs = Int(value) }
        if let value = try number("failureRate") {
            guard value <= 1 else { throw Self.failure(400, "'failureRate' must be between 0 and 1") }
            faults.failureRate = value
        }
        if let value = try number("lostResponseRate") {
            guard value <= 1 else { throw Self.failure(400, "'lostResponseRate' must be between 0 and 1") }
            faults.lostResponseRate = value
        }
        if let statuses = object["failureStatuses"]?.arrayValue {
            let codes = statuses.compactMap(\.intValue)
            guard !codes.isEmpty, codes.count == statuses.count, codes.allSatisfy({ (400...599).contains($0) }) else {
                throw Self.failure(400, "'failureStatuses' must be a non-empty array of HTTP error statuses")
            }
            faults.failureStatuses = codes
        }
        if let limit = object["rateLimit"] {
            if limit.isNull {
                faults.rateLimit = nil
            } else {
                guard let requests = limit["requests"].intValue, requests >= 0, let seconds = limit["perSeconds"].doubleValue, seconds > 0 else {
                    throw Self.failure(400, "'rateLimit' must be {\"requests\": n, \"perSeconds\": s} or null")
                }
                faults.rateLimit = RateLimit(requests: requests, perSeconds: seconds)
            }
        }
        await state.setFaults(faults, for: api)
        if let seconds = try number("tokenLifetimeSeconds") {
            await state.setTokenLifetime(.milliseconds(Int(seconds * 1000)))
        }
        if let limits = object["autotaskLimits"]?.objectValue {
            var current = await state.currentAutotaskLimits()
            if let value = limits["threadsPerEndpoint"]?.intValue { current.threadsPerEndpoint = value }
            if let value = limits["requestsPerHour"]?.intValue { current.requestsPerHour = value }
            if let value = limits["threadLimitStatus"]?.intValue { current.threadLimitStatus = value }
            await state.setAutotaskLimits(current)
        }
    }
}
