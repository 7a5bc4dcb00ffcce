import BridgeCore
import BridgeValues

/// Ticket settings that name PSA objects which do not exist (or cannot be used): the settings
/// are refused with every problem, each with its settings path.
public struct TicketSettingsError: Error, Sendable, Hashable, CustomStringConvertible {
    /// One reference that does not resolve.
    public struct Problem: Sendable, Hashable, CustomStringConvertible {
        /// Where in the settings, e.g. `/tickets/alertTypes/0/status`.
        public var path: JSONPointer
        public var message: String

        public init(path: JSONPointer, message: String) {
            self.path = path
            self.message = message
        }

        public var description: String { "\(path): \(message)" }
    }

    public var psa: PSAKind
    public var problems: [Problem]

    public init(psa: PSAKind, problems: [Problem]) {
        self.psa = psa
        self.problems = problems
    }

    public var description: String {
        let count = problems.count == 1 ? "1 problem" : "\(problems.count) problems"
        return "ticket settings do not match \(psa.displayName) (\(count)): "
            + problems.map(\.description).joined(separator: "; ")
    }
}
