import BridgeValues
import Foundation

/// Reads settings: YAML (or JSON) → JSON → `settings.schema.json` and `SettingsRules` →
/// `BridgeSettings` with defaults. Any problem refuses the settings whole, listing every
/// problem with its path and line.
public struct SettingsLoader: Sendable {
    /// The schema settings are checked against.
    public static let schemaName = "settings.schema.json"
    /// Settings files larger than this are refused unread (4 MiB).
    public static let maxFileBytes = 4 << 20

    public let catalog: SchemaCatalog

    public init(catalog: SchemaCatalog) {
        self.catalog = catalog
    }

    /// Loads a settings file.
    public func load(contentsOf url: URL) throws(SettingsError) -> BridgeSettings {
        let data: Data
        do {
            let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
            if let size = attributes[.size] as? Int, size > Self.maxFileBytes {
                throw SettingsError.unreadable(path: url.path, reason: "it is \(size) bytes, over the \(Self.maxFileBytes)-byte limit")
            }
            data = try Data(contentsOf: url)
        } catch let error as SettingsError {
            throw error
        } catch {
            let reason = FileManager.default.fileExists(atPath: url.path) ? "read failed" : "no such file"
            throw .unreadable(path: url.path, reason: reason)
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw .malformedYAML(source: url.path, message: "the file is not UTF-8 text", line: nil, column: nil)
        }
        return try load(yaml: text, source: url.path)
    }

    /// Loads settings from YAML text (JSON is YAML too).
    public func load(yaml: String, source: String = "<settings>") throws(SettingsError) -> BridgeSettings {
        let converted: YAMLConverter.Output
        do {
            converted = try YAMLConverter.convert(yaml)
        } catch {
            throw .malformedYAML(source: source, message: error.message, line: error.line, column: error.column)
        }
        return try load(json: converted.value, source: source, lines: converted.lines)
    }

    /// Loads `document` with its top-level `section` replaced by `yaml` (YAML or JSON): what an
    /// editor of one section submits. Problems carry their whole-document paths.
    public func load(
        replacing section: String, with yaml: String, in document: JSONValue, source: String = "<settings>"
    ) throws(SettingsError) -> BridgeSettings {
        let converted: YAMLConverter.Output
        do {
            converted = try YAMLConverter.convert(yaml)
        } catch {
            throw .malformedYAML(source: source, message: error.message, line: error.line, column: error.column)
        }
        guard case .object(var object) = document else {
            throw .invalid(
                source: source, problems: [SettingsProblem(path: JSONPointer(), keyword: "type", message: "the settings are not an object")])
        }
        object[section] = converted.value
        return try load(json: .object(object), source: source)
    }

    /// Loads settings from a JSON document (e.g. the canonical form the state database keeps).
    public func load(json: JSONValue, source: String = "<settings>") throws(SettingsError) -> BridgeSettings {
        try load(json: json, source: source, lines: [:])
    }

    /// Every problem in a settings document (empty when it is valid), without building settings.
    public func problems(in json: JSONValue) -> [SettingsProblem] {
        problems(in: json, lines: [:])
    }

    private func load(json: JSONValue, source: String, lines: [JSONPointer: Int]) throws(SettingsError)
        -> BridgeSettings
    {
        let problems = problems(in: json, lines: lines)
        guard problems.isEmpty else { throw .invalid(source: source, problems: problems) }
        do {
            return try BridgeSettings(validated: json)
        } catch {
            throw .invalid(
                source: source,
                problems: [
                    SettingsProblem(
                        path: error.path, keyword: "internal",
                        message: "passed the schema but is not \(error.expected) (a defect in settings.schema.json)",
                        line: Self.line(for: error.path, in: lines))
                ])
        }
    }

    private func problems(in json: JSONValue, lines: [JSONPointer: Int]) -> [SettingsProblem] {
        var found: [SchemaProblem]
        do {
            found = try catalog.validate(json, against: Self.schemaName)
        } catch {
            return [SettingsProblem(path: .root, keyword: "$schema", message: error.description)]
        }
        if case .object = json {
            found += SettingsRules.problems(in: json)
        }
        var seen: Set<SchemaProblem> = []
        return found.filter { seen.insert($0).inserted }
            .sorted { $0.path < $1.path }
            .map {
                SettingsProblem(path: $0.path, keyword: $0.keyword, message: $0.message, line: Self.line(for: $0.path, in: lines))
            }
    }

    /// The line of `path`, or of its nearest ancestor present in the file.
    private static func line(for path: JSONPointer, in lines: [JSONPointer: Int]) -> Int? {
        var current = path
        while true {
            if let line = lines[current] { return line }
            if current.isRoot { return nil }
            current = current.parent
        }
    }
}
