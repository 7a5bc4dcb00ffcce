import Foundation

extension WorldGenerator {
    /// Alert types of generated worlds: id, category, default severity.
    static let alertTypes: [(id: String, category: String, severity: String)] = [
        ("BackupFailed", "Backup", "error"), ("BackupDidNotStart", "Backup", "warning"), ("NoBackupForXDays", "Backup", "warning"),
        ("BackupStatusUnknown", "Backup", "information"), ("MachineOffline30", "Monitoring", "warning"),
        ("AgentAutoUpdateFailed", "System", "warning"), ("DrStorageHardQuotaExceeds", "Disaster recovery", "critical"),
        ("M365ApplicationConsentRequired", "Backup", "error"),
    ]

    static let gigabyte = 1_073_741_824

    mutating func buildAcronis(_ customers: [Customer], tenants tenantCount: Int, alerts alertCount: Int) -> AcronisWorld {
        var world = AcronisWorld(partnerTenantId: GeneratedIDs.acronisPartnerTenant)
        let partner = GeneratedIDs.acronisPartnerTenant
        let application = GeneratedIDs.cyberProtectionApplication
        let created = ISODate.seconds(now.addingTimeInterval(-1000 * 86_400))
        var version = 1_000
        func nextVersion() -> JSONValue {
            version += 1
            return .int(version)
        }
        world[.applications] = [
            [
                "id": .string(application), "name": "Cyber Protection", "type": "backup",
                "usages": .array(SandboxProduct.catalog.map { .string($0.usageName) }), "api_base_url": "/api/2",
            ],
            ["id": .string(GeneratedIDs.managementPortalApplication), "name": "Management Portal", "type": "platform", "usages": [], "api_base_url": "/api/2"],
        ]
        world[.infras] = [
            [
                "id": .string(GeneratedIDs.backupStorage), "name": "Acronis Cloud Storage (EU)", "owner_tenant_id": .null,
                "location_id": "5f7e8d9c-0b1a-4c2d-8e3f-4a5b6c7d8e9f", "platform_owned": true, "capabilities": ["backup"],
                "url": "https://eu-cloud.acronis.com/storage", "backend_type": "acronis", "version": 1, "readonly": false,
            ],
            [
                "id": .string(GeneratedIDs.partnerStorage), "name": "Partner S3 storage", "owner_tenant_id": .string(partner),
                "location_id": "6a8f9e0d-1c2b-4d3e-9f4a-5b6c7d8e9fa0", "platform_owned": false, "capabilities": ["backup"],
                "url": "https://s3.partner.example", "backend_type": "s3", "version": 1, "readonly": false,
            ],
            [
                "id": .string(GeneratedIDs.drInfrastructure), "name": "Acronis Disaster Recovery (EU)", "owner_tenant_id": .null,
                "location_id": "5f7e8d9c-0b1a-4c2d-8e3f-4a5b6c7d8e9f", "platform_owned": true, "capabilities": ["disaster_recovery"],
                "url": "https://eu-cloud.acronis.com/dr", "backend_type": "acronis", "version": 1, "readonly": false,
            ],
        ]
        var tenants: [JSONObject] = []
        var pricing: [JSONObject] = []
        var items: [JSONObject] = []
        var usages: [JSONObject] = []
        var users: [JSONObject] = []
        tenants.append([
            "id": .string(partner), "version": nextVersion(), "name": "Sandbox MSP", "kind": "partner", "parent_id": "00000000-0000-0000-0000-000000000001",
            "enabled": true, "customer_id": .null, "internal_tag": .null, "language": "en",
            "contact": ["email": "admin@msp.example", "firstname": "Morgan", "lastname": "Admin"], "ancestral_access": true,
            "update_lock": ["enabled": false, "owner_id": .null], "customer_type": "default", "default_idp_id": .null,
            "brand_id": 1, "brand_uuid": "a0b1c2d3-e4f5-4a6b-8c7d-9e0f1a2b3c4d", "has_children": .bool(tenantCount > 0), "owner_id": .null,
            "mfa_status": "enabled", "pricing_mode": "production", "production_start_date": "2022-01-01T00:00:00",
            "created_at": .string(created), "updated_at": .string(created), "deleted_at": .null,
        ])
        pricing.append(["tenant_id": .string(partner), "mode": "production", "currency": "EUR", "production_start_date": "2022-01-01T00:00:00", "version": nextVersion()])
        items += offeringItems(tenant: partner, enabled: Dictionary(uniqueKeysWithValues: SandboxProduct.catalog.map { ($0.sku, (true, Optional<Int>.none)) }), version: &version)
        // A legacy-edition item, returned only with edition=standard or edition=*: the `edition` pitfall.
        items.append([
            "tenant_id": .string(partner), "application_id": .string(application), "name": "workstations", "usage_name": "workstations",
            "edition": "standard", "status": 0, "locked": false, "type": "count", "measurement_unit": "quantity",
            "updated_at": .string(created), "deleted_at": .null,
        ])

        var customerTenantIds: [(id: String, legacy: Int, name: String)] = []
        for customer in customers.prefix(tenantCount) {
            let id = uuid()
            let legacy = 1_300_000 + customer.index
            let tenantCreated = ISODate.seconds(now.addingTimeInterval(-Double(300 + customer.index % 300) * 86_400))
            let selfService = customer.index >= 3 && chance(0.05)
            let isSubPartner = customer.index == 3 && customers.count > 3
            let production = chance(0.85)
            tenants.append([
                "id": .string(id), "version": nextVersion(), "name": .string(customer.name), "kind": .string(isSubPartner ? "partner" : "customer"),
                "parent_id": .string(partner), "enabled": true, "customer_id": .null, "internal_tag": .null, "language": "en",
                "contact": [
                    "email": .string(customer.contact.email), "firstname": .string(customer.contact.first),
                    "lastname": .string(customer.contact.last), "phone": .null, "address1": .string("\(1 + customer.index % 900) Main Street"),
                    "city": "Springfield", "zipcode": "62701", "country": "US",
                ],
                "ancestral_access": .bool(!selfService), "update_lock": ["enabled": false, "owner_id": .null], "customer_type": "default",
                "default_idp_id": .null, "brand_id": 1, "brand_uuid": "a0b1c2d3-e4f5-4a6b-8c7d-9e0f1a2b3c4d", "has_children": .bool(isSubPartner),
                "owner_id": .null, "mfa_status": .string(chance(0.2) ? "enabled" : "disabled"),
                "pricing_mode": .string(production ? "production" : "trial"),
                "production_start_date": production ? .string(ISODate.naive(ISODate.startOfMonth(now, addingMonths: -int(1...12)))) : .null,
                "created_at": .string(tenantCreated), "updated_at": .string(tenantCreated), "deleted_at": .null,
            ])
            pricing.append([
                "tenant_id": .string(id), "mode": .string(production ? "production" : "trial"), "currency": "EUR",
                "production_start_date": tenants.last!["production_start_date"]!, "version": nextVersion(),
            ])
            // Offering items and quotas from the company's active lines (prepaid: the summed quantity, PAYG: unlimited).
            var enabled: [String: (Bool, Int?)] = [:]
            for agreement in customer.agreements where !agreement.cancelled {
                for line in agreement.lines {
                    let previous = enabled[line.product.sku]
                    if line.payg || previous?.1 == nil && previous != nil {
                        enabled[line.product.sku] = (true, nil)
                    } else {
                        enabled[line.product.sku] = (true, (previous?.1 ?? 0) + line.quantity)
                    }
                }
            }
            let tenantItems = offeringItems(tenant: id, enabled: enabled, version: &version)
            items += tenantItems
            for item in tenantItems where item["status"]?.intValue == 1 {
                let unit = item["measurement_unit"]?.stringValue ?? "quantity"
                let quota = item["quota"]?["value"].intValue
                let value: Int
                if unit == "bytes" {
                    value = int(1...max(1, (quota.map { $0 / Self.gigabyte } ?? 500))) * Self.gigabyte
                } else {
                    value = int(0...max(1, quota ?? 30))
                }
                var usage: JSONObject = [
                    "tenant_id": .string(id), "name": item["name"]!, "usage_name": item["usage_name"]!, "edition": item["edition"] ?? .null,
                    "application_id": item["application_id"]!, "type": item["type"]!, "measurement_unit": .string(unit),
                    "value": .int(value), "absolute_value": .int(value),
                ]
                if let infra = item["infra_id"] { usage["infra_id"] = infra }
                usages.append(usage)
            }
            users.append([
                "id": .string(uuid()), "version": nextVersion(), "tenant_id": .string(id),
                "login": .string(customer.contact.email.replacingOccurrences(of: "@", with: ".at.")),
                "contact": [
                    "email": .string(customer.contact.email), "firstname": .string(customer.contact.first),
                    "lastname": .string(customer.contact.last), "types": [],
                ],
                "activated": true, "enabled": true, "terms_accepted": true, "language": "en", "idp_id": .null, "external_id": .null,
                "personal_tenant_id": .null, "business_types": ["buyer"], "notifications": ["quota", "reports", "backup_error", "backup_critical"],
                "mfa_status": "disabled", "created_at": .string(tenantCreated), "updated_at": .string(tenantCreated), "deleted_at": .null,
                "access_policies": [
                    [
                        "id": .string(uuid()), "issuer_id": .string(partner), "role_id": "company_admin", "tenant_id": .string(id),
                        "trustee_id": .null, "trustee_type": "user", "version": 1,
                    ]
                ],
            ])
            customerTenantIds.append((id, legacy, customer.name))
            if isSubPartner {
                for suffix in ["Client A", "Client B"] {
                    let childId = uuid()
                    tenants.append([
                        "id": .string(childId), "version": nextVersion(), "name": .string("\(customer.name) \(suffix)"), "kind": "customer",
                        "parent_id": .string(id), "enabled": true, "customer_id": .null, "internal_tag": .null, "language": "en",
                        "contact": ["email": .string("it@\(suffix.lowercased().replacingOccurrences(of: " ", with: "-")).example")],
                        "ancestral_access": true, "update_lock": ["enabled": false, "owner_id": .null], "customer_type": "default",
                        "default_idp_id": .null, "brand_id": 1, "brand_uuid": "a0b1c2d3-e4f5-4a6b-8c7d-9e0f1a2b3c4d", "has_children": false,
                        "owner_id": .null, "mfa_status": "disabled", "pricing_mode": "production", "production_start_date": "2023-01-01T00:00:00",
                        "created_at": .string(tenantCreated), "updated_at": .string(tenantCreated), "deleted_at": .null,
                    ])
                    pricing.append(["tenant_id": .string(childId), "mode": "production", "currency": "EUR", "production_start_date": "2023-01-01T00:00:00", "version": nextVersion()])
                    let childItems = offeringItems(tenant: childId, enabled: ["ACR-WORKSTATIONS": (true, nil), "ACR-STORAGE-GB": (true, nil)], version: &version)
                    items += childItems
                    for item in childItems where item["status"]?.intValue == 1 {
                        let bytes = item["measurement_unit"]?.stringValue == "bytes"
                        let value = bytes ? int(10...200) * Self.gigabyte : int(1...25)
                        var usage: JSONObject = [
                            "tenant_id": .string(childId), "name": item["name"]!, "usage_name": item["usage_name"]!, "edition": item["edition"] ?? .null,
                            "application_id": item["application_id"]!, "type": item["type"]!, "measurement_unit": item["measurement_unit"]!,
                            "value": .int(value), "absolute_value": .int(value),
                        ]
                        if let infra = item["infra_id"] { usage["infra_id"] = infra }
                        usages.append(usage)
                    }
                }
            }
        }
        world[.alertTypes] = Self.alertTypes.map { type in
            [
                "id": .string(type.id), "category": .string(type.category), "severity": .string(type.severity),
                "os_type": ["windows", "linux", "macos"], "title": .string(type.id), "description": .string("\(type.id) alert"),
            ]
        }
        var alerts: [JSONObject] = []
        if !customerTenantIds.isEmpty {
            for number in 0..<alertCount {
                let tenant = customerTenantIds[int(0...(customerTenantIds.count - 1))]
                let type = Self.alertTypes[int(0...(Self.alertTypes.count - 1))]
                let createdSecondsAgo = int(600...(14 * 86_400))
                let createdAt = dateMs(secondsAgo: createdSecondsAgo)
                let dismissed = chance(0.2)
                let dismissedAt = dateMs(secondsAgo: max(0, createdSecondsAgo - int(60...3600)))
                let machine = "\(pick(["SRV", "WS", "VM", "NAS"]))-\(String(int(1...99)).leftPadded(2))"
                // Alert ids come upper-case, as the reference saw them (filters are case-insensitive).
                alerts.append(Self.alert(
                    id: uuid().uppercased(), type: type, tenant: tenant, partner: partner, createdAt: createdAt, deletedAt: dismissed ? dismissedAt : nil,
                    resourceId: uuid(), resourceName: machine, planName: "Daily backup \(number % 5 + 1)", planId: uuid()))
            }
        }
        world[.alerts] = alerts.sorted { ($0["createdAt"]?.stringValue ?? "") < ($1["createdAt"]?.stringValue ?? "") }
        world[.tenants] = tenants
        world[.pricing] = pricing
        world[.offeringItems] = items
        world[.usages] = usages
        world[.users] = users
        return world
    }

    /// An alert as the Alert Manager returns it.
    static func alert(
        id: String, type: (id: String, category: String, severity: String), tenant: (id: String, legacy: Int, name: String),
        partner: String, createdAt: String, deletedAt: String?, resourceId: String, resourceName: String, planName: String, planId: String
    ) -> JSONObject {
        var details: JSONObject = [
            "resourceId": .string(resourceId), "resourceName": .string(resourceName), "planId": .string(planId),
            "planName": .string(planName),
        ]
        switch type.id {
        case "BackupFailed": details["errorMessage"] = ["reason": "The backup storage is not reachable", "kbLink": ["serCode": "0x00010000"]]
        case "NoBackupForXDays", "MachineOffline30": details["daysPassed"] = 3
        default: break
        }
        return [
            "id": .string(id), "type": .string(type.id), "category": .string(type.category), "severity": .string(type.severity),
            "tenant": ["id": .int(tenant.legacy), "uuid": .string(tenant.id), "locator": .string("/\(partner)/\(tenant.id)/")],
            "createdAt": .string(createdAt), "receivedAt": .string(createdAt), "updatedAt": .string(deletedAt ?? createdAt),
            "deletedAt": .string(deletedAt), "details": .object(details),
            "context": ["resourceId": .string(resourceId), "planId": .string(planId)], "_source": "sandbox",
        ]
    }

    /// Offering items of a tenant: one per catalog product, enabled with a quota where `enabled`
    /// says so (nil quota = unlimited), disabled otherwise.
    mutating func offeringItems(tenant: String, enabled: [String: (Bool, Int?)], version: inout Int) -> [JSONObject] {
        SandboxProduct.catalog.map { product in
            let state = enabled[product.sku]
            var item: JSONObject = [
                "tenant_id": .string(tenant), "application_id": .string(GeneratedIDs.cyberProtectionApplication),
                "name": .string(product.offeringItem), "usage_name": .string(product.usageName), "edition": .string(product.edition),
                "status": .int(state == nil ? 0 : 1), "locked": false, "type": .string(product.type),
                "measurement_unit": .string(product.measurementUnit), "updated_at": .string(ISODate.seconds(now)), "deleted_at": .null,
            ]
            if product.type == "infra" { item["infra_id"] = .string(GeneratedIDs.backupStorage) }
            if let state {
                version += 1
                let value: JSONValue = state.1.map { product.measurementUnit == "bytes" ? .int($0 * Self.gigabyte) : .int($0) } ?? .null
                item["quota"] = ["value": value, "overage": state.1 == nil ? .null : 0, "version": .int(version)]
            }
            return item
        }
    }
}
