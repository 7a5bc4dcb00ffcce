import BridgeValues
import Foundation

/// The operator's settings (SPEC "Settings"), validated and with every default applied.
///
/// Load them with `SettingsLoader`. They hold secret references, never secret values, so
/// printing them (`description`, `redacted()`) is safe; `ConnectionSettings.resolveSecrets` reads
/// the values when a client needs them.
public struct BridgeSettings: Sendable, Hashable, CustomStringConvertible {
    public var connection: ConnectionSettings
    public var features: FeatureSettings
    public var provisioning: ProvisioningSettings
    public var deprovisioning: DeprovisioningSettings
    public var productMappings: [ProductMapping]
    /// One product per public cloud storage vendor (B3).
    public var publicCloudStorages: [PublicCloudStorageMapping]
    public var usagePeriod: UsagePeriodSettings
    public var twoWaySync: TwoWaySyncSettings
    public var tickets: TicketSettings
    public var retry: RetrySettings
    public var worker: WorkerSettings

    public init(
        connection: ConnectionSettings, features: FeatureSettings = FeatureSettings(),
        provisioning: ProvisioningSettings = ProvisioningSettings(),
        deprovisioning: DeprovisioningSettings = DeprovisioningSettings(), productMappings: [ProductMapping] = [],
        usagePeriod: UsagePeriodSettings = UsagePeriodSettings(), twoWaySync: TwoWaySyncSettings = TwoWaySyncSettings(),
        tickets: TicketSettings = TicketSettings(), retry: RetrySettings = RetrySettings(),
        worker: WorkerSettings = WorkerSettings(), publicCloudStorages: [PublicCloudStorageMapping] = []
    ) {
        self.publicCloudStorages = publicCloudStorages
        self.connection = connection
        self.features = features
        self.provisioning = provisioning
        self.deprovisioning = deprovisioning
        self.productMappings = productMappings
        self.usagePeriod = usagePeriod
        self.twoWaySync = twoWaySync
        self.tickets = tickets
        self.retry = retry
        self.worker = worker
    }

    /// The PSA this deployment talks to.
    public var psa: PSAKind { connection.psa.kind }

    /// The settings as a pretty JSON document: secret references are shown as references
    /// (`{"env": "NAME"}`), never resolved.
    public func redacted() -> String {
        String(decoding: jsonValue.serialized(pretty: true), as: UTF8.self)
    }

    /// Same as `redacted()`.
    public var description: String { redacted() }
}
