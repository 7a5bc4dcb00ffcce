/// The result of applying a ``MappingEvent`` to a ``MappingState`` (P5).
public struct MappingTransition: Sendable, Hashable {
    /// The mapping after the event.
    public var mapping: MappingState
    /// The work the provisioner does next, in order.
    public var effects: [MappingEffect]

    /// A `MappingTransition` from its parts.
    public init(mapping: MappingState, effects: [MappingEffect]) {
        self.mapping = mapping
        self.effects = effects
    }

    /// Whether the transition changes any tenant's quotas. False for removing a mapping (P5:
    /// "removing a mapping changes no quota"), renames and every failure.
    public var changesQuotas: Bool {
        effects.contains { if case .applyQuotas = $0 { true } else { false } }
    }
}
