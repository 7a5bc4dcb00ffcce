/// Why a secret could not be read. Names the variable or file, never a value.
public enum SecretError: Error, Sendable, Hashable, CustomStringConvertible {
    case environmentVariableNotSet(name: String)
    case environmentVariableEmpty(name: String)
    case fileUnreadable(path: String, reason: String)
    case fileNotText(path: String)
    case fileEmpty(path: String)

    public var description: String {
        switch self {
        case .environmentVariableNotSet(let name): "environment variable \(name) is not set"
        case .environmentVariableEmpty(let name): "environment variable \(name) is empty"
        case .fileUnreadable(let path, let reason): "secret file \(path) cannot be read: \(reason)"
        case .fileNotText(let path): "secret file \(path) is not UTF-8 text"
        case .fileEmpty(let path): "secret file \(path) is empty"
        }
    }
}
