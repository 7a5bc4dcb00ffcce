import BridgeValues
import Foundation

/// Where a secret comes from. The settings file holds only these references, never secret values.
public enum SecretRef: Sendable, Hashable, CustomStringConvertible {
    /// An environment variable, `{env: NAME}`.
    case env(String)
    /// A file whose content (without a trailing newline) is the secret, `{file: PATH}`. A relative
    /// path is taken relative to the settings file's directory when one is given.
    case file(String)

    /// The reference in a settings document, or nil when `json` is not exactly `{env: NAME}` or
    /// `{file: PATH}`.
    public init?(json: JSONValue) {
        guard case .object(let members) = json, members.count == 1 else { return nil }
        if let name = members["env"]?.stringValue {
            self = .env(name)
        } else if let path = members["file"]?.stringValue {
            self = .file(path)
        } else {
            return nil
        }
    }

    /// `{"env": NAME}` or `{"file": PATH}`.
    public var jsonValue: JSONValue {
        switch self {
        case .env(let name): ["env": .string(name)]
        case .file(let path): ["file": .string(path)]
        }
    }

    /// `{env: NAME}` or `{file: PATH}`: the reference, never the value.
    public var description: String {
        switch self {
        case .env(let name): "{env: \(name)}"
        case .file(let path): "{file: \(path)}"
        }
    }

    /// Reads the secret. Errors name the variable or file, never a value.
    public func resolve(
        environment: [String: String] = ProcessInfo.processInfo.environment, relativeTo baseDirectory: URL? = nil
    ) throws(SecretError) -> Secret {
        switch self {
        case .env(let name):
            guard let value = environment[name] else { throw .environmentVariableNotSet(name: name) }
            guard !value.isEmpty else { throw .environmentVariableEmpty(name: name) }
            return Secret(value)
        case .file(let path):
            let url: URL =
                if path.hasPrefix("/") || baseDirectory == nil {
                    URL(fileURLWithPath: path)
                } else {
                    baseDirectory!.appendingPathComponent(path)
                }
            let data: Data
            do {
                data = try Data(contentsOf: url)
            } catch {
                throw .fileUnreadable(path: url.path, reason: Self.reason(error, path: url.path))
            }
            guard var text = String(data: data, encoding: .utf8) else { throw .fileNotText(path: url.path) }
            // "\r\n" is one Character, so this strips either line ending.
            if text.last == "\n" || text.last == "\r\n" { text.removeLast() }
            guard !text.isEmpty else { throw .fileEmpty(path: url.path) }
            return Secret(text)
        }
    }

    private static func reason(_ error: any Error, path: String) -> String {
        if !FileManager.default.fileExists(atPath: path) { return "no such file" }
        if !FileManager.default.isReadableFile(atPath: path) { return "permission denied" }
        return "read failed (\(type(of: error)))"
    }
}
