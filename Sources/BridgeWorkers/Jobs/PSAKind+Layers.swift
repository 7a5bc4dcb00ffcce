import BridgeCore
import BridgeRules
import BridgeState

extension BridgeCore.PSAKind {
    /// The same PSA as the state store names it.
    var stored: BridgeState.PSAKind { self == .connectwise ? .connectWise : .autotask }
    /// The same PSA as the rules name it.
    var system: PSASystem { self == .connectwise ? .connectWise : .autotask }
}
