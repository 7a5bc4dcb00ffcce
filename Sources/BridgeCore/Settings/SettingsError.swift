/// Why settings were refused. Settings are applied whole or not at all (S5), and every problem
/// is listed, each with its path.
public enum SettingsError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file could not be read.
    case unreadable(path: String, reason: String)
    /// The file is not YAML (or JSON).
    case malformedYAML(source: String, message: String, line: Int?, column: Int?)
    /// The document breaks the settings schema or rules.
    case invalid(source: String, problems: [SettingsProblem])

    /// Every problem, with its path (one for a file that cannot be read or parsed).
    public var problems: [SettingsProblem] {
        switch self {
        case .unreadable(_, let reason):
            [SettingsProblem(path: .root, keyword: "file", message: reason)]
        case .malformedYAML(_, let message, let line, _):
            [SettingsProblem(path: .root, keyword: "yaml", message: message, line: line)]
        case .invalid(_, let problems):
            problems
        }
    }

    public var description: String {
        switch self {
        case .unreadable(let path, let reason):
            return "settings file \(path) cannot be read: \(reason)"
        case .malformedYAML(let source, let message, let line, let column):
            var position = ""
            if let line { position = " at line \(line)" + (column.map { ", column \($0)" } ?? "") }
            return "settings \(source) are not valid YAML\(position): \(message)"
        case .invalid(let source, let problems):
            return "settings \(source) refused, \(problems.count) problem\(problems.count == 1 ? "" : "s"):\n"
                + problems.map { "  - \($0)" }.joined(separator: "\n")
        }
    }
}
