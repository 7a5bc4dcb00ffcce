import BridgeValues

/// Settings rules a JSON Schema cannot express, checked on the raw document so they are reported
/// together with schema problems (a file with five mistakes gets five problems).
///
/// - Product mappings are 1:1 both ways: an offering item (with its storage usage) maps to one
///   product, a product to one offering item. At most one mapping is the default storage, and it
///   is a storage item's total mapping.
/// - Settings for the other PSA are refused (a ConnectWise board with Autotask, ...).
/// - Features need their settings: tickets need a board (ConnectWise) or queue (Autotask);
///   two-way sync is Autotask only and needs an allocation code and period type.
/// - An alert type is configured once.
enum SettingsRules {
    static func problems(in root: JSONValue) -> [SchemaProblem] {
        var problems: [SchemaProblem] = []
        checkProductMappings(root, &problems)
        checkPublicCloudStorages(root, &problems)
        checkAlertTypes(root, &problems)
        if let psa = psaKind(root) {
            checkPSASpecific(root, psa, &problems)
            checkFeatures(root, psa, &problems)
        }
        return problems
    }

    private static func psaKind(_ root: JSONValue) -> PSAKind? {
        guard let psa = root["connection"]?["psa"]?.objectValue, psa.count == 1 else { return nil }
        return psa.keys.first.flatMap(PSAKind.init(rawValue:))
    }

    // MARK: 1:1 product mappings

    private static func checkProductMappings(_ root: JSONValue, _ problems: inout [SchemaProblem]) {
        guard let mappings = root["productMappings"]?.arrayValue else { return }
        var itemOwners: [JSONValue: Int] = [:]
        var productOwners: [JSONValue: Int] = [:]
        var defaultStorage: Int?
        for (index, mapping) in mappings.enumerated() {
            let base = JSONPointer(["productMappings", String(index)])
            if mapping["defaultStorage"]?.boolValue == true {
                let usageName = mapping["offeringItem"]?["usageName"]?.stringValue ?? ""
                let usage = mapping["storageUsage"]?.stringValue ?? "total"
                if !usageName.hasSuffix("storage") || usage != "total" {
                    problems.append(
                        SchemaProblem(
                            path: base.appending("defaultStorage"), keyword: "defaultStorage",
                            message: "only a storage offering item's total mapping (storageUsage total) can be the default storage"))
                } else if let first = defaultStorage {
                    problems.append(
                        SchemaProblem(
                            path: base.appending("defaultStorage"), keyword: "defaultStorage",
                            message: "the default storage is already /productMappings/\(first); there is one default storage"))
                } else {
                    defaultStorage = index
                }
            }
            if let item = mapping["offeringItem"]?.objectValue, let usageName = item["usageName"]?.stringValue {
                let storageUsage: JSONValue =
                    mapping["storageUsage"] ?? (usageName.hasSuffix("storage") ? .string("total") : .null)
                let identity: JSONValue = [
                    "application": item["application"] ?? .null, "edition": item["edition"] ?? .null,
                    "usageName": .string(usageName), "infra": item["infra"] ?? .null, "storageUsage": storageUsage,
                ]
                if let first = itemOwners[identity] {
                    problems.append(
                        SchemaProblem(
                            path: base.appending("offeringItem"), keyword: "uniqueOfferingItem",
                            message: "this offering item\(storageUsage.isNull ? "" : " and storage usage") is already mapped at /productMappings/\(first); an offering item maps to one PSA product"))
                } else {
                    itemOwners[identity] = index
                }
            }
            if let product = mapping["psaProduct"], product.stringValue != nil || product.intValue != nil {
                if let first = productOwners[product] {
                    problems.append(
                        SchemaProblem(
                            path: base.appending("psaProduct"), keyword: "uniquePSAProduct",
                            message: "PSA product \(SchemaEvaluator.display(product)) is already mapped at /productMappings/\(first); a PSA product maps to one offering item"))
                } else {
                    productOwners[product] = index
                }
            }
        }
    }

    // MARK: Public cloud storages

    /// One product per vendor, and a product mapped for a vendor is not also an offering item's.
    private static func checkPublicCloudStorages(_ root: JSONValue, _ problems: inout [SchemaProblem]) {
        guard let storages = root["publicCloudStorages"]?.arrayValue else { return }
        var vendors: [String: Int] = [:]
        var products: [JSONValue: Int] = [:]
        for (index, mapping) in (root["productMappings"]?.arrayValue ?? []).enumerated() {
            if let product = mapping["psaProduct"], products[product] == nil { products[product] = index }
        }
        for (index, storage) in storages.enumerated() {
            let base = JSONPointer(["publicCloudStorages", String(index)])
            if let vendor = storage["vendor"]?.stringValue {
                if let first = vendors[vendor] {
                    problems.append(
                        SchemaProblem(
                            path: base.appending("vendor"), keyword: "uniqueVendor",
                            message: "\(vendor) already has a product at /publicCloudStorages/\(first); a vendor maps to one PSA product"))
                } else {
                    vendors[vendor] = index
                }
            }
            if let product = storage["psaProduct"], let first = products[product] {
                problems.append(
                    SchemaProblem(
                        path: base.appending("psaProduct"), keyword: "uniquePSAProduct",
                        message: "PSA product \(SchemaEvaluator.display(product)) is already mapped at /productMappings/\(first); a PSA product maps to one offering item or vendor"))
            }
        }
    }

    // MARK: Alert types

    private static func checkAlertTypes(_ root: JSONValue, _ problems: inout [SchemaProblem]) {
        guard let alertTypes = root["tickets"]?["alertTypes"]?.arrayValue else { return }
        var owners: [String: Int] = [:]
        for (index, entry) in alertTypes.enumerated() {
            guard let name = entry["alertType"]?.stringValue else { continue }
            if let first = owners[name] {
                problems.append(
                    SchemaProblem(
                        path: JSONPointer(["tickets", "alertTypes", String(index), "alertType"]), keyword: "uniqueAlertType",
                        message: "alert type '\(name)' is already configured at /tickets/alertTypes/\(first)"))
            } else {
                owners[name] = index
            }
        }
    }

    // MARK: PSA-specific settings

    private static let connectWiseOnlyTicketFields = ["board"]
    private static let autotaskOnlyTicketFields = ["queue", "autotask"]
    private static let connectWiseOnlyAlertFields = ["subtype", "item"]
    private static let autotaskOnlyAlertFields = ["issueType", "subIssueType", "dueInDays"]

    private static func checkPSASpecific(_ root: JSONValue, _ psa: PSAKind, _ problems: inout [SchemaProblem]) {
        let (foreignTicketFields, foreignAlertFields, owner) =
            switch psa {
            case .connectWise: (autotaskOnlyTicketFields, autotaskOnlyAlertFields, PSAKind.autotask)
            case .autotask: (connectWiseOnlyTicketFields, connectWiseOnlyAlertFields, PSAKind.connectWise)
            }
        let message = "applies to \(owner.displayName) only (this deployment uses \(psa.displayName))"
        if let tickets = root["tickets"]?.objectValue {
            for field in foreignTicketFields where tickets[field] != nil {
                problems.append(SchemaProblem(path: JSONPointer(["tickets", field]), keyword: "psaSpecific", message: message))
            }
        }
        for (index, entry) in (root["tickets"]?["alertTypes"]?.arrayValue ?? []).enumerated() {
            guard let members = entry.objectValue else { continue }
            for field in foreignAlertFields where members[field] != nil {
                problems.append(
                    SchemaProblem(
                        path: JSONPointer(["tickets", "alertTypes", String(index), field]), keyword: "psaSpecific",
                        message: message))
            }
        }
    }

    // MARK: Features and their settings

    private static func checkFeatures(_ root: JSONValue, _ psa: PSAKind, _ problems: inout [SchemaProblem]) {
        if root["features"]?["tickets"]?.boolValue == true {
            let field = psa == .connectWise ? "board" : "queue"
            if root["tickets"]?[field] == nil {
                problems.append(
                    SchemaProblem(
                        path: JSONPointer(["tickets", field]), keyword: "requiredByFeature",
                        message: "is required when features.tickets is on (\(psa.displayName) tickets need a \(field))"))
            }
        }
        if root["provisioning"]?["accountPassword"]?.stringValue == "defined-manually", root["provisioning"]?["adminPassword"] == nil {
            problems.append(
                SchemaProblem(
                    path: "/provisioning/adminPassword", keyword: "requiredByFeature",
                    message: "is required when provisioning.accountPassword is defined-manually (a secret reference: {env: NAME} or {file: PATH})"))
        }
        if root["features"]?["twoWaySync"]?.boolValue == true {
            if psa == .connectWise {
                problems.append(
                    SchemaProblem(
                        path: "/features/twoWaySync", keyword: "psaSpecific",
                        message: "two-way sync is available with Autotask only (this deployment uses ConnectWise Manage)"))
            } else {
                for field in ["allocationCode", "periodType"] where root["twoWaySync"]?[field] == nil {
                    problems.append(
                        SchemaProblem(
                            path: JSONPointer(["twoWaySync", field]), keyword: "requiredByFeature",
                            message: "is required when features.twoWaySync is on"))
                }
            }
        }
    }
}
