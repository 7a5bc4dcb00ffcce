import Foundation

/// The seed format: every record of the three simulated APIs, as the API writes it on the wire.
///
/// A world is what `POST /_sandbox/load` takes, what `GET /_sandbox/state` returns, and what
/// `--seed-file` reads. ``generate(companies:agreementsPerCompany:tenants:alerts:seed:now:)``
/// builds one deterministically.
public struct SandboxWorld: Sendable, Hashable, Codable {
    /// ConnectWise Manage records.
    public var connectWise: ConnectWiseWorld
    /// Autotask records, picklists and UDF definitions.
    public var autotask: AutotaskWorld
    /// Acronis tenants, offering items, usages, users and alerts.
    public var acronis: AcronisWorld

    /// A world of these three sections.
    public init(connectWise: ConnectWiseWorld, autotask: AutotaskWorld, acronis: AcronisWorld) {
        self.connectWise = connectWise
        self.autotask = autotask
        self.acronis = acronis
    }

    /// Reads a world from JSON text.
    public static func decode(from data: some Collection<UInt8>) throws -> SandboxWorld {
        try SandboxWorld(json: JSONValue.parse(data))
    }

    /// Reads a world from a JSON file.
    public static func load(contentsOf url: URL) throws -> SandboxWorld {
        try decode(from: try Data(contentsOf: url))
    }

    /// The world as JSON text (keys sorted; compact, or indented with `pretty`).
    public func encoded(pretty: Bool = false) -> [UInt8] {
        pretty ? json.prettySerialized() : json.serialized()
    }
}

/// A world document that does not have the expected shape.
public struct SandboxWorldError: Error, CustomStringConvertible, Sendable {
    public var description: String
}

extension SandboxWorld {
    /// The world as one JSON value.
    public var json: JSONValue {
        ["connectwise": connectWise.json, "autotask": autotask.json, "acronis": acronis.json]
    }

    /// Reads a world from a JSON value; missing sections are empty.
    public init(json: JSONValue) throws {
        guard let object = json.objectValue else {
            throw SandboxWorldError(description: "a world must be a JSON object with connectwise, autotask and acronis members")
        }
        let known: Set<String> = ["connectwise", "autotask", "acronis"]
        if let unknown = object.keys.first(where: { !known.contains($0) }) {
            throw SandboxWorldError(description: "unknown world member '\(unknown)' (expected connectwise, autotask, acronis)")
        }
        self.init(
            connectWise: try ConnectWiseWorld(json: object["connectwise"] ?? .object([:])),
            autotask: try AutotaskWorld(json: object["autotask"] ?? .object([:])),
            acronis: try AcronisWorld(json: object["acronis"] ?? .object([:])))
    }

    public init(from decoder: any Decoder) throws {
        try self.init(json: JSONValue(from: decoder))
    }

    public func encode(to encoder: any Encoder) throws {
        try json.encode(to: encoder)
    }
}

/// Helpers shared by the three world sections.
enum WorldSection {
    /// Reads named arrays of objects from a section object.
    static func tables(
        _ json: JSONValue, section: String, names: [String], scalars: Set<String> = []
    ) throws -> (tables: [String: [JSONObject]], scalars: JSONObject) {
        guard let object = json.objectValue else {
            throw SandboxWorldError(description: "world section '\(section)' must be a JSON object")
        }
        var tables: [String: [JSONObject]] = [:]
        var scalarValues: JSONObject = [:]
        for (key, value) in object {
            if scalars.contains(key) {
                scalarValues[key] = value
                continue
            }
            guard names.contains(key) else {
                throw SandboxWorldError(
                    description: "unknown table '\(key)' in world section '\(section)' (known: \(names.sorted().joined(separator: ", ")))")
            }
            guard let array = value.arrayValue else {
                throw SandboxWorldError(description: "'\(section).\(key)' must be an array of objects")
            }
            tables[key] = try array.enumerated().map { index, element in
                guard let record = element.objectValue else {
                    throw SandboxWorldError(description: "'\(section).\(key)[\(index)]' must be an object")
                }
                return record
            }
        }
        return (tables, scalarValues)
    }
}
