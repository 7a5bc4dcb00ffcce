import BridgeCore
import BridgeState
import BridgeValues
import Foundation

/// The settings in force, as a busy worker reads them: the stored version is checked at most
/// every `maxAge`, and the document is parsed and validated only when the version changed.
/// A `bridgectl settings apply` therefore reaches running workers within `maxAge`.
public actor SettingsCache {
    public let repository: SettingsRepository
    public let maxAge: Duration
    private var cached: (version: Int64, settings: BridgeSettings)?
    private var checkedAt: ContinuousClock.Instant?

    public init(repository: SettingsRepository, maxAge: Duration = .seconds(2)) {
        self.repository = repository
        self.maxAge = maxAge
    }

    /// The settings and their version, or nil before the first `bridgectl settings apply`.
    public func current() async throws -> (version: Int64, settings: BridgeSettings)? {
        let now = ContinuousClock.now
        if let cached, let checkedAt, now - checkedAt < maxAge { return cached }
        guard let record = try await repository.store.currentSettings() else {
            cached = nil
            checkedAt = now
            return nil
        }
        if let cached, cached.version == record.version {
            checkedAt = now
            return cached
        }
        let json = try JSONValue(parsing: record.document)
        let settings = try SettingsLoader(catalog: repository.catalog).load(
            json: json, source: "settings version \(record.version)")
        cached = (record.version, settings)
        checkedAt = now
        return cached
    }

    /// The settings and their version.
    /// - Throws: ``HandlerFailure/configuration(_:)`` before the first `bridgectl settings apply`.
    public func required() async throws -> (version: Int64, settings: BridgeSettings) {
        guard let current = try await current() else {
            throw HandlerFailure.configuration("no settings applied yet (bridgectl settings apply FILE)")
        }
        return current
    }

    /// Forgets the cached settings, so the next read goes to the database.
    public func invalidate() {
        cached = nil
        checkedAt = nil
    }
}
