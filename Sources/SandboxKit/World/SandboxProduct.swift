/// One backup product as the generated worlds set it up on all three sides: a ConnectWise
/// catalog item and an Autotask service (both identified by `sku`), and the Acronis offering
/// item it maps to.
public struct SandboxProduct: Sendable, Hashable, Codable {
    /// ConnectWise catalog `identifier` and Autotask service `sku`.
    public var sku: String
    /// Display name (catalog description, service name).
    public var name: String
    /// Acronis offering item name (with edition prefix).
    public var offeringItem: String
    /// Acronis usage name (without prefix).
    public var usageName: String
    /// Acronis edition (nil for edition-less items).
    public var edition: String?
    /// `count`, `feature` or `infra`.
    public var type: String
    /// `quantity`, `bytes`, `seconds` or `n/a`.
    public var measurementUnit: String
    /// Unit price on the PSA side.
    public var unitPrice: Double

    /// The products of generated worlds.
    public static let catalog: [SandboxProduct] = [
        .init(sku: "ACR-WORKSTATIONS", name: "Acronis Cyber Protect - Workstations", offeringItem: "pw_base_workstations", usageName: "workstations", edition: "pck_per_workload", type: "count", measurementUnit: "quantity", unitPrice: 4.5),
        .init(sku: "ACR-SERVERS", name: "Acronis Cyber Protect - Servers", offeringItem: "pw_base_servers", usageName: "servers", edition: "pck_per_workload", type: "count", measurementUnit: "quantity", unitPrice: 18),
        .init(sku: "ACR-VMS", name: "Acronis Cyber Protect - Virtual Machines", offeringItem: "pw_base_vms", usageName: "vms", edition: "pck_per_workload", type: "count", measurementUnit: "quantity", unitPrice: 12),
        .init(sku: "ACR-M365-SEATS", name: "Acronis Cyber Protect - Microsoft 365 seats", offeringItem: "pw_base_m365_seats", usageName: "mailboxes", edition: "pck_per_workload", type: "count", measurementUnit: "quantity", unitPrice: 1.5),
        .init(sku: "ACR-STORAGE-GB", name: "Acronis Cloud Storage (GB)", offeringItem: "pw_base_storage", usageName: "storage", edition: "pck_per_workload", type: "infra", measurementUnit: "bytes", unitPrice: 0.05),
        .init(sku: "ACR-LOCAL-STORAGE-GB", name: "Acronis Local Storage (GB)", offeringItem: "local_storage", usageName: "local_storage", edition: nil, type: "count", measurementUnit: "bytes", unitPrice: 0),
        .init(sku: "ACR-ADV-SECURITY", name: "Acronis Advanced Security pack", offeringItem: "pw_pack_adv_security", usageName: "pack_adv_security", edition: "pck_per_workload", type: "count", measurementUnit: "quantity", unitPrice: 3),
    ]
}
