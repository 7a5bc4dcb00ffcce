/// What the Autotask client does when its hourly request budget is spent.
public enum AutotaskBudgetPolicy: Sendable, Hashable {
    /// Wait for the oldest request to leave the window, if that takes at most `maxWait`;
    /// otherwise fail like ``fail``.
    case wait(maxWait: Duration)
    /// Fail at once with ``APIError/Kind/budgetExhausted``, carrying when a request will be allowed.
    case fail
}
