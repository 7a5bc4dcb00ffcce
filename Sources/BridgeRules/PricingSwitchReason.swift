/// Why the provisioning planner switches a tenant from Trial to Production (P4).
public enum PricingSwitchReason: Sendable, Hashable, CustomStringConvertible {
    /// A new tenant, and customers are provisioned as Production (Acronis creates them in Trial).
    case productionSetting
    /// The tenant has been in Trial for a full month since this UTC day.
    case trialMonthOver(trialStartedOn: CalendarDay)

    /// The reason in words, with the rule id.
    public var description: String {
        switch self {
        case .productionSetting: "customers are provisioned as Production (P4)"
        case .trialMonthOver(let day): "a full month of trial since \(day) (P4)"
        }
    }
}
