import Foundation

/// The ConnectWise resources the sandbox serves, with the field lists and rules of the reference.
extension ConnectWiseAPI {
    typealias Resource = ConnectWiseResource

    static let companies = Resource(
        table: .companies, name: "company",
        fields: [
            "identifier", "name", "status", "types", "deletedFlag", "dateDeleted", "deletedBy", "addressLine1", "addressLine2",
            "city", "state", "zip", "country", "phoneNumber", "faxNumber", "website", "territory", "market", "site",
            "parentCompany", "billToCompany", "defaultContact", "billingContact", "billingSite", "billingTerms", "currency",
            "taxCode", "accountNumber", "invoiceToEmailAddress", "userDefinedField1", "userDefinedField2", "userDefinedField3",
            "userDefinedField4", "userDefinedField5", "userDefinedField6", "userDefinedField7", "userDefinedField8",
            "userDefinedField9", "userDefinedField10", "integratorTags", "leadFlag", "isVendorFlag", "timeZoneSetup",
            "mobileGuid", "dateAcquired", "annualRevenue", "numberOfEmployees", "yearEstablished", "revenueYear",
        ],
        required: ["identifier", "name"],
        references: ["status": .to(.companyStatuses), "types": .to(.companyTypes), "defaultContact": .to(.contacts)],
        onWrite: { record, old, store, _ in
            let identifier = record["identifier"]?.stringValue ?? ""
            if identifier.count > 30 {
                throw ConnectWiseErrors.invalidObject(resource: "company", field: "identifier", code: "OutOfRange", message: "identifier may be at most 30 characters")
            }
            if (record["name"]?.stringValue ?? "").count > 50 {
                throw ConnectWiseErrors.invalidObject(resource: "company", field: "name", code: "OutOfRange", message: "name may be at most 50 characters")
            }
            let clash = store[.companies].keys(where: "identifier", equals: .string(identifier))?.first { $0 != old?["id"]?.intValue }
            if clash != nil {
                throw ConnectWiseErrors.invalidObject(resource: "company", field: "identifier", code: "ObjectExists", message: "Company ID already in use")
            }
            if let old {
                // Types can only be set on POST; later changes go through typeAssociations.
                record["types"] = old["types"] ?? .array([])
            } else {
                let address = ["addressLine1", "addressLine2", "city", "state", "zip", "country"]
                if !address.contains(where: { record[$0] != nil && !(record[$0]!.isNull) }) {
                    throw ConnectWiseErrors.invalidObject(resource: "company", field: "addressLine1", message: "At least one address field is required")
                }
                if record["status"] == nil, let active = store[.companyStatuses].all.first(where: { $0["defaultFlag"]?.boolValue == true }) {
                    record["status"] = ["id": active["id"]!, "name": active["name"] ?? .null]
                }
                record["types"] = record["types"] ?? .array([])
                record["deletedFlag"] = record["deletedFlag"] ?? false
            }
            record["dateAcquired"] = record["dateAcquired"] ?? .string(ISODate.seconds(Date()))
        })

    static let companyStatuses = Resource(
        table: .companyStatuses, name: "companyStatus",
        fields: ["name", "defaultFlag", "inactiveFlag", "notifyFlag", "disallowSavingFlag", "notificationMessage", "customNoteFlag", "cancelOpenTracksFlag", "track"],
        required: ["name"])

    static let companyTypes = Resource(
        table: .companyTypes, name: "companyType", fields: ["name", "defaultFlag", "vendorFlag", "serviceAlertFlag", "serviceAlertMessage"],
        required: ["name"])

    static let contacts = Resource(
        table: .contacts, name: "contact",
        fields: [
            "firstName", "lastName", "company", "site", "addressLine1", "addressLine2", "city", "state", "zip", "country",
            "relationship", "department", "inactiveFlag", "defaultMergeContactId", "securityIdentifier", "managerContact",
            "assistantContact", "title", "school", "nickName", "marriedFlag", "childrenFlag", "significantOther",
            "portalPassword", "portalSecurityLevel", "disablePortalLoginFlag", "unsubscribeFlag", "gender", "birthDay",
            "anniversary", "presence", "mobileGuid", "facebookUrl", "twitterUrl", "linkedInUrl", "defaultPhoneType",
            "defaultPhoneNbr", "defaultPhoneExtension", "defaultBillingFlag", "defaultFlag", "communicationItems", "types",
            "typeIds", "integratorTags",
        ],
        required: ["firstName"], references: ["company": .to(.companies, ["identifier", "name"], alternateKey: "identifier")],
        onWrite: { record, old, _, _ in
            if old == nil {
                record["inactiveFlag"] = record["inactiveFlag"] ?? false
                record["defaultFlag"] = record["defaultFlag"] ?? false
                record["communicationItems"] = record["communicationItems"] ?? .array([])
            }
        })

    static let catalog = Resource(
        table: .catalog, name: "catalogItem",
        fields: [
            "identifier", "description", "inactiveFlag", "subcategory", "type", "productClass", "serializedFlag",
            "serializedCostFlag", "phaseProductFlag", "unitOfMeasure", "minStockLevel", "price", "cost", "priceAttribute",
            "taxableFlag", "dropShipFlag", "specialOrderFlag", "customerDescription", "manufacturer", "manufacturerPartNumber",
            "vendor", "vendorSku", "notes", "integrationXRef", "sla", "entityType", "recurringFlag", "recurringRevenue",
            "recurringCost", "recurringOneTimeFlag", "recurringBillCycle", "recurringCycleType", "calculatedPriceFlag",
            "calculatedCostFlag", "category", "calculatedPrice", "calculatedCost", "billableOption", "connectWiseID",
            "agreementType", "markupPercentage", "markupFlag", "autoUpdateUnitCostFlag", "autoUpdateUnitPriceFlag",
        ],
        required: ["identifier", "description", "customerDescription"],
        onWrite: { record, old, store, _ in
            let identifier = record["identifier"]?.stringValue ?? ""
            if identifier.count > 60 {
                throw ConnectWiseErrors.invalidObject(resource: "catalogItem", field: "identifier", code: "OutOfRange", message: "identifier may be at most 60 characters")
            }
            let clash = store[.catalog].all.first {
                $0["identifier"]?.stringValue?.lowercased() == identifier.lowercased() && $0["id"] != old?["id"]
            }
            if clash != nil {
                throw ConnectWiseErrors.invalidObject(resource: "catalogItem", field: "identifier", code: "ObjectExists", message: "Product ID already in use")
            }
            if old == nil {
                record["inactiveFlag"] = record["inactiveFlag"] ?? false
                record["productClass"] = record["productClass"] ?? "NonInventory"
            }
        })

    static let agreementTypes = Resource(
        table: .agreementTypes, name: "agreementType",
        fields: ["name", "prefixSuffixOption", "defaultFlag", "inactiveFlag", "prePaymentFlag", "invoicePreSuffix", "location", "department", "restrictLocationFlag", "restrictDepartmentFlag", "sla", "applicationUnits", "applicationLimit", "applicationCycle", "applicationUnlimitedFlag", "oneTimeFlag", "coverAgreementTime", "coverAgreementProduct", "coverAgreementExpense", "coverSalesTax", "billingCycle", "billTime", "billExpenses", "billProducts", "taxable", "invoiceTemplate", "invoiceDescription"],
        required: ["name"])

    static let agreements = Resource(
        table: .agreements, name: "agreement",
        fields: [
            "name", "type", "company", "contact", "site", "subContractCompany", "subContractContact", "parentAgreement",
            "customerPO", "location", "department", "restrictLocationFlag", "restrictDepartmentFlag", "startDate", "endDate",
            "noEndingDateFlag", "opportunity", "cancelledFlag", "dateCancelled", "reasonCancelled", "sla", "workOrder",
            "internalNotes", "applicationUnits", "applicationLimit", "applicationCycle", "applicationUnlimitedFlag",
            "oneTimeFlag", "coverAgreementTime", "coverAgreementProduct", "coverAgreementExpense", "coverSalesTax",
            "carryOverUnused", "allowOverruns", "expiredDays", "limit", "expireWhenZero", "chargeToFirm", "employeeCompRate",
            "employeeCompNotExceed", "compHourlyRate", "compLimitAmount", "billingCycle", "billOneTimeFlag", "billingTerms",
            "invoicingCycle", "billToCompany", "billToContact", "billToSite", "billAmount", "taxable", "prorateFirstBill",
            "billStartDate", "taxCode", "restrictDownPayment", "prorateFlag", "invoiceDescription", "topComment",
            "bottomComment", "workRole", "workType", "projectType", "invoiceTemplate", "billTime", "billExpenses",
            "billProducts", "billableTimeInvoice", "billableExpenseInvoice", "billableProductInvoice", "currency",
            "periodType", "agreementStatus", "nextInvoiceDate",
        ],
        required: ["name", "type", "company"],
        references: [
            "type": .to(.agreementTypes), "company": .to(.companies, ["identifier", "name"], alternateKey: "identifier"),
            "contact": .to(.contacts, ["name"]),
        ],
        readOnly: ["agreementStatus"],
        onWrite: { record, old, _, now in
            if old == nil {
                record["cancelledFlag"] = record["cancelledFlag"] ?? false
                record["noEndingDateFlag"] = record["noEndingDateFlag"] ?? false
                record["startDate"] = record["startDate"] ?? .string(ISODate.seconds(ISODate.startOfDay(now)))
            }
            if record["cancelledFlag"]?.boolValue == true, record["dateCancelled"]?.isNull ?? true {
                record["dateCancelled"] = .string(ISODate.seconds(now))
            }
            record["agreementStatus"] = .string(agreementStatus(record, now: now))
        })

    /// `Active`, `Cancelled`, `Expired` or `Inactive`, derived from the dates and flags (inferred rule).
    static func agreementStatus(_ record: JSONObject, now: Date) -> String {
        if record["cancelledFlag"]?.boolValue == true { return "Cancelled" }
        if record["noEndingDateFlag"]?.boolValue != true, let end = record["endDate"]?.stringValue.flatMap(ISODate.parse), end < now {
            return "Expired"
        }
        if let start = record["startDate"]?.stringValue.flatMap(ISODate.parse), start > now { return "Inactive" }
        return "Active"
    }

    static let additions = Resource(
        table: .additions, name: "addition", parentPath: "agreementId",
        fields: [
            "product", "quantity", "lessIncluded", "unitPrice", "unitCost", "billCustomer", "effectiveDate",
            "cancelledDate", "taxableFlag", "serialNumber", "invoiceDescription", "purchaseItemFlag", "specialOrderFlag",
            "agreementId", "description", "billedQuantity", "uom", "extPrice", "extCost", "sequenceNumber", "margin",
            "prorateCost", "proratePrice", "extendedProrateCost", "extendedProratePrice", "prorateCurrentPeriodFlag",
            "opportunity", "agreementStatus", "invoiceGrouping",
        ],
        required: ["product", "billCustomer"],
        references: ["product": .to(.catalog, ["identifier", "description"], alternateKey: "identifier")],
        readOnly: ["billedQuantity", "extPrice", "extCost", "margin", "agreementStatus"],
        onWrite: { record, old, store, now in
            guard let billCustomer = record["billCustomer"]?.stringValue, ["Billable", "DoNotBill", "NoCharge"].contains(billCustomer) else {
                throw ConnectWiseErrors.invalidObject(resource: "addition", field: "billCustomer", message: "billCustomer must be Billable, DoNotBill or NoCharge")
            }
            for field in ["quantity", "lessIncluded", "unitPrice", "unitCost"] {
                if let value = record[field], !value.isNull, value.doubleValue == nil {
                    throw ConnectWiseErrors.invalidObject(resource: "addition", field: field, message: "\(field) must be a number")
                }
            }
            if old == nil {
                record["quantity"] = record["quantity"] ?? 0
                record["lessIncluded"] = record["lessIncluded"] ?? 0
                record["unitPrice"] = record["unitPrice"] ?? 0
                record["unitCost"] = record["unitCost"] ?? 0
                record["effectiveDate"] = record["effectiveDate"] ?? .string(ISODate.seconds(ISODate.startOfDay(now)))
                record["customFields"] = record["customFields"] ?? .array([])
            }
            let quantity = record["quantity"]?.doubleValue ?? 0
            let less = record["lessIncluded"]?.doubleValue ?? 0
            let price = record["unitPrice"]?.doubleValue ?? 0
            let cost = record["unitCost"]?.doubleValue ?? 0
            record["billedQuantity"] = number(max(0, quantity - less))
            record["extPrice"] = number(price * quantity)
            record["extCost"] = number(cost * quantity)
            record["margin"] = number((price - cost) * quantity)
            var status = "Active"
            if let agreementId = record["agreementId"]?.intValue, let agreement = store[.agreements][agreementId],
                agreementStatus(agreement, now: now) != "Active"
            {
                status = agreementStatus(agreement, now: now)
            }
            if let cancelled = record["cancelledDate"]?.stringValue.flatMap(ISODate.parse), cancelled <= now { status = "Cancelled" }
            if let effective = record["effectiveDate"]?.stringValue.flatMap(ISODate.parse), effective > now, status == "Active" { status = "Inactive" }
            record["agreementStatus"] = .string(status)
        })

    static func number(_ value: Double) -> JSONValue {
        value.rounded() == value && abs(value) < 1e15 ? .int(Int(value)) : .double((value * 1_000_000).rounded() / 1_000_000)
    }

    static let boards = Resource(
        table: .boards, name: "board",
        fields: ["name", "location", "department", "inactiveFlag", "signOffTemplate", "sendToContactFlag", "contactTemplate", "sendToResourceFlag", "resourceTemplate", "projectFlag", "showDependenciesFlag", "showEstimatesFlag", "boardIcon", "billTicketsAfterClosedFlag", "billTicketSeparatelyFlag", "billUnapprovedTimeExpenseFlag", "overrideBillingSetupFlag", "dispatchMember", "serviceManagerMember", "dutyManagerMember", "oncallMember", "workRole", "workType", "billTime", "billExpense", "billProduct", "autoCloseStatus", "autoAssignNewTicketsFlag", "autoAssignNewECTicketsFlag", "autoAssignNewPortalTicketsFlag", "discussionsLockedFlag", "timeEntryLockedFlag", "notifyEmailFrom", "notifyEmailFromName", "closedLoopDiscussionsFlag", "closedLoopResolutionFlag", "closedLoopInternalAnalysisFlag", "timeEntryDiscussionFlag", "timeEntryResolutionFlag", "timeEntryInternalAnalysisFlag", "problemSort", "useMemberDisplayNameFlag", "sendToCCFlag", "autoAssignTicketOwnerFlag", "autoAssignLimitFlag", "autoAssignLimitAmount", "closedLoopAllFlag", "percentageCalculation", "allSort", "markFirstNoteIssueFlag", "restrictBoardFlag", "sendToBundledFlag", "emailConnectorAllowReopenClosedFlag", "emailConnectorReopenStatus", "emailConnectorReopenResourcesFlag", "emailConnectorNewTicketNoMatchFlag", "emailConnectorNeverReopenByDaysFlag", "emailConnectorReopenDaysLimit", "emailConnectorNeverReopenByDaysClosedFlag", "emailConnectorReopenDaysClosedLimit", "useR2RFlag", "autoAssignResourceFlag"],
        required: ["name"])

    static let boardStatuses = Resource(
        table: .boardStatuses, name: "boardStatus", parentPath: "board/id",
        fields: ["name", "board", "sortOrder", "displayOnBoard", "inactive", "closedStatus", "timeEntryNotAllowed", "roundRobinCatchall", "defaultFlag", "escalationStatus", "customerPortalDescription", "customerPortalFlag", "emailTemplate", "statusIndicator", "customStatusIndicatorName", "saveTimeAsNote", "workflowStepNumber"],
        required: ["name"], references: ["board": .to(.boards)])

    static let boardTypes = Resource(
        table: .boardTypes, name: "boardType", parentPath: "board/id",
        fields: ["name", "board", "category", "defaultFlag", "inactiveFlag", "requestForChangeFlag", "integrationXref", "skillCategory", "skill", "location", "department"],
        required: ["name"], references: ["board": .to(.boards)])

    static let boardSubTypes = Resource(
        table: .boardSubTypes, name: "boardSubType", parentPath: "board/id",
        fields: ["name", "board", "inactiveFlag", "typeAssociationIds", "addAllTypesFlag", "removeAllTypesFlag"],
        required: ["name"], references: ["board": .to(.boards)])

    static let boardItems = Resource(
        table: .boardItems, name: "boardItem", parentPath: "board/id",
        fields: ["name", "board", "inactiveFlag", "typeAssociationIds", "subTypeAssociationIds"],
        required: ["name"], references: ["board": .to(.boards)])

    static let priorities = Resource(
        table: .priorities, name: "priority", fields: ["name", "color", "sortOrder", "defaultFlag", "imageLink", "urgencySortOrder", "level"],
        required: ["name"])

    static let sources = Resource(
        table: .sources, name: "source", fields: ["name", "defaultFlag", "enteredBy", "dateEntered"], required: ["name"])

    static let members = Resource(
        table: .members, name: "member", fields: ["identifier", "firstName", "lastName", "officeEmail", "inactiveFlag"],
        required: ["identifier"])

    static let tickets = Resource(
        table: .tickets, name: "ticket",
        fields: [
            "summary", "recordType", "board", "status", "workRole", "workType", "company", "site", "siteName", "addressLine1",
            "addressLine2", "city", "stateIdentifier", "zip", "country", "contact", "contactName", "contactPhoneNumber",
            "contactPhoneExtension", "contactEmailAddress", "type", "subType", "item", "team", "owner", "priority",
            "serviceLocation", "source", "requiredDate", "budgetHours", "opportunity", "agreement", "agreementType", "severity",
            "impact", "externalXRef", "poNumber", "knowledgeBaseCategoryId", "knowledgeBaseSubCategoryId", "allowAllClientsPortalView",
            "customerUpdatedFlag", "automaticEmailContactFlag", "automaticEmailResourceFlag", "automaticEmailCcFlag",
            "automaticEmailCc", "closedDate", "closedBy", "closedFlag", "actualHours", "approved", "estimatedExpenseCost",
            "estimatedExpenseRevenue", "estimatedProductCost", "estimatedProductRevenue", "estimatedTimeCost",
            "estimatedTimeRevenue", "billingMethod", "billingAmount", "hourlyRate", "subBillingMethod", "subBillingAmount",
            "subDateAccepted", "dateResolved", "dateResplan", "dateResponded", "resolveMinutes", "resPlanMinutes",
            "respondMinutes", "isInSla", "knowledgeBaseLinkId", "resources", "parentTicketId", "hasChildTicket",
            "hasMergedChildTicketFlag", "knowledgeBaseLinkType", "billTime", "billExpenses", "billProducts", "predecessorType",
            "predecessorId", "predecessorClosedFlag", "lagDays", "lagNonworkingDaysFlag", "estimatedStartDate", "duration",
            "location", "department", "mobileGuid", "sla", "slaStatus", "requestForChangeFlag", "currency", "integratorTags",
            "escalationStartDateUTC", "escalationLevel", "minutesBeforeWaiting", "respondedSkippedMinutes",
            "resplanSkippedMinutes", "respondedHours", "respondedBy", "resplanHours", "resplanBy", "resolutionHours",
            "resolvedBy", "minutesWaiting", "processNotifications", "skipCallback",
        ],
        required: ["summary", "company"],
        references: [
            "board": .to(.boards), "status": .to(.boardStatuses), "type": .to(.boardTypes), "subType": .to(.boardSubTypes),
            "item": .to(.boardItems), "priority": .to(.priorities, ["name", "sort"]), "source": .to(.sources),
            "company": .to(.companies, ["identifier", "name"], alternateKey: "identifier"), "contact": .to(.contacts, ["name"]),
            "agreement": .to(.agreements, ["name", "type"]),
        ],
        readOnly: ["closedFlag", "closedDate", "closedBy", "dateResolved", "isInSla", "slaStatus"],
        postOnly: ["initialDescription", "initialInternalAnalysis", "initialResolution", "processNotifications", "skipCallback"],
        onWrite: { record, old, store, now in try ticketRules(&record, old: old, store: &store, now: now) })

    static let ticketNotes = Resource(
        table: .ticketNotes, name: "ticketNote", parentPath: "ticketId",
        fields: [
            "ticketId", "text", "detailDescriptionFlag", "internalAnalysisFlag", "resolutionFlag", "issueFlag", "member",
            "contact", "customerUpdatedFlag", "processNotifications", "dateCreated", "createdBy", "internalFlag",
            "externalFlag", "sentimentScore",
        ],
        required: ["text"], readOnly: ["dateCreated", "createdBy"],
        onWrite: { record, old, _, now in
            let flags = ["detailDescriptionFlag", "internalAnalysisFlag", "resolutionFlag"]
            guard flags.contains(where: { record[$0]?.boolValue == true }) else {
                throw ConnectWiseErrors.invalidObject(
                    resource: "ticketNote", field: "detailDescriptionFlag",
                    message: "A note needs one of detailDescriptionFlag, internalAnalysisFlag or resolutionFlag set to true")
            }
            for flag in flags + ["internalFlag", "externalFlag", "issueFlag"] { record[flag] = record[flag] ?? false }
            if old == nil {
                record["dateCreated"] = .string(ISODate.seconds(now))
                record["createdBy"] = .string(apiMember)
            }
        })

    /// Board defaults, board membership of status/type/subtype/item, and `closedFlag` following the status.
    static func ticketRules(_ record: inout JSONObject, old: JSONObject?, store: inout ConnectWiseStore, now: Date) throws {
        if (record["summary"]?.stringValue ?? "").count > 100 {
            throw ConnectWiseErrors.invalidObject(resource: "ticket", field: "summary", code: "OutOfRange", message: "summary may be at most 100 characters")
        }
        if let xref = record["externalXRef"]?.stringValue, xref.count > 100 {
            throw ConnectWiseErrors.invalidObject(resource: "ticket", field: "externalXRef", code: "OutOfRange", message: "externalXRef may be at most 100 characters")
        }
        if record["board"] == nil || record["board"]!.isNull {
            // Server default (inferred): the first active board.
            guard let board = store[.boards].all.first(where: { $0["inactiveFlag"]?.boolValue != true }) else {
                throw ConnectWiseErrors.invalidObject(resource: "ticket", field: "board", message: "board is required (no board is set up)")
            }
            record["board"] = ["id": board["id"]!, "name": board["name"] ?? .null]
        }
        let boardId = record["board"]?["id"].intValue ?? 0
        let boardChanged = old != nil && old!["board"]?["id"].intValue != boardId
        if record["status"] == nil || record["status"]!.isNull || (boardChanged && record["status"]?["id"] == old?["status"]?["id"]) {
            let statuses = store[.boardStatuses].keys(where: "board/id", equals: .int(boardId))?.compactMap { store[.boardStatuses][$0] } ?? []
            guard let status = statuses.first(where: { $0["defaultFlag"]?.boolValue == true }) ?? statuses.first else {
                throw ConnectWiseErrors.invalidObject(resource: "ticket", field: "status", message: "board \(boardId) has no statuses")
            }
            record["status"] = ["id": status["id"]!, "name": status["name"] ?? .null]
        }
        for (field, table) in [("status", ConnectWiseWorld.Table.boardStatuses), ("type", .boardTypes), ("subType", .boardSubTypes), ("item", .boardItems)] {
            guard let id = record[field]?["id"].intValue else { continue }
            guard store[table][id]?["board"]?["id"].intValue == boardId else {
                throw ConnectWiseErrors.invalidObject(
                    resource: "ticket", field: field, code: "InvalidReference", message: "\(field) \(id) does not belong to board \(boardId)")
            }
        }
        if record["priority"] == nil || record["priority"]!.isNull,
            let priority = store[.priorities].all.first(where: { $0["defaultFlag"]?.boolValue == true }) ?? store[.priorities].all.first
        {
            record["priority"] = ["id": priority["id"]!, "name": priority["name"] ?? .null]
        }
        let statusId = record["status"]?["id"].intValue ?? 0
        let closed = store[.boardStatuses][statusId]?["closedStatus"]?.boolValue ?? false
        let wasClosed = old?["closedFlag"]?.boolValue ?? false
        record["closedFlag"] = .bool(closed)
        if closed && !wasClosed {
            record["closedDate"] = .string(ISODate.seconds(now))
            record["closedBy"] = .string(apiMember)
            record["dateResolved"] = .string(ISODate.seconds(now))
        } else if !closed {
            record["closedDate"] = .null
            record["closedBy"] = .null
            record["dateResolved"] = .null
        }
        if old == nil {
            record["recordType"] = record["recordType"] ?? "ServiceTicket"
            record["severity"] = record["severity"] ?? "Medium"
            record["impact"] = record["impact"] ?? "Medium"
            record["customFields"] = record["customFields"] ?? .array([])
        }
    }

    /// Work done once a record exists: a ticket's `initialDescription` becomes its first note.
    static func afterCreate(_ resource: Resource, _ record: JSONObject, _ postOnly: JSONObject, _ store: inout ConnectWiseStore, _ now: Date) {
        guard resource.table == .tickets, let ticketId = record["id"]?.intValue else { return }
        let notes: [(String, String)] = [
            ("initialDescription", "detailDescriptionFlag"), ("initialInternalAnalysis", "internalAnalysisFlag"),
            ("initialResolution", "resolutionFlag"),
        ]
        for (field, flag) in notes {
            guard let text = postOnly[field]?.stringValue, !text.isEmpty else { continue }
            var note: JSONObject = [
                "ticketId": .int(ticketId), "text": .string(text), "detailDescriptionFlag": false, "internalAnalysisFlag": false,
                "resolutionFlag": false, "internalFlag": .bool(flag == "internalAnalysisFlag"), "externalFlag": false,
                "issueFlag": false, "dateCreated": .string(ISODate.seconds(now)), "createdBy": .string(apiMember),
            ]
            note[flag] = true
            note["_info"] = ["dateEntered": .string(ISODate.seconds(now)), "lastUpdated": .string(ISODate.seconds(now))]
            _ = store.insert(.ticketNotes, note)
        }
    }

    /// Adds list, count, get, create, replace, patch and delete routes for each resource.
    static func addResourceRoutes(to routes: inout RouteTable<HandlerContext>) {
        func crud(_ path: String, _ resource: Resource, parent: String? = nil, writable: Bool = true) {
            let base = root + path
            routes.add("GET", base) { try await list(resource, $0, parentParameter: parent) }
            routes.add("GET", base + "/count") { try await count(resource, $0, parentParameter: parent) }
            routes.add("GET", base + "/{id}") { try await get(resource, $0, parentParameter: parent) }
            guard writable else { return }
            routes.add("POST", base) { try await create(resource, $0, parentParameter: parent) }
            routes.add("PUT", base + "/{id}") { try await replace(resource, $0, parentParameter: parent) }
            routes.add("PATCH", base + "/{id}") { try await patch(resource, $0, parentParameter: parent) }
            routes.add("DELETE", base + "/{id}") { try await delete(resource, $0, parentParameter: parent) }
        }
        crud("/company/companies", companies)
        crud("/company/companies/statuses", companyStatuses)
        crud("/company/companies/types", companyTypes)
        crud("/company/contacts", contacts)
        crud("/procurement/catalog", catalog)
        crud("/finance/agreements", agreements)
        crud("/finance/agreements/types", agreementTypes)
        crud("/finance/agreementtypes", agreementTypes, writable: false)
        crud("/finance/agreements/{parentId}/additions", additions, parent: "parentId")
        crud("/service/boards", boards)
        crud("/service/boards/{parentId}/statuses", boardStatuses, parent: "parentId")
        crud("/service/boards/{parentId}/types", boardTypes, parent: "parentId")
        crud("/service/boards/{parentId}/subtypes", boardSubTypes, parent: "parentId")
        crud("/service/boards/{parentId}/items", boardItems, parent: "parentId")
        crud("/service/priorities", priorities)
        crud("/service/sources", sources)
        crud("/service/tickets", tickets)
        crud("/service/tickets/{parentId}/notes", ticketNotes, parent: "parentId")
        crud("/system/members", members, writable: false)
        routes.add("GET", root + "/service/tickets/{parentId}/allNotes") { try await list(ticketNotes, $0, parentParameter: "parentId") }
        addTypeAssociationRoutes(to: &routes)
        routes.add("POST", root + "/service/tickets/search") { context in
            try await search(tickets, context)
        }
    }

    /// `POST /service/tickets/search`: the body carries the list parameters (inferred shape:
    /// `{"conditions": "...", "childConditions", "customFieldConditions", "orderBy", "fields", "page", "pageSize"}`).
    static func search(_ resource: Resource, _ context: HandlerContext) async throws -> SandboxResponse {
        let body = context.request.hasBody ? try context.request.jsonBody() : .object([:])
        guard let object = body.objectValue else {
            throw ConnectWiseErrors.badRequest("The search body must be a JSON object such as {\"conditions\": \"...\"}")
        }
        var items = QueryItems()
        for (key, value) in object {
            switch value {
            case .string(let string): items.items.append((key, string))
            case .int(let int): items.items.append((key, String(int)))
            case .null: continue
            default:
                throw ConnectWiseErrors.badRequest("Search parameter '\(key)' must be a string or a number")
            }
        }
        return try await list(resource, context, parentParameter: nil, items: items)
    }
}
