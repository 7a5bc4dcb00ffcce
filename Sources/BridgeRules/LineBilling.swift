/// How a contract line is billed (P2, B1).
public enum LineBilling: String, Sendable, Hashable, CaseIterable {
    /// A prepaid line: its quantity is the quota; no usage is written to it.
    case prepaid
    /// A pay-as-you-go line: the quota is unlimited and usage is written to it.
    case payAsYouGo = "payg"
}
