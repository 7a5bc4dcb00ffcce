import APIClients
import BridgeCore
import BridgeRules
import BridgeValues

/// The provisioning settings resolved against the PSA and the cloud: what the planner takes
/// (``ProvisioningPlannerSettings``) plus what the writes need (the partner tenant, the partner's
/// offering items). Built by ``ProvisioningProvider`` once per settings version.
///
/// Product mappings become ``OfferingItemMapping``s: each mapping's offering item (application
/// type or id, edition, usage name, infra) is found among the partner's offering items, its PSA
/// product among the PSA's catalog items or services; the storage usages of one item (total,
/// class 1, class 2, geo-redundant) make one mapping. The partner's enabled items of the same
/// applications that no mapping names are planned too, as unmapped items (P3: disabled, since an
/// unmapped item has no Free provisioning); items of other applications are left alone.
public struct ProvisioningSetup: Sendable {
    public var psa: PSAKind
    public var planner: ProvisioningPlannerSettings
    public var marker: PAYGMarker
    public var partnerID: String
    /// The partner's offering items, by key: the application and unit of each item written.
    public var catalog: [OfferingItemKey: AcronisOfferingItem]

    /// Resolves `settings`.
    /// - Throws: ``ProvisioningSettingsError`` listing every product or offering item that does
    ///   not resolve, with its path.
    public static func resolve(
        _ settings: BridgeSettings, psa port: any ProvisioningPSA, cloud: ProvisioningCloud
    ) async throws -> ProvisioningSetup {
        let partnerID = try await cloud.partnerID()
        let (items, applications) = try await cloud.catalog(partnerID: partnerID)
        let productIDs = try await port.productIDs(
            settings.productMappings.map(\.psaProduct) + settings.publicCloudStorages.map(\.psaProduct))
        var problems: [SettingsProblem] = []
        var byItem: [OfferingItemKey: (item: AcronisOfferingItem, mappings: [ProductMapping])] = [:]
        var order: [OfferingItemKey] = []
        for (index, mapping) in settings.productMappings.enumerated() {
            let path = JSONPointer(["productMappings", String(index)])
            if productIDs[mapping.psaProduct] == nil {
                problems.append(
                    SettingsProblem(
                        path: path.appending("psaProduct"), keyword: "unknownPSAProduct",
                        message: "\(port.kind.displayName) has no \(port.kind == .connectWise ? "catalog item" : "service") \(mapping.psaProduct)"))
            }
            switch match(mapping.offeringItem, items: items, applications: applications) {
            case .success(let item):
                let key = OfferingItemKey(name: item.name, infraID: item.infraID)
                if byItem[key] == nil { order.append(key) }
                byItem[key, default: (item, [])].mappings.append(mapping)
            case .failure(let message):
                problems.append(SettingsProblem(path: path.appending("offeringItem"), keyword: "unknownOfferingItem", message: message))
            }
        }
        for (index, storage) in settings.publicCloudStorages.enumerated() where productIDs[storage.psaProduct] == nil {
            problems.append(
                SettingsProblem(
                    path: JSONPointer(["publicCloudStorages", String(index), "psaProduct"]), keyword: "unknownPSAProduct",
                    message: "\(port.kind.displayName) has no \(port.kind == .connectWise ? "catalog item" : "service") \(storage.psaProduct)"))
        }
        let twoWaySync = settings.features.twoWaySync && port.kind == .autotask
        if twoWaySync, problems.isEmpty {
            problems += try await twoWaySyncProblems(settings, productIDs: productIDs, port: port)
        }
        guard problems.isEmpty else { throw ProvisioningSettingsError(problems: problems) }

        var mappings: [OfferingItemMapping] = []
        for key in order {
            let (item, group) = byItem[key]!
            func product(_ usage: ProductMapping.StorageUsage) -> Int? {
                group.first { ($0.storageUsage ?? .total) == usage }.flatMap { productIDs[$0.psaProduct] }
            }
            let total = group.first { ($0.storageUsage ?? .total) == .total }
            let isStorage = group.contains { $0.offeringItem.isStorage }
            mappings.append(
                OfferingItemMapping(
                    item: key, unit: ProvisioningCloud.unit(item) ?? .count,
                    product: total.flatMap { productIDs[$0.psaProduct] },
                    freeProvisioning: group.contains(where: \.freeProvisioning),
                    storage: isStorage
                        ? StorageProducts(
                            class1: product(.class1), class2: product(.class2), geoRedundant: product(.geoRedundant),
                            isDefault: total?.defaultStorage ?? false)
                        : nil))
        }
        let managedApplications = Set(byItem.values.map(\.item.applicationID))
        for item in items where item.status == 1 && managedApplications.contains(item.applicationID) {
            let key = OfferingItemKey(name: item.name, infraID: item.infraID)
            guard byItem[key] == nil, let unit = ProvisioningCloud.unit(item) else { continue }
            mappings.append(OfferingItemMapping(item: key, unit: unit, product: nil))
        }
        let catalog = Dictionary(
            items.map { (OfferingItemKey(name: $0.name, infraID: $0.infraID), $0) }, uniquingKeysWith: { first, _ in first })
        return ProvisioningSetup(
            psa: port.kind,
            planner: ProvisioningPlannerSettings(
                scope: CompanyScope(customerTypeNames: Set(settings.provisioning.companyTypes)), mappings: mappings,
                provisioning: policy(settings.provisioning), deprovisioning: policy(settings.deprovisioning),
                twoWaySync: twoWaySync,
                publicCloud: try await publicCloud(settings, productIDs: productIDs, cloud: cloud, partnerID: partnerID)),
            marker: port.kind == .connectWise ? .connectWiseDefault : .autotaskDefault, partnerID: partnerID,
            catalog: catalog)
    }

    /// Two-way sync's defaults (B7) against the PSA: the allocation code and period type exist,
    /// and every mapped service (quota products; storage class products are billed, not added)
    /// bills to them.
    static func twoWaySyncProblems(
        _ settings: BridgeSettings, productIDs: [PSAReference: Int], port: any ProvisioningPSA
    ) async throws -> [SettingsProblem] {
        guard let sync = port as? AutotaskProvisioning else {
            return [
                SettingsProblem(
                    path: "/features/twoWaySync", keyword: "psaSpecific",
                    message: "two-way sync needs contract service writes, which \(port.kind.displayName) does not have")
            ]
        }
        guard let code = settings.twoWaySync.allocationCode, let period = settings.twoWaySync.periodType else {
            return [SettingsProblem(path: "/twoWaySync", keyword: "requiredByFeature", message: "allocationCode and periodType are required when features.twoWaySync is on")]
        }
        var paths: [Int: [JSONPointer]] = [:]
        for (index, mapping) in settings.productMappings.enumerated() where (mapping.storageUsage ?? .total) == .total {
            if let id = productIDs[mapping.psaProduct] {
                paths[id, default: []].append(JSONPointer(["productMappings", String(index), "psaProduct"]))
            }
        }
        let found = try await sync.defaultsProblems(services: Array(paths.keys), allocationCode: code, periodType: period.rawValue)
        var problems: [SettingsProblem] = []
        if let message = found.allocationCode {
            problems.append(SettingsProblem(path: "/twoWaySync/allocationCode", keyword: "unknownPSAObject", message: message))
        }
        if let message = found.periodType {
            problems.append(SettingsProblem(path: "/twoWaySync/periodType", keyword: "unknownPSAObject", message: message))
        }
        for (service, message) in found.services.sorted(by: { $0.key < $1.key }) {
            for path in paths[service] ?? [] {
                problems.append(SettingsProblem(path: path, keyword: "twoWaySyncDefaults", message: message))
            }
        }
        return problems
    }

    /// Public cloud storages (B3): each mapped vendor's product, and the vendor of each storage
    /// the partner sees (``PublicCloudVendor/init(backendType:url:platformOwned:)``); none are
    /// read when no vendor is mapped.
    static func publicCloud(
        _ settings: BridgeSettings, productIDs: [PSAReference: Int], cloud: ProvisioningCloud, partnerID: String
    ) async throws -> PublicCloudStorages {
        var products: [PublicCloudVendor: Int] = [:]
        for storage in settings.publicCloudStorages {
            if let id = productIDs[storage.psaProduct] { products[storage.vendor] = id }
        }
        guard !products.isEmpty else { return PublicCloudStorages() }
        var infras: [String: PublicCloudVendor] = [:]
        for infra in try await cloud.client.infras(ids: try await cloud.client.infraIDs(tenantID: partnerID)) {
            if let vendor = PublicCloudVendor(backendType: infra.backendType, url: infra.url, platformOwned: infra.platformOwned) {
                infras[infra.id.lowercased()] = vendor
            }
        }
        return PublicCloudStorages(products: products, infras: infras)
    }

    enum Match { case success(AcronisOfferingItem), failure(String) }

    /// The partner's offering item a settings reference names.
    static func match(_ reference: OfferingItemRef, items: [AcronisOfferingItem], applications: [AcronisApplication]) -> Match {
        let wanted = reference.application.lowercased()
        let applicationIDs = Set(
            applications.filter { [$0.id, $0.type, $0.name].compactMap { $0?.lowercased() }.contains(wanted) }.map(\.id))
        guard !applicationIDs.isEmpty else {
            return .failure("the cloud has no application '\(reference.application)'")
        }
        var candidates = items.filter { item in
            applicationIDs.contains(item.applicationID) && (item.usageName ?? item.name) == reference.usageName
                && (reference.edition == nil || item.edition == reference.edition)
        }
        if let infra = reference.infra { candidates = candidates.filter { $0.infraID == infra || $0.infraID == nil } }
        switch candidates.count {
        case 0:
            return .failure("the partner has no offering item \(reference) (application, edition, usage name and infra as the cloud lists them)")
        case 1:
            return .success(candidates[0])
        default:
            let editions = Set(candidates.compactMap(\.edition)).sorted()
            return .failure(
                "offering item \(reference) is ambiguous: name its edition (\(editions.joined(separator: ", "))) or infra")
        }
    }

    static func policy(_ settings: ProvisioningSettings) -> ProvisioningPolicy {
        ProvisioningPolicy(
            automaticallyCreateCustomers: settings.autoCreateCustomers,
            adminAccount: settings.adminFrom == .companyName
                ? .companyName(activationEmail: settings.activationEmail ?? "") : .primaryContact,
            accountPassword: settings.accountPassword == .definedManually ? .definedManually : .activationEmail,
            twoFactorAuthentication: settings.mfaForNewCustomers,
            pricingMode: settings.mode == .trial ? .trial : .production)
    }

    static func policy(_ settings: DeprovisioningSettings) -> DeprovisioningPolicy {
        func threshold(_ toggle: DayToggle) -> DayThreshold {
            guard toggle.enabled else { return .off }
            return (try? DayThreshold(enabled: true, days: toggle.days)) ?? .off
        }
        return DeprovisioningPolicy(
            quotasToZero: settings.quotasToZero, disableAfter: threshold(settings.disableAfterDays),
            deleteAfter: threshold(settings.deleteAfterDays))
    }
}

/// Product mappings that do not resolve against the PSA or the cloud, each with its path.
public struct ProvisioningSettingsError: Error, Sendable, CustomStringConvertible {
    public var problems: [SettingsProblem]

    public var description: String {
        "the product mappings do not resolve: " + problems.map { "\($0.path): \($0.message)" }.joined(separator: "; ")
    }
}
