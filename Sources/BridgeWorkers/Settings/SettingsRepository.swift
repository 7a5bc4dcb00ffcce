import BridgeCore
import BridgeState
import BridgeValues
import Foundation

/// The operator's settings as the fleet keeps them: validated YAML in, a canonical JSON document
/// (defaults applied, secret references only) in the state database, typed settings out.
public struct SettingsRepository: Sendable {
    public var store: StateStore
    public var catalog: SchemaCatalog

    public init(store: StateStore, catalog: SchemaCatalog) {
        self.store = store
        self.catalog = catalog
    }

    /// Validates the YAML file and stores it. Refuses an invalid file whole: nothing is stored,
    /// and the error lists every problem with its path.
    public func apply(fileAt url: URL, appliedBy: String? = nil) async throws -> (BridgeSettings, SettingsApplyResult) {
        let settings = try SettingsLoader(catalog: catalog).load(contentsOf: url)
        return (settings, try await apply(settings, appliedBy: appliedBy))
    }

    /// Stores settings already validated (``SettingsLoader``), as `apply(fileAt:)` does.
    public func apply(_ settings: BridgeSettings, appliedBy: String? = nil) async throws -> SettingsApplyResult {
        try await store.applySettings(settings.jsonValue.serialized(), appliedBy: appliedBy)
    }

    /// The settings in force, or nil before the first `bridgectl settings apply`.
    public func current() async throws -> BridgeSettings? {
        guard let record = try await store.currentSettings() else { return nil }
        let json = try JSONValue(parsing: record.document)
        return try SettingsLoader(catalog: catalog).load(json: json, source: "settings version \(record.version)")
    }
}
