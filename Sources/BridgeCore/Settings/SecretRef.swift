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

/// A secret value. Printing, interpolating, dumping or mirroring it shows `<redacted>`; only
/// `reveal()` gives the value, for the one place that sends it.
public struct Secret: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    private let value: String

    public init(_ value: String) {
        self.value = value
    }

    /// The secret itself. Pass it straight to the request that needs it; never log it.
    public func reveal() -> String { value }

    public var description: String { "<redacted>" }
    public var debugDescription: String { "<redacted>" }
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }
}

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
