import Foundation

/// The control operations, also available over HTTP under `/_sandbox/` on every listener.
extension Sandbox {
    /// Restores the last loaded world and forgets tokens, call counts and limit windows.
    public func reset() async { await state.reset() }

    /// Replaces the world.
    public func load(_ world: SandboxWorld) async throws { try await state.load(world) }

    /// The whole world as it is now.
    public func snapshot() async -> SandboxWorld { await state.snapshot() }

    /// Calls made to one API since the last reset.
    public func calls(_ api: SandboxAPI) async -> CallReport { await state.calls(api) }

    /// Forgets call counts.
    public func resetCalls() async { await state.resetCalls() }

    /// Changes one API's faults.
    public func setFaults(_ faults: FaultSettings, for api: SandboxAPI) async { await state.setFaults(faults, for: api) }

    /// Answers the next matching requests of one API with a fault.
    public func scriptFault(_ fault: ScriptedFault, for api: SandboxAPI) async { await state.scriptFault(fault, for: api) }

    /// Makes the next Acronis usage report created come out as `outcome`.
    public func scriptReport(_ outcome: ScriptedReport) async { await state.scriptReport(outcome) }

    /// Changes the lifetime of Acronis tokens issued from now on.
    public func setTokenLifetime(_ lifetime: Duration) async { await state.setTokenLifetime(lifetime) }

    /// Revokes the credentials of `api`: every authenticated request gets 401 until restored.
    public func revokeCredentials(_ api: SandboxAPI) async { await state.revokeCredentials(api) }

    /// Accepts the credentials of `api` again.
    public func restoreCredentials(_ api: SandboxAPI) async { await state.restoreCredentials(api) }

    /// Changes the Autotask limits.
    public func setAutotaskLimits(_ limits: AutotaskLimits) async { await state.setAutotaskLimits(limits) }

    /// Sets usage values of an Acronis tenant.
    @discardableResult
    public func setUsage(tenantId: String, _ values: [UsageValue]) async throws -> [JSONObject] {
        try await state.setUsage(tenantId: tenantId, values)
    }

    /// Raises an Acronis alert of `type` on a tenant.
    @discardableResult
    public func raiseAlert(tenantId: String, type: String, resourceName: String = "SRV-01", details: JSONObject = [:]) async throws
        -> JSONObject
    {
        try await state.raiseAlert(tenantId: tenantId, type: type, resourceName: resourceName, details: details)
    }

    /// Dismisses (resolves) an Acronis alert.
    @discardableResult
    public func resolveAlert(id: String, at date: Date = Date()) async throws -> JSONObject {
        try await state.resolveAlert(id: id, at: date)
    }

    /// A technician closes a PSA ticket.
    @discardableResult
    public func closeTicket(_ psa: SandboxAPI, id: Int, at date: Date = Date(), statusId: Int? = nil) async throws -> JSONObject {
        try await state.closeTicket(psa, id: id, at: date, statusId: statusId)
    }

    /// How many tickets of a PSA carry an external reference.
    public func ticketCount(_ psa: SandboxAPI, externalRef: String) async -> Int {
        await state.ticketCount(psa, externalRef: externalRef)
    }
}
