import BridgeValues

/// One thing wrong with a settings file.
public struct SettingsProblem: Sendable, Hashable, CustomStringConvertible {
    /// Where, e.g. `/tickets/alertTypes/2/priority`.
    public var path: JSONPointer
    /// The schema keyword or rule that failed (`enum`, `required`, `uniqueProduct`, ...).
    public var keyword: String
    /// What is wrong.
    public var message: String
    /// The line in the YAML file (for a missing setting, the line of the section it belongs in).
    public var line: Int?

    public init(path: JSONPointer, keyword: String, message: String, line: Int? = nil) {
        self.path = path
        self.keyword = keyword
        self.message = message
        self.line = line
    }

    /// `line 12: /tickets/boardd: unknown property 'boardd' (did you mean 'board'?)`.
    public var description: String {
        let location = path.isRoot ? "(document)" : path.description
        guard let line else { return "\(location): \(message)" }
        return "line \(line): \(location): \(message)"
    }
}
