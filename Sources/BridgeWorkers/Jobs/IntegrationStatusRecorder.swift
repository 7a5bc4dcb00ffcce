import BridgeState

/// Records a component's health for `bridgectl status` (SPEC S1: "OK, or the error and since
/// when") without a database write per message: it writes only when the state changes (and
/// once at start).
public actor IntegrationStatusRecorder {
    public let store: StateStore
    public let component: String
    private var last: (IntegrationStatus.State, String?)?

    public init(store: StateStore, component: String) {
        self.store = store
        self.component = component
    }

    /// The component works.
    public func ok() async {
        await record(.ok, nil)
    }

    /// The component fails with `message` (an error safe to show: no secrets).
    public func error(_ message: String) async {
        await record(.error, message)
    }

    private func record(_ state: IntegrationStatus.State, _ message: String?) async {
        if let last, last.0 == state, last.1 == message { return }
        do {
            _ = try await store.recordIntegrationStatus(state, message: message, component: component)
            last = (state, message)
        } catch {
            // Status is informative; the next change tries again.
        }
    }
}
