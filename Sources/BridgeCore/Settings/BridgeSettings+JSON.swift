import BridgeValues
import Foundation

extension BridgeSettings {
    /// The canonical settings document: every setting with its effective value (defaults
    /// included), secrets as references. `SettingsLoader.load(json:)` reads it back to equal
    /// settings, so it is what the state database stores.
    public var jsonValue: JSONValue {
        var root: [String: JSONValue] = [:]
        root["connection"] = connection.jsonValue
        root["features"] = [
            "provisioning": .bool(features.provisioning), "billing": .bool(features.billing),
            "tickets": .bool(features.tickets), "twoWaySync": .bool(features.twoWaySync),
        ]
        var provisioningJSON: [String: JSONValue] = [
            "adminFrom": .string(provisioning.adminFrom.rawValue),
            "autoCreateCustomers": .bool(provisioning.autoCreateCustomers),
            "mfaForNewCustomers": .bool(provisioning.mfaForNewCustomers), "mode": .string(provisioning.mode.rawValue),
        ]
        provisioningJSON["activationEmail"] = provisioning.activationEmail.map(JSONValue.string)
        provisioningJSON["accountPassword"] = .string(provisioning.accountPassword.rawValue)
        provisioningJSON["adminPassword"] = provisioning.adminPassword?.jsonValue
        provisioningJSON["companyTypes"] = .array(provisioning.companyTypes.map(JSONValue.string))
        provisioningJSON["activeStatuses"] = .array(provisioning.activeStatuses.map(JSONValue.string))
        root["provisioning"] = .object(provisioningJSON)
        root["deprovisioning"] = [
            "quotasToZero": .bool(deprovisioning.quotasToZero),
            "disableAfterDays": deprovisioning.disableAfterDays.jsonValue,
            "deleteAfterDays": deprovisioning.deleteAfterDays.jsonValue,
        ]
        root["productMappings"] = .array(productMappings.map(\.jsonValue))
        root["publicCloudStorages"] = .array(publicCloudStorages.map(\.jsonValue))
        root["usagePeriod"] = ["mode": .string(usagePeriod.mode.rawValue), "startDay": .integer(usagePeriod.startDay)]
        var twoWay: [String: JSONValue] = [:]
        twoWay["allocationCode"] = twoWaySync.allocationCode?.jsonValue
        twoWay["periodType"] = twoWaySync.periodType.map { .string($0.rawValue) }
        root["twoWaySync"] = .object(twoWay)
        root["tickets"] = tickets.jsonValue
        root["retry"] = ["maxAttempts": .integer(retry.maxAttempts)]
        root["worker"] = [
            "pollSeconds": .integer(worker.pollSeconds), "tickIntervalSeconds": .integer(worker.tickIntervalSeconds),
        ]
        return .object(root)
    }

    /// Reads a document that passed the settings schema and rules, applying defaults.
    init(validated root: JSONValue) throws(SettingsShapeError) {
        let reader = SettingsReader(root: root)
        let psa: PSAConnection
        if root[JSONPointer(["connection", "psa", "connectwise"])] != nil {
            let base = JSONPointer(["connection", "psa", "connectwise"])
            psa = .connectWise(
                ConnectWiseConnection(
                    site: try reader.string(base.appending("site")),
                    company: try reader.string(base.appending("company")),
                    clientId: try reader.string(base.appending("clientId")),
                    publicKey: try reader.secret(base.appending("publicKey")),
                    privateKey: try reader.secret(base.appending("privateKey"))))
        } else {
            let base = JSONPointer(["connection", "psa", "autotask"])
            psa = .autotask(
                AutotaskConnection(
                    username: try reader.string(base.appending("username")),
                    secret: try reader.secret(base.appending("secret")),
                    integrationCode: try reader.secret(base.appending("integrationCode"))))
        }
        let cloudBase = JSONPointer(["connection", "cloud"])
        let urlPath = cloudBase.appending("datacenterUrl")
        guard let url = URL(string: try reader.string(urlPath)) else { throw SettingsShapeError(path: urlPath, expected: "a URL") }
        let cloud = CloudConnection(
            datacenterURL: url, clientId: try reader.string(cloudBase.appending("clientId")),
            clientSecret: try reader.secret(cloudBase.appending("clientSecret")))

        let features = FeatureSettings(
            provisioning: reader.bool("/features/provisioning", default: true),
            billing: reader.bool("/features/billing", default: true),
            tickets: reader.bool("/features/tickets", default: false),
            twoWaySync: reader.bool("/features/twoWaySync", default: false))

        let provisioning = ProvisioningSettings(
            adminFrom: try reader.choice("/provisioning/adminFrom", default: .primaryContact),
            activationEmail: reader.optionalString("/provisioning/activationEmail"),
            autoCreateCustomers: reader.bool("/provisioning/autoCreateCustomers", default: false),
            mfaForNewCustomers: reader.bool("/provisioning/mfaForNewCustomers", default: false),
            mode: try reader.choice("/provisioning/mode", default: .production),
            companyTypes: reader.strings("/provisioning/companyTypes") ?? ["Customer", "Client"],
            activeStatuses: reader.strings("/provisioning/activeStatuses") ?? ["Active"],
            accountPassword: try reader.choice("/provisioning/accountPassword", default: .activationEmail),
            adminPassword: reader.value("/provisioning/adminPassword") == nil ? nil : try reader.secret("/provisioning/adminPassword"))

        let deprovisioning = DeprovisioningSettings(
            quotasToZero: reader.bool("/deprovisioning/quotasToZero", default: false),
            disableAfterDays: reader.dayToggle("/deprovisioning/disableAfterDays", defaultDays: 10),
            deleteAfterDays: reader.dayToggle("/deprovisioning/deleteAfterDays", defaultDays: 30))

        var productMappings: [ProductMapping] = []
        for index in (root[JSONPointer(["productMappings"])]?.arrayValue ?? []).indices {
            let base = JSONPointer(["productMappings"]).appending(index)
            let item = base.appending("offeringItem")
            let storageUsage: ProductMapping.StorageUsage? =
                reader.value(base.appending("storageUsage")) == nil
                ? nil : try reader.choice(base.appending("storageUsage"), default: .total)
            productMappings.append(
                ProductMapping(
                    offeringItem: OfferingItemRef(
                        application: try reader.string(item.appending("application")),
                        edition: reader.optionalString(item.appending("edition")),
                        usageName: try reader.string(item.appending("usageName")),
                        infra: reader.optionalString(item.appending("infra"))),
                    storageUsage: storageUsage,
                    psaProduct: try reader.reference(base.appending("psaProduct")),
                    freeProvisioning: reader.bool(base.appending("freeProvisioning"), default: false),
                    defaultStorage: reader.bool(base.appending("defaultStorage"), default: false)))
        }

        var publicCloudStorages: [PublicCloudStorageMapping] = []
        for index in (root[JSONPointer(["publicCloudStorages"])]?.arrayValue ?? []).indices {
            let base = JSONPointer(["publicCloudStorages"]).appending(index)
            let name = try reader.string(base.appending("vendor"))
            guard let vendor = PublicCloudVendor(rawValue: name) else {
                throw SettingsShapeError(path: base.appending("vendor"), expected: "a public cloud storage vendor (microsoft-azure, amazon-s3, s3-compatible)")
            }
            publicCloudStorages.append(
                PublicCloudStorageMapping(vendor: vendor, psaProduct: try reader.reference(base.appending("psaProduct"))))
        }

        let usagePeriod = UsagePeriodSettings(
            mode: try reader.choice("/usagePeriod/mode", default: .custom),
            startDay: reader.int("/usagePeriod/startDay", default: 1))

        let twoWaySync = TwoWaySyncSettings(
            allocationCode: reader.optionalReference("/twoWaySync/allocationCode"),
            periodType: reader.value("/twoWaySync/periodType") == nil
                ? nil : try reader.choice("/twoWaySync/periodType", default: .monthly))

        var alertTypes: [AlertTypeMapping] = []
        for index in (root[JSONPointer(["tickets", "alertTypes"])]?.arrayValue ?? []).indices {
            let base = JSONPointer(["tickets", "alertTypes"]).appending(index)
            alertTypes.append(
                AlertTypeMapping(
                    alertType: try reader.string(base.appending("alertType")),
                    enabled: reader.bool(base.appending("enabled"), default: true),
                    type: reader.optionalReference(base.appending("type")),
                    subtype: reader.optionalReference(base.appending("subtype")),
                    item: reader.optionalReference(base.appending("item")),
                    issueType: reader.optionalReference(base.appending("issueType")),
                    subIssueType: reader.optionalReference(base.appending("subIssueType")),
                    status: reader.optionalReference(base.appending("status")),
                    priority: reader.optionalReference(base.appending("priority")),
                    dueInDays: reader.value(base.appending("dueInDays"))?.intValue))
        }
        let tickets = TicketSettings(
            board: reader.optionalReference("/tickets/board"),
            queue: reader.optionalReference("/tickets/queue"),
            newTicketAfterDays: reader.dayToggle("/tickets/newTicketAfterDays", defaultDays: 1),
            autoClose: TicketSettings.AutoClose(
                enabled: reader.bool("/tickets/autoClose/enabled", default: false),
                status: reader.optionalReference("/tickets/autoClose/status")),
            autotask: TicketSettings.AutotaskOptions(
                source: reader.optionalReference("/tickets/autotask/source"),
                noteType: reader.optionalReference("/tickets/autotask/noteType"),
                publish: reader.optionalReference("/tickets/autotask/publish")),
            alertTypes: alertTypes)

        self.init(
            connection: ConnectionSettings(psa: psa, cloud: cloud), features: features, provisioning: provisioning,
            deprovisioning: deprovisioning, productMappings: productMappings, usagePeriod: usagePeriod,
            twoWaySync: twoWaySync, tickets: tickets,
            retry: RetrySettings(maxAttempts: reader.int("/retry/maxAttempts", default: RetryPolicy.defaultMaxAttempts)),
            worker: WorkerSettings(
                pollSeconds: reader.int("/worker/pollSeconds", default: 60),
                tickIntervalSeconds: reader.int("/worker/tickIntervalSeconds", default: 900)),
            publicCloudStorages: publicCloudStorages)
    }
}

extension ConnectionSettings {
    var jsonValue: JSONValue {
        let psaJSON: JSONValue
        switch psa {
        case .connectWise(let cw):
            psaJSON = [
                "connectwise": [
                    "site": .string(cw.site), "company": .string(cw.company), "clientId": .string(cw.clientId),
                    "publicKey": cw.publicKey.jsonValue, "privateKey": cw.privateKey.jsonValue,
                ]
            ]
        case .autotask(let at):
            psaJSON = [
                "autotask": [
                    "username": .string(at.username), "secret": at.secret.jsonValue,
                    "integrationCode": at.integrationCode.jsonValue,
                ]
            ]
        }
        return [
            "psa": psaJSON,
            "cloud": [
                "datacenterUrl": .string(cloud.datacenterURL.absoluteString), "clientId": .string(cloud.clientId),
                "clientSecret": cloud.clientSecret.jsonValue,
            ],
        ]
    }
}

extension DayToggle {
    var jsonValue: JSONValue { ["enabled": .bool(enabled), "days": .integer(days)] }
}

extension ProductMapping {
    var jsonValue: JSONValue {
        var item: [String: JSONValue] = [
            "application": .string(offeringItem.application), "usageName": .string(offeringItem.usageName),
        ]
        item["edition"] = offeringItem.edition.map(JSONValue.string)
        item["infra"] = offeringItem.infra.map(JSONValue.string)
        var mapping: [String: JSONValue] = [
            "offeringItem": .object(item), "psaProduct": psaProduct.jsonValue,
            "freeProvisioning": .bool(freeProvisioning),
        ]
        if defaultStorage { mapping["defaultStorage"] = .bool(true) }
        mapping["storageUsage"] = storageUsage.map { .string($0.rawValue) }
        return .object(mapping)
    }
}

extension TicketSettings {
    var jsonValue: JSONValue {
        var result: [String: JSONValue] = ["newTicketAfterDays": newTicketAfterDays.jsonValue]
        result["board"] = board?.jsonValue
        result["queue"] = queue?.jsonValue
        var close: [String: JSONValue] = ["enabled": .bool(autoClose.enabled)]
        close["status"] = autoClose.status?.jsonValue
        result["autoClose"] = .object(close)
        var options: [String: JSONValue] = [:]
        options["source"] = autotask.source?.jsonValue
        options["noteType"] = autotask.noteType?.jsonValue
        options["publish"] = autotask.publish?.jsonValue
        if !options.isEmpty { result["autotask"] = .object(options) }
        result["alertTypes"] = .array(
            alertTypes.map { mapping in
                var entry: [String: JSONValue] = ["alertType": .string(mapping.alertType), "enabled": .bool(mapping.enabled)]
                entry["type"] = mapping.type?.jsonValue
                entry["subtype"] = mapping.subtype?.jsonValue
                entry["item"] = mapping.item?.jsonValue
                entry["issueType"] = mapping.issueType?.jsonValue
                entry["subIssueType"] = mapping.subIssueType?.jsonValue
                entry["status"] = mapping.status?.jsonValue
                entry["priority"] = mapping.priority?.jsonValue
                entry["dueInDays"] = mapping.dueInDays.map(JSONValue.integer)
                return .object(entry)
            })
        return .object(result)
    }
}
