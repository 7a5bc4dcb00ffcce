import Foundation

/// Keeps an Autotask integration within the API's limits on the client side:
///
/// - at most `concurrencyPerEndpoint` requests in flight per endpoint (Autotask allows 3 threads
///   per integration code and object endpoint); further requests queue in arrival order;
/// - at most `requestsPerWindow` requests per rolling window (10,000 per hour for the whole
///   database); when spent, requests wait or fail per ``AutotaskBudgetPolicy`` instead of
///   hammering the API.
///
/// One limiter counts the requests of every client it is given to; share one per process (and
/// per Autotask database). Given ``SharedRequestLimits`` (the workers pass their state's), it
/// also holds a fleet-wide slot and spends from a fleet-wide budget for every request, so any
/// number of processes together stay within the same limits; a slot held elsewhere is waited
/// for, polling every `sharedPoll`.
public actor AutotaskRequestLimiter: RequestGate {
    public let concurrencyPerEndpoint: Int
    public let requestsPerWindow: Int
    public let window: Duration
    public let budgetPolicy: AutotaskBudgetPolicy
    /// The fleet's limits, when this process is one of several sharing them.
    public let shared: (any SharedRequestLimits)?
    /// How often a request waiting for a fleet-wide slot asks again (doubling up to 8 times this).
    public let sharedPoll: Duration

    private let clock = ContinuousClock()
    private var sent: [ContinuousClock.Instant] = []
    private var sentHead = 0
    private var inFlight: [String: Int] = [:]
    private var maxInFlight: [String: Int] = [:]
    private var waiters: [String: [Waiter]] = [:]
    private var nextWaiterID = 0

    private struct Waiter {
        let id: Int
        let continuation: CheckedContinuation<Void, any Error>
    }

    /// A granted slot; give it back with ``release(_:)``.
    public struct Permit: Sendable {
        let endpoint: String
        /// The fleet-wide slot, when limits are shared.
        var sharedSlot: String?
    }

    public init(
        concurrencyPerEndpoint: Int = 3, requestsPerWindow: Int = 10_000, window: Duration = .seconds(3600),
        budgetPolicy: AutotaskBudgetPolicy = .wait(maxWait: .seconds(60)), shared: (any SharedRequestLimits)? = nil,
        sharedPoll: Duration = .milliseconds(10)
    ) {
        self.concurrencyPerEndpoint = max(1, concurrencyPerEndpoint)
        self.requestsPerWindow = max(1, requestsPerWindow)
        self.window = window
        self.budgetPolicy = budgetPolicy
        self.shared = shared
        self.sharedPoll = sharedPoll
    }

    /// Requests admitted within the current window.
    public var requestsInWindow: Int {
        prune()
        return sent.count - sentHead
    }

    /// The most requests seen in flight at once for an endpoint.
    public func maxConcurrency(endpoint: String) -> Int {
        maxInFlight[endpoint] ?? 0
    }

    // MARK: - RequestGate

    func acquire(for request: APIRequest) async throws -> Permit {
        let endpoint = request.endpointKey ?? "*"
        try await spendBudget(for: request)
        if let shared { try await spendSharedBudget(shared, for: request) }
        var permit = try await acquireLocalSlot(endpoint: endpoint)
        if let shared {
            do {
                permit.sharedSlot = try await takeSharedSlot(shared, endpoint: endpoint)
            } catch {
                releaseLocal(permit)
                throw error
            }
        }
        return permit
    }

    func release(_ permit: Permit) async {
        if let token = permit.sharedSlot, let shared { await shared.releaseSlot(token) }
        releaseLocal(permit)
    }

    private func releaseLocal(_ permit: Permit) {
        let endpoint = permit.endpoint
        if var queue = waiters[endpoint], !queue.isEmpty {
            let next = queue.removeFirst()
            waiters[endpoint] = queue.isEmpty ? nil : queue
            next.continuation.resume()
        } else {
            inFlight[endpoint, default: 1] -= 1
        }
    }

    private func acquireLocalSlot(endpoint: String) async throws -> Permit {
        if inFlight[endpoint, default: 0] < concurrencyPerEndpoint {
            occupy(endpoint)
            return Permit(endpoint: endpoint)
        }
        let id = nextWaiterID
        nextWaiterID += 1
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                if Task.isCancelled {
                    continuation.resume(throwing: CancellationError())
                } else {
                    waiters[endpoint, default: []].append(Waiter(id: id, continuation: continuation))
                }
            }
        } onCancel: {
            Task { await self.cancelWaiter(id: id, endpoint: endpoint) }
        }
        // The releasing request handed its slot over; `inFlight` already counts this one.
        return Permit(endpoint: endpoint)
    }

    /// A fleet-wide slot for `endpoint`, waited for while other processes hold them all.
    private func takeSharedSlot(_ shared: any SharedRequestLimits, endpoint: String) async throws -> String {
        var pause = sharedPoll
        while true {
            if let token = try await shared.takeSlot(endpoint: endpoint, limit: concurrencyPerEndpoint) { return token }
            try await Task.sleep(for: pause)
            pause = min(pause * 2, sharedPoll * 8)
        }
    }

    /// One request from the fleet-wide budget, waiting or failing per ``budgetPolicy`` when spent.
    private func spendSharedBudget(_ shared: any SharedRequestLimits, for request: APIRequest) async throws {
        while true {
            guard let wait = try await shared.spendRequest(limit: requestsPerWindow, window: window) else { return }
            try await waitForBudget(wait, request: request, fleet: true)
        }
    }

    /// Waits `wait` for the budget when ``budgetPolicy`` allows that long; otherwise refuses the
    /// request with an error naming whose budget is spent.
    private func waitForBudget(_ wait: Duration, request: APIRequest, fleet: Bool) async throws {
        if case .wait(let maxWait) = budgetPolicy, wait <= maxWait {
            try await Task.sleep(for: wait)
            return
        }
        let budget = "budget of \(requestsPerWindow) requests per \(window.formattedSeconds)"
        throw APIError(
            service: .autotask, kind: .budgetExhausted, method: request.method, path: request.path,
            messages: [
                (fleet ? "the fleet's \(budget), shared by every process on this state, is spent; " : "the client's \(budget) is spent; ")
                    + "the request was not sent"
            ],
            retryAfter: wait, attempts: 0)
    }

    // MARK: - Internals

    private func occupy(_ endpoint: String) {
        let count = inFlight[endpoint, default: 0] + 1
        inFlight[endpoint] = count
        maxInFlight[endpoint] = max(maxInFlight[endpoint] ?? 0, count)
    }

    private func cancelWaiter(id: Int, endpoint: String) {
        guard var queue = waiters[endpoint], let index = queue.firstIndex(where: { $0.id == id }) else { return }
        let waiter = queue.remove(at: index)
        waiters[endpoint] = queue.isEmpty ? nil : queue
        waiter.continuation.resume(throwing: CancellationError())
    }

    private func prune() {
        let horizon = clock.now - window
        while sentHead < sent.count, sent[sentHead] <= horizon { sentHead += 1 }
        if sentHead > 1024, sentHead * 2 > sent.count {
            sent.removeFirst(sentHead)
            sentHead = 0
        }
    }

    /// Records one request in the window, waiting or failing when the window is full.
    private func spendBudget(for request: APIRequest) async throws {
        while true {
            prune()
            if sent.count - sentHead < requestsPerWindow {
                sent.append(clock.now)
                return
            }
            try await waitForBudget(sent[sentHead] + window - clock.now, request: request, fleet: false)
        }
    }
}
