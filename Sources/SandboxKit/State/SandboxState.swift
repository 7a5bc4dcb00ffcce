import Foundation

/// The one in-memory world the three APIs share, plus the runtime settings (faults, limits,
/// token lifetime), issued tokens and call statistics.
///
/// Every API request runs its handler inside this actor, so a request sees and leaves a
/// consistent world. Tests read and steer the world through the public methods here (the same
/// operations the `/_sandbox/` control surface offers).
public actor SandboxState {
    var store: WorldStore
    private var initialWorld: SandboxWorld
    let credentials: SandboxCredentials

    var faults: [SandboxAPI: FaultSettings]
    var autotaskLimits: AutotaskLimits
    var tokenLifetime: Duration
    private var random: FaultRandom

    /// Acronis access token → expiry.
    var tokens: [String: Date] = [:]
    private var revoked: Set<SandboxAPI> = []

    private var calls: [SandboxAPI: [String: Int]] = [:]
    private var rejections: [SandboxAPI: [String: Int]] = [:]
    private var inFlight: [SandboxAPI: [String: Int]] = [:]
    private var maxConcurrency: [SandboxAPI: [String: Int]] = [:]
    private var scripted: [SandboxAPI: [ScriptedFault]] = [:]
    private var rateWindows: [SandboxAPI: (start: ContinuousClock.Instant, count: Int)] = [:]
    /// Arrival times of Autotask requests within the last hour (oldest first).
    private var autotaskHour: [ContinuousClock.Instant] = []
    private var autotaskHourStart = 0

    init(configuration: SandboxConfiguration) throws {
        store = try WorldStore(world: configuration.world)
        initialWorld = configuration.world
        credentials = configuration.credentials
        faults = configuration.faults
        autotaskLimits = configuration.autotaskLimits
        tokenLifetime = configuration.tokenLifetime
        random = FaultRandom(seed: configuration.faultSeed)
    }

    /// Runs `body` on the live records.
    func withStore<T: Sendable>(_ body: @Sendable (inout WorldStore) throws -> T) rethrows -> T {
        try body(&store)
    }

    // MARK: World

    /// The whole world as it is now.
    public func snapshot() -> SandboxWorld {
        store.world
    }

    /// Replaces the world (the new world also becomes what ``reset()`` restores).
    public func load(_ world: SandboxWorld) throws {
        store = try WorldStore(world: world)
        initialWorld = world
        tokens.removeAll()
    }

    /// Restores the last loaded world and forgets issued tokens, call counts and limit windows.
    public func reset() {
        // The initial world was accepted once, so building it again cannot fail.
        store = try! WorldStore(world: initialWorld)
        tokens.removeAll()
        resetCalls()
        autotaskHour.removeAll()
        autotaskHourStart = 0
        rateWindows.removeAll()
        scripted.removeAll()
    }

    // MARK: Settings

    /// Current fault settings of one API.
    public func faults(for api: SandboxAPI) -> FaultSettings {
        faults[api] ?? .none
    }

    /// Changes the fault settings of one API.
    public func setFaults(_ settings: FaultSettings, for api: SandboxAPI) {
        faults[api] = settings
        rateWindows[api] = nil
    }

    /// Changes the lifetime of Acronis tokens issued from now on.
    public func setTokenLifetime(_ lifetime: Duration) {
        tokenLifetime = lifetime
    }

    /// Current Autotask limits.
    public func currentAutotaskLimits() -> AutotaskLimits {
        autotaskLimits
    }

    /// Changes the Autotask limits.
    public func setAutotaskLimits(_ limits: AutotaskLimits) {
        autotaskLimits = limits
    }

    /// Answers the next matching requests of one API with a fault (faults queue in order).
    public func scriptFault(_ fault: ScriptedFault, for api: SandboxAPI) {
        guard fault.count > 0 else { return }
        scripted[api, default: []].append(fault)
    }

    /// Makes the next usage report created come out as `outcome` (outcomes queue in order).
    public func scriptReport(_ outcome: ScriptedReport) {
        store.acronis.scriptedReports.append(outcome)
    }

    /// Removes every scripted fault.
    public func clearScriptedFaults() {
        scripted.removeAll()
    }

    /// Expires every Acronis token issued so far (the next call with one gets 401).
    public func expireTokens() {
        tokens.removeAll()
    }

    // MARK: Credentials

    /// Revokes the credentials of `api`, as an administrator who deactivates the API member
    /// (ConnectWise), the API user (Autotask) or the API client (Acronis) would: every
    /// authenticated request, and every Acronis token request, then gets 401 until
    /// ``restoreCredentials(_:)``. Revoking Acronis also expires its tokens.
    public func revokeCredentials(_ api: SandboxAPI) {
        revoked.insert(api)
        if api == .acronis { tokens.removeAll() }
    }

    /// Accepts the credentials of `api` again.
    public func restoreCredentials(_ api: SandboxAPI) {
        revoked.remove(api)
    }

    /// Whether the credentials of `api` are revoked.
    public func credentialsRevoked(_ api: SandboxAPI) -> Bool {
        revoked.contains(api)
    }

    // MARK: Calls

    /// Calls made to one API since the last reset.
    public func calls(_ api: SandboxAPI) -> CallReport {
        CallReport(calls: calls[api] ?? [:], maxConcurrency: maxConcurrency[api] ?? [:], rejections: rejections[api] ?? [:])
    }

    /// Forgets call counts, concurrency peaks and rejections (requests in flight stay counted).
    public func resetCalls() {
        calls.removeAll()
        rejections.removeAll()
        maxConcurrency.removeAll()
    }

    /// Autotask requests counted in the current rolling hour.
    public func autotaskRequestsThisHour() -> Int {
        pruneAutotaskHour(now: .now)
        return autotaskHour.count - autotaskHourStart
    }

    // MARK: Admission

    /// Counts a request and decides whether it runs. `threadKey` is the Autotask integration
    /// code (thread limits apply per code and endpoint); nil for the other APIs.
    func admit(
        api: SandboxAPI, callKey: String, endpoint: String, threadKey: String?, countsTowardsBudget: Bool,
        method: String = "", path: String = ""
    ) -> Admission {
        calls[api, default: [:]][callKey, default: 0] += 1
        let settings = faults[api] ?? .none
        let now = ContinuousClock.now

        var delayMs = settings.latencyMs
        if settings.jitterMs > 0 { delayMs += Int.random(in: 0...settings.jitterMs, using: &random) }
        var admission = Admission(delay: .milliseconds(delayMs), rejection: nil, lostResponseStatus: nil, heldEndpoint: nil)

        func reject(_ rejection: AdmissionRejection) -> Admission {
            rejections[api, default: [:]][rejection.reason, default: 0] += 1
            var refused = admission
            refused.rejection = rejection
            if case .threadLimit = rejection { refused.delay = .zero }
            return refused
        }

        // Concurrency: held for the whole request, latency included.
        let inFlightKey = threadKey.map { "\($0)|\(endpoint)" } ?? endpoint
        let current = (inFlight[api]?[inFlightKey] ?? 0) + 1
        if api == .autotask, threadKey != nil, current > autotaskLimits.threadsPerEndpoint {
            return reject(
                .threadLimit(endpoint: endpoint, limit: autotaskLimits.threadsPerEndpoint, status: autotaskLimits.threadLimitStatus))
        }
        inFlight[api, default: [:]][inFlightKey] = current
        let endpointTotal = (inFlight[api] ?? [:]).filter { $0.key == endpoint || $0.key.hasSuffix("|\(endpoint)") }.values.reduce(0, +)
        maxConcurrency[api, default: [:]][endpoint] = max(maxConcurrency[api]?[endpoint] ?? 0, endpointTotal)
        admission.heldEndpoint = inFlightKey

        if api == .autotask, countsTowardsBudget {
            pruneAutotaskHour(now: now)
            if autotaskHour.count - autotaskHourStart >= autotaskLimits.requestsPerHour {
                let oldest = autotaskHour[autotaskHourStart]
                let wait = oldest.advanced(by: .seconds(3600)) - now
                let seconds = max(1, Int(wait.components.seconds) + 1)
                return reject(.hourlyLimit(limit: autotaskLimits.requestsPerHour, retryAfterSeconds: seconds))
            }
            autotaskHour.append(now)
        }

        if let index = scripted[api]?.firstIndex(where: { $0.count > 0 && $0.matches(method: method, path: path) }) {
            let fault = scripted[api]![index]
            scripted[api]![index].count -= 1
            if scripted[api]![index].count == 0 { scripted[api]!.remove(at: index) }
            if fault.afterHandling {
                rejections[api, default: [:]]["lostResponse", default: 0] += 1
                admission.lostResponseStatus = fault.status
                return admission
            }
            return reject(.scripted(status: fault.status, retryAfterSeconds: fault.status == 429 ? (fault.retryAfterSeconds ?? 1) : fault.retryAfterSeconds))
        }

        if let limit = settings.rateLimit, limit.requests >= 0, limit.perSeconds > 0 {
            let window = Duration.milliseconds(Int(limit.perSeconds * 1000))
            var current = rateWindows[api] ?? (now, 0)
            if now - current.start >= window { current = (now, 0) }
            if current.count >= limit.requests {
                rateWindows[api] = current
                let remaining = current.start.advanced(by: window) - now
                let seconds = max(1, Int((Double(remaining.components.seconds) + Double(remaining.components.attoseconds) / 1e18).rounded(.up)))
                return reject(.rateLimited(retryAfterSeconds: seconds))
            }
            current.count += 1
            rateWindows[api] = current
        }

        if settings.failureRate > 0, Double.random(in: 0..<1, using: &random) < settings.failureRate {
            let status = settings.failureStatuses.randomElement(using: &random) ?? 500
            return reject(.failure(status: status))
        }
        if settings.lostResponseRate > 0, Double.random(in: 0..<1, using: &random) < settings.lostResponseRate {
            rejections[api, default: [:]]["lostResponse", default: 0] += 1
            admission.lostResponseStatus = 503
        }
        return admission
    }

    /// Ends a request admitted with a held endpoint.
    func release(api: SandboxAPI, endpoint: String) {
        guard let current = inFlight[api]?[endpoint] else { return }
        inFlight[api]![endpoint] = current > 1 ? current - 1 : nil
    }

    private func pruneAutotaskHour(now: ContinuousClock.Instant) {
        let cutoff = now.advanced(by: .seconds(-3600))
        while autotaskHourStart < autotaskHour.count, autotaskHour[autotaskHourStart] <= cutoff {
            autotaskHourStart += 1
        }
        if autotaskHourStart > 4096 {
            autotaskHour.removeFirst(autotaskHourStart)
            autotaskHourStart = 0
        }
    }
}
