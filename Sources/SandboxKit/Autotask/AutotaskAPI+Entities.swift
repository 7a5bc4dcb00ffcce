import Foundation

/// The Autotask entities the sandbox serves, with the field lists of the reference.
extension AutotaskAPI {
    /// `udfType` picklist values of UserDefinedFieldDefinitions (sandbox-defined; read the picklist).
    enum UDFType {
        static let company = 1
        static let contract = 3
        static let ticket = 8
        static let contact = 9
        static let service = 10
    }

    static let entities: [AutotaskEntity] = [
        AutotaskEntity(
            "Companies", table: .Companies, udfType: UDFType.company,
            fields: [
                "companyName:string:req:len=100", "companyNumber:string:len=50", "companyType:integer:req:pick",
                "ownerResourceID:integer:req:ref=Resource", "phone:string:req:len=25", "isActive:boolean", "classification:integer:pick",
                "companyCategoryID:integer:pick", "parentCompanyID:integer:ref=Company", "address1:string:len=128",
                "address2:string:len=128", "city:string:len=50", "state:string:len=25", "postalCode:string:len=20", "countryID:integer",
                "webAddress:string:len=255", "taxID:string:len=50", "territoryID:integer:pick", "marketSegmentID:integer:pick",
                "currencyID:integer", "invoiceTemplateID:integer", "invoiceMethod:integer:pick", "billToCompanyLocationID:integer",
                "billToAddressToUse:integer:pick", "fax:string:len=25", "alternatePhone1:string:len=25", "alternatePhone2:string:len=25",
                "additionalAddressInformation:string", "createDate:datetime:ro", "lastActivityDate:datetime:ro",
                "lastTrackedModifiedDateTime:datetime:ro", "isClientPortalActive:boolean:ro", "isTaskFireActive:boolean:ro",
                "isEnabledForComanaged:boolean", "createdByResourceID:integer:ro", "userDefinedFields:udf:noquery",
            ],
            onWrite: { record, old, _, now in
                if old == nil {
                    record["isActive"] = record["isActive"] ?? true
                    record["createDate"] = .string(ISODate.milliseconds(now))
                }
                record["lastActivityDate"] = .string(ISODate.milliseconds(now))
                record["lastTrackedModifiedDateTime"] = .string(ISODate.milliseconds(now))
            }),
        AutotaskEntity(
            "Contacts", table: .Contacts, parent: .init(entity: "Companies", child: "Contacts", field: "companyID"),
            udfType: UDFType.contact,
            fields: [
                "companyID:integer:req:ref=Company", "firstName:string:req:len=50", "lastName:string:req:len=50",
                "emailAddress:string:len=254", "emailAddress2:string:len=254", "emailAddress3:string:len=254", "phone:string:len=25",
                "mobilePhone:string:len=25", "title:string:len=50", "externalID:string:len=50", "companyLocationID:integer",
                "primaryContact:boolean", "isActive:integer:req", "createDate:datetime:ro", "lastActivityDate:datetime:ro",
                "lastModifiedDate:datetime:ro", "userDefinedFields:udf:noquery",
            ],
            onWrite: { record, old, store, now in
                try requireReference(record, "companyID", .Companies, "Company", store)
                if let active = record["isActive"], active.intValue == nil {
                    throw AutotaskErrors.error("isActive of a Contact is an integer (1 active, 0 inactive)")
                }
                if old == nil { record["createDate"] = .string(ISODate.milliseconds(now)) }
                record["primaryContact"] = record["primaryContact"] ?? false
                record["lastModifiedDate"] = .string(ISODate.milliseconds(now))
            }),
        AutotaskEntity(
            "Resources", table: .Resources, create: false, update: false,
            fields: [
                "firstName:string", "lastName:string", "email:string", "userName:string", "isActive:boolean", "resourceType:string",
                "title:string",
            ]),
        AutotaskEntity(
            "BillingCodes", table: .BillingCodes, create: false, update: false,
            fields: ["name:string", "description:string", "isActive:boolean", "useType:integer", "externalNumber:string"]),
        AutotaskEntity(
            "Services", table: .Services, udfType: UDFType.service,
            fields: [
                "name:string:req:len=150", "description:string:len=400", "invoiceDescription:string:len=1000",
                "billingCodeID:integer:req", "periodType:integer:req:pick", "unitPrice:decimal:req", "unitCost:decimal",
                "markupRate:decimal", "isActive:boolean", "serviceLevelAgreementID:integer:pick", "vendorCompanyID:integer:ref=Company",
                "sku:string:len=50", "catalogNumberPartNumber:string:len=50", "externalID:string:len=50", "internalID:string:len=50",
                "manufacturerServiceProvider:string", "manufacturerServiceProviderProductNumber:string", "url:string",
                "createDate:datetime:ro", "lastModifiedDate:datetime:ro", "creatorResourceID:integer:ro", "updateResourceID:integer:ro",
                "userDefinedFields:udf:noquery",
            ],
            onWrite: { record, old, _, now in
                if old == nil {
                    record["isActive"] = record["isActive"] ?? true
                    record["createDate"] = .string(ISODate.milliseconds(now))
                }
                record["lastModifiedDate"] = .string(ISODate.milliseconds(now))
            }),
        AutotaskEntity(
            "Contracts", table: .Contracts, udfType: UDFType.contract,
            fields: [
                "contractName:string:req:len=100", "contractNumber:string:len=50", "description:string:len=2000",
                "companyID:integer:req:ref=Company", "contactID:integer:ref=Contact", "contactName:string", "contractType:integer:req:pick",
                "contractCategory:integer:pick", "contractPeriodType:integer:pick", "status:integer:req:pick", "startDate:datetime:req",
                "endDate:datetime:req", "timeReportingRequiresStartAndStopTimes:integer:req", "isDefaultContract:boolean",
                "billingPreference:integer:pick", "billToCompanyID:integer:ref=Company", "billToCompanyContactID:integer",
                "serviceLevelAgreementID:integer:pick", "setupFee:decimal", "setupFeeBillingCodeID:integer", "estimatedCost:decimal",
                "estimatedHours:decimal", "estimatedRevenue:decimal", "overageBillingRate:decimal", "purchaseOrderNumber:string",
                "opportunityID:integer", "contractExclusionSetID:integer", "exclusionContractID:integer", "renewedContractID:integer",
                "organizationalLevelAssociationID:integer", "lastModifiedDateTime:datetime:ro", "userDefinedFields:udf:noquery",
            ],
            onWrite: { record, old, store, now in
                try requireReference(record, "companyID", .Companies, "Company", store)
                if let start = record["startDate"]?.stringValue.flatMap(ISODate.parse),
                    let end = record["endDate"]?.stringValue.flatMap(ISODate.parse), end < start
                {
                    throw AutotaskErrors.error("endDate must not be before startDate")
                }
                if old == nil {
                    record["isDefaultContract"] = record["isDefaultContract"] ?? false
                    record["contractPeriodType"] = record["contractPeriodType"] ?? 1
                }
                record["lastModifiedDateTime"] = .string(ISODate.milliseconds(now))
            }),
        AutotaskEntity(
            "ContractServices", table: .ContractServices, parent: .init(entity: "Contracts", child: "Services", field: "contractID"),
            updatable: ["adjustedPrice", "invoiceDescription", "internalDescription"],
            fields: [
                "contractID:integer:req:ref=Contract", "serviceID:integer:req:ref=Service", "unitPrice:decimal", "unitCost:decimal",
                "adjustedPrice:decimal", "internalCurrencyUnitPrice:decimal:ro", "internalCurrencyAdjustedPrice:decimal:ro",
                "invoiceDescription:string:len=1000", "internalDescription:string:len=100", "quoteItemID:integer",
                "userDefinedFields:udf:noquery",
            ],
            onWrite: { record, old, store, _ in
                guard old == nil else { return }
                let contract = try recurringContract(record["contractID"]?.intValue, store)
                let service = try requireReference(record, "serviceID", .Services, "Service", store)
                let serviceID = record["serviceID"]!.intValue!
                let existing = (store[.ContractServices].keys(where: "contractID", equals: contract["id"]!) ?? [])
                    .contains { store[.ContractServices][$0]?["serviceID"]?.intValue == serviceID }
                if existing {
                    throw AutotaskErrors.error("Service \(serviceID) is already on contract \(contract["id"]!.intValue ?? 0)")
                }
                record["unitPrice"] = record["unitPrice"] ?? service["unitPrice"] ?? 0
                record["unitCost"] = record["unitCost"] ?? service["unitCost"] ?? 0
                record["adjustedPrice"] = record["adjustedPrice"] ?? record["unitPrice"]
                record["internalCurrencyUnitPrice"] = record["unitPrice"]
                record["internalCurrencyAdjustedPrice"] = record["adjustedPrice"]
                record["invoiceDescription"] = record["invoiceDescription"] ?? service["invoiceDescription"] ?? .null
            }),
        AutotaskEntity(
            "ContractServiceUnits", table: nil, create: false, update: false,
            parent: .init(entity: "Contracts", child: "ServiceUnits", field: "contractID"),
            fields: [
                "contractID:integer:ro:ref=Contract", "contractServiceID:integer:ro:ref=ContractService", "serviceID:integer:ro:ref=Service",
                "startDate:datetime:ro", "endDate:datetime:ro", "units:integer:ro", "price:decimal:ro", "cost:decimal:ro",
                "internalCurrencyPrice:decimal:ro", "approveAndPostDate:datetime:ro", "vendorCompanyID:integer:ro",
                "organizationalLevelAssociationID:integer:ro",
            ]),
        AutotaskEntity(
            "ContractServiceAdjustments", table: .ContractServiceAdjustments, update: false, query: false,
            parent: .init(entity: "Contracts", child: "ServiceAdjustments", field: "contractID"), rootCreate: true,
            fields: [
                "contractID:integer:req:ref=Contract", "serviceID:integer:ref=Service", "contractServiceID:integer:ref=ContractService",
                "effectiveDate:datetime:req", "unitChange:integer:req", "adjustedUnitPrice:decimal", "adjustedUnitCost:decimal",
                "allowRepeatService:boolean", "quoteItemID:integer",
            ],
            onWrite: { record, _, store, now in try adjustmentRules(&record, store: &store, now: now) }),
        AutotaskEntity(
            "Tickets", table: .Tickets, udfType: UDFType.ticket,
            fields: [
                "ticketNumber:string:ro", "title:string:req:len=255", "description:string:len=8000", "companyID:integer:req:ref=Company",
                "companyLocationID:integer", "contactID:integer:ref=Contact", "status:integer:req:pick", "priority:integer:req:pick",
                "queueID:integer:pick", "ticketCategory:integer:pick", "ticketType:integer:pick", "issueType:integer:pick",
                "subIssueType:integer:pick:parent=issueType", "source:integer:pick", "dueDateTime:datetime", "estimatedHours:decimal",
                "assignedResourceID:integer:ref=Resource", "assignedResourceRoleID:integer", "contractID:integer:ref=Contract",
                "contractServiceID:integer", "contractServiceBundleID:integer", "billingCodeID:integer",
                "serviceLevelAgreementID:integer:pick", "configurationItemID:integer", "externalID:string:len=50",
                "rMMAlertID:string:len=50", "monitorID:integer", "monitorTypeID:integer", "resolution:string:len=32000",
                "completedDate:datetime:ro", "completedByResourceID:integer:ro", "createDate:datetime:ro",
                "creatorResourceID:integer:ro", "creatorType:integer:ro:noquery", "lastActivityDate:datetime:ro",
                "lastActivityPersonType:integer:ro:noquery", "lastTrackedModificationDateTime:datetime:ro",
                "firstResponseDateTime:datetime:ro", "resolvedDateTime:datetime:ro", "resolutionPlanDateTime:datetime:ro",
                "problemTicketId:integer", "opportunityID:integer", "projectID:integer", "purchaseOrderNumber:string",
                "userDefinedFields:udf:noquery",
            ],
            onWrite: { record, old, store, now in try ticketRules(&record, old: old, store: &store, now: now) }),
        AutotaskEntity(
            "TicketNotes", table: .TicketNotes, parent: .init(entity: "Tickets", child: "Notes", field: "ticketID"),
            fields: [
                "ticketID:integer:req:ref=Ticket", "description:string:req:len=32000", "noteType:integer:req:pick",
                "publish:integer:req:pick", "title:string:len=250", "createDateTime:datetime:ro", "lastActivityDate:datetime:ro",
                "creatorResourceID:integer:ro", "createdByContactID:integer:ro", "impersonatorCreatorResourceID:integer:ro",
                "impersonatorUpdaterResourceID:integer:ro",
            ],
            onWrite: { record, old, store, now in
                try requireReference(record, "ticketID", .Tickets, "Ticket", store)
                if old == nil { record["createDateTime"] = .string(ISODate.milliseconds(now)) }
                record["lastActivityDate"] = .string(ISODate.milliseconds(now))
                if let ticketID = record["ticketID"]?.intValue, var ticket = store[.Tickets][ticketID] {
                    ticket["lastActivityDate"] = .string(ISODate.milliseconds(now))
                    store[.Tickets].upsert(ticketID, ticket)
                }
            }),
        AutotaskEntity(
            "TicketCategories", table: .TicketCategories, create: false, update: false,
            fields: [
                "name:string:req", "nickname:string", "isActive:boolean", "isApiOnly:boolean", "isGlobalDefault:boolean",
                "displayColorRGB:integer",
            ]),
        AutotaskEntity(
            "UserDefinedFieldDefinitions", table: .UserDefinedFieldDefinitions, update: false,
            fields: [
                "name:string:req:len=45", "udfType:integer:req:pick", "dataType:integer:req:pick", "description:string:len=128",
                "defaultValue:string", "isRequired:boolean", "isActive:boolean", "isProtected:boolean", "isEncrypted:boolean",
                "isFieldMapping:boolean", "isVisibleToClientPortal:boolean", "displayFormat:integer:pick",
                "numberOfDecimalPlaces:integer", "sortOrder:integer", "mergeVariableName:string", "createDate:datetime:ro",
                "isPrivate:boolean",
            ],
            onWrite: { record, _, store, now in
                let name = record["name"]?.stringValue ?? ""
                let type = record["udfType"]?.intValue
                let clash = store[.UserDefinedFieldDefinitions].all.contains {
                    $0["udfType"]?.intValue == type && $0["name"]?.stringValue?.lowercased() == name.lowercased()
                }
                if clash { throw AutotaskErrors.error("A user-defined field named '\(name)' already exists for this entity type") }
                record["isActive"] = record["isActive"] ?? true
                record["isRequired"] = record["isRequired"] ?? false
                record["createDate"] = .string(ISODate.milliseconds(now))
            }),
    ]

    /// Entities by lower-cased URL name.
    static let entitiesByName: [String: AutotaskEntity] = Dictionary(uniqueKeysWithValues: entities.map { ($0.name.lowercased(), $0) })

    /// An entity by URL name (case-insensitive).
    static func entity(_ name: String) -> AutotaskEntity? {
        entitiesByName[name.lowercased()]
    }

    /// The record a reference field points at; a 500 naming the field when it does not exist.
    @discardableResult
    static func requireReference(_ record: JSONObject, _ field: String, _ table: AutotaskWorld.Table, _ entity: String, _ store: AutotaskStore)
        throws -> JSONObject
    {
        guard let id = record[field]?.intValue, let target = store[table][id] else {
            throw AutotaskErrors.error("Value \(record[field]?.jsonString ?? "null") does not reference an existing entity for \(field)")
        }
        return target
    }

    /// A contract of type 7 (Recurring Service), which contract services and adjustments need.
    static func recurringContract(_ id: Int?, _ store: AutotaskStore) throws -> JSONObject {
        guard let id, let contract = store[.Contracts][id] else {
            throw AutotaskErrors.error("Value \(id.map(String.init) ?? "null") does not reference an existing entity for contractID")
        }
        guard contract["contractType"]?.intValue == 7 else {
            throw AutotaskErrors.error("contractID must reference a Recurring Service type Contract (Contract.ContractType = 7)")
        }
        return contract
    }

    /// Ticket rules: `dueDateTime` required on create (the sandbox's categories supply no due
    /// date), status 5 (Complete) sets `completedDate`, timestamps and the ticket number.
    static func ticketRules(_ record: inout JSONObject, old: JSONObject?, store: inout AutotaskStore, now: Date) throws {
        try requireReference(record, "companyID", .Companies, "Company", store)
        if let contract = record["contractID"], !contract.isNull { try requireReference(record, "contractID", .Contracts, "Contract", store) }
        if old == nil {
            guard let due = record["dueDateTime"], !due.isNull else {
                throw AutotaskErrors.error("dueDateTime is required.; on record number [0].")
            }
            record["createDate"] = .string(ISODate.milliseconds(now))
            record["creatorResourceID"] = .null
            let sequence = store[.Tickets].nextKey
            let c = ISODate.components(now)
            record["ticketNumber"] = .string(String(format: "T%04d%02d%02d.%04d", c.year, c.month, c.day, sequence % 10000))
        }
        if let due = record["dueDateTime"], !due.isNull, due.stringValue.flatMap(ISODate.parse) == nil {
            throw AutotaskErrors.error("dueDateTime is not a valid date")
        }
        let complete = record["status"]?.intValue == 5
        let wasComplete = old?["status"]?.intValue == 5
        if complete && !wasComplete {
            record["completedDate"] = .string(ISODate.milliseconds(now))
            record["resolvedDateTime"] = .string(ISODate.milliseconds(now))
            record["completedByResourceID"] = .null
        } else if !complete {
            record["completedDate"] = .null
            record["resolvedDateTime"] = .null
        }
        record["lastActivityDate"] = .string(ISODate.milliseconds(now))
        record["lastTrackedModificationDateTime"] = .string(ISODate.milliseconds(now))
    }

    /// Adjustment rules: an integer `unitChange`, a recurring contract, and the contract service
    /// created when it does not exist yet.
    static func adjustmentRules(_ record: inout JSONObject, store: inout AutotaskStore, now: Date) throws {
        let contract = try recurringContract(record["contractID"]?.intValue, store)
        let contractID = contract["id"]!.intValue!
        guard let change = record["unitChange"], change.doubleValue != nil else {
            throw AutotaskErrors.error("unitChange is required")
        }
        guard let units = change.intValue else {
            throw AutotaskErrors.error("unitChange must be a whole number of units, got \(change.jsonString)")
        }
        record["unitChange"] = .int(units)
        guard record["effectiveDate"]?.stringValue.flatMap(ISODate.parse) != nil else {
            throw AutotaskErrors.error("effectiveDate is required and must be a date")
        }
        let services = (store[.ContractServices].keys(where: "contractID", equals: .int(contractID)) ?? []).compactMap { store[.ContractServices][$0] }
        var contractService: JSONObject?
        if let id = record["contractServiceID"]?.intValue {
            contractService = services.first { $0["id"]?.intValue == id }
            guard contractService != nil else {
                throw AutotaskErrors.error("Value \(id) does not reference an existing entity for contractServiceID on contract \(contractID)")
            }
        } else if let serviceID = record["serviceID"]?.intValue {
            contractService = services.first { $0["serviceID"]?.intValue == serviceID }
            if contractService == nil {
                guard let service = store[.Services][serviceID] else {
                    throw AutotaskErrors.error("Value \(serviceID) does not reference an existing entity for serviceID")
                }
                // The API creates the contract service when it does not exist yet.
                let created: JSONObject = [
                    "contractID": .int(contractID), "serviceID": .int(serviceID), "unitPrice": service["unitPrice"] ?? 0,
                    "unitCost": service["unitCost"] ?? 0, "adjustedPrice": record["adjustedUnitPrice"] ?? service["unitPrice"] ?? 0,
                    "internalCurrencyUnitPrice": service["unitPrice"] ?? 0,
                    "internalCurrencyAdjustedPrice": record["adjustedUnitPrice"] ?? service["unitPrice"] ?? 0,
                    "invoiceDescription": service["invoiceDescription"] ?? .null, "internalDescription": .null, "quoteItemID": .null,
                ]
                let id = store.insert(.ContractServices, created)
                contractService = store[.ContractServices][id]
            }
        } else {
            throw AutotaskErrors.error("serviceID or contractServiceID is required")
        }
        record["contractServiceID"] = contractService!["id"]!
        record["serviceID"] = contractService!["serviceID"]!
        record["createDate"] = .string(ISODate.milliseconds(now))
    }
}
