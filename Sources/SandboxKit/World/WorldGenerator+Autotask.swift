import Foundation

extension WorldGenerator {
    static func picklist(_ values: [(Int, String)], defaultValue: Int? = nil, parents: [Int: Int] = [:], system: Set<Int> = []) -> [JSONObject] {
        values.enumerated().map { offset, entry in
            [
                "value": .string(String(entry.0)), "label": .string(entry.1), "isDefaultValue": .bool(entry.0 == defaultValue),
                "sortOrder": .int(offset + 1), "parentValue": .string(parents[entry.0].map(String.init) ?? ""), "isActive": true,
                "isSystem": .bool(system.contains(entry.0)),
            ]
        }
    }

    /// The picklists of generated worlds. Values are the sandbox's own (Autotask's are tenant-specific):
    /// clients read them from `entityInformation/fields`. Ticket status 1 New / 5 Complete and
    /// contract type 7 Recurring Service are the values the references saw.
    static var autotaskPicklists: [String: [String: [JSONObject]]] {
        let periods = picklist([(1, "Monthly"), (2, "Quarterly"), (3, "Semi-Annual"), (4, "Yearly")], defaultValue: 1)
        return [
            "Companies": [
                "companyType": picklist([(1, "Customer"), (2, "Lead"), (3, "Prospect"), (4, "Dead"), (6, "Cancellation"), (7, "Vendor"), (8, "Partner")], system: [1, 2, 3, 4, 6, 7, 8]),
                "classification": picklist([(1, "Gold"), (2, "Silver"), (3, "Bronze")]),
            ],
            "Contracts": [
                "contractType": picklist([(1, "Time & Materials"), (3, "Fixed Price"), (4, "Block Hours"), (6, "Retainer"), (7, "Recurring Service"), (8, "Per Ticket")], system: [1, 3, 4, 6, 7, 8]),
                "status": picklist([(0, "Inactive"), (1, "Active")], defaultValue: 1, system: [0, 1]),
                "contractPeriodType": periods,
                "contractCategory": picklist([(1, "Standard"), (2, "Backup")]),
                "billingPreference": picklist([(1, "Manual"), (2, "Immediate"), (3, "Timesheet")]),
            ],
            "Services": ["periodType": periods],
            "Tickets": [
                "status": picklist([(1, "New"), (5, "Complete"), (7, "Waiting Customer"), (8, "In Progress"), (12, "Re-opened")], defaultValue: 1, system: [1, 5]),
                "priority": picklist([(4, "Critical"), (1, "High"), (2, "Medium"), (3, "Low")], defaultValue: 2),
                "queueID": picklist([(GeneratedIDs.autotaskAlertQueue, "Monitoring Alert"), (29_682_834, "Client Portal"), (8, "Post Sale")]),
                "issueType": picklist([(10, "Backup"), (11, "Monitoring"), (12, "Security")]),
                "subIssueType": picklist(
                    [(100, "Backup failed"), (101, "Backup warning"), (110, "Machine offline"), (111, "Agent problem"), (120, "Malware")],
                    parents: [100: 10, 101: 10, 110: 11, 111: 11, 120: 12]),
                "ticketType": picklist([(1, "Service Request"), (2, "Incident"), (3, "Problem"), (4, "Change Request"), (5, "Alert")], defaultValue: 1),
                "source": picklist([(2, "Phone"), (4, "Email"), (6, "Web Portal"), (8, "Monitoring Alert")]),
                "ticketCategory": picklist([(3, "Standard"), (4, "API Alerts")], defaultValue: 3),
                "serviceLevelAgreementID": picklist([(1, "Standard SLA")]),
            ],
            "TicketNotes": [
                "noteType": picklist([(1, "Task Summary"), (2, "Task Detail"), (3, "Task Notes"), (13, "Workflow Rule Action Note")], defaultValue: 3),
                "publish": picklist([(1, "All Autotask Users"), (2, "Internal Project Team"), (4, "Internal & Co-managed")], defaultValue: 1),
            ],
            "UserDefinedFieldDefinitions": [
                "udfType": picklist([(1, "Company"), (2, "Configuration Item"), (3, "Contract"), (4, "Opportunity"), (5, "Product"), (6, "Project"), (7, "Task"), (8, "Ticket"), (9, "Contact"), (10, "Service")]),
                "dataType": picklist([(1, "String"), (2, "Number"), (3, "Date"), (4, "List")]),
                "displayFormat": picklist([(1, "Default"), (2, "Currency")]),
            ],
        ]
    }

    mutating func buildAutotask(_ customers: [Customer]) -> AutotaskWorld {
        var world = AutotaskWorld(picklists: Self.autotaskPicklists)
        let setupDate = dateMs(secondsAgo: 900 * 86_400)
        world[.Resources] = [
            [
                "id": .int(GeneratedIDs.autotaskAPIResource), "firstName": "API", "lastName": "User", "email": "api-user@sandbox.example",
                "userName": "api-user@sandbox.example", "isActive": true, "resourceType": "Employee", "title": "Integration",
            ],
            ["id": 29_682_886, "firstName": "Jordan", "lastName": "Tech", "email": "jordan@msp.example", "userName": "jtech", "isActive": true, "resourceType": "Employee", "title": "Technician"],
        ]
        world[.TicketCategories] = [
            ["id": 3, "name": "Standard", "nickname": "Standard", "isActive": true, "isApiOnly": false, "isGlobalDefault": true, "displayColorRGB": 0],
            ["id": 4, "name": "API Alerts", "nickname": "API", "isActive": true, "isApiOnly": true, "isGlobalDefault": false, "displayColorRGB": 0],
        ]
        world[.UserDefinedFieldDefinitions] = [
            [
                "id": 1, "name": .string(GeneratedIDs.autotaskPAYGField), "udfType": .int(3), "dataType": .int(4),
                "description": "Contract lines are pay-as-you-go", "isRequired": false, "isActive": true, "isProtected": false,
                "isEncrypted": false, "isFieldMapping": false, "isVisibleToClientPortal": false, "createDate": .string(setupDate),
                "picklistValues": [
                    ["value": "Yes", "label": "Yes", "isDefaultValue": false, "sortOrder": 1, "isActive": true],
                    ["value": "No", "label": "No", "isDefaultValue": true, "sortOrder": 2, "isActive": true],
                ],
            ]
        ]
        // Allocation codes; 29682801 is the one every service bills to.
        world[.BillingCodes] = [
            ["id": 29_682_801, "name": "Recurring Backup Services", "description": "Recurring contract services", "isActive": true, "useType": 2, "externalNumber": "REC-BACKUP"],
            ["id": 29_682_802, "name": "Managed Services", "description": "Recurring contract services", "isActive": true, "useType": 2, "externalNumber": "REC-MANAGED"],
        ]
        world[.Services] = SandboxProduct.catalog.enumerated().map { offset, product in
            [
                "id": .int(29_500_000 + offset), "name": .string(product.name), "description": .string(product.name),
                "invoiceDescription": .string(product.name), "billingCodeID": 29_682_801, "periodType": 1,
                "unitPrice": .double(product.unitPrice), "unitCost": .double((product.unitPrice * 0.6 * 100).rounded() / 100),
                "isActive": true, "sku": .string(product.sku), "externalID": .null, "createDate": .string(setupDate),
                "lastModifiedDate": .string(setupDate),
            ]
        }
        let serviceIds = Dictionary(uniqueKeysWithValues: SandboxProduct.catalog.enumerated().map { ($1.sku, 29_500_000 + $0) })
        var companies: [JSONObject] = []
        var contacts: [JSONObject] = []
        var contracts: [JSONObject] = []
        var contractServices: [JSONObject] = []
        var adjustments: [JSONObject] = []
        for customer in customers {
            let companyId = 29_700_000 + customer.index
            let created = dateMs(secondsAgo: (400 + customer.index % 300) * 86_400)
            companies.append([
                "id": .int(companyId), "companyName": .string(customer.name), "companyNumber": .string(customer.identifier),
                "companyType": .int(customer.isCustomer ? 1 : (customer.index % 2 == 0 ? 3 : 7)),
                "ownerResourceID": .int(GeneratedIDs.autotaskAPIResource), "phone": .string("555\(String(1_000_000 + customer.index).suffix(7))"),
                "isActive": .bool(customer.isActive), "address1": .string("\(1 + customer.index % 900) Main Street"),
                "city": "Springfield", "state": "IL", "postalCode": "62701", "countryID": 237,
                "webAddress": .string("https://\(customer.contact.email.split(separator: "@").last!)"), "createDate": .string(created),
                "lastActivityDate": .string(created), "lastTrackedModifiedDateTime": .string(created), "isClientPortalActive": false,
                "isTaskFireActive": false, "isEnabledForComanaged": false, "userDefinedFields": .array([]),
            ])
            contacts.append([
                "id": .int(30_000_000 + customer.index), "companyID": .int(companyId), "firstName": .string(customer.contact.first),
                "lastName": .string(customer.contact.last), "emailAddress": .string(customer.contact.email),
                "phone": .string("555\(String(2_000_000 + customer.index).suffix(7))"), "title": "IT Manager", "primaryContact": true,
                "isActive": 1, "createDate": .string(created), "lastActivityDate": .string(created), "lastModifiedDate": .string(created),
                "userDefinedFields": .array([]),
            ])
            for (number, agreement) in customer.agreements.enumerated() {
                let contractId = 31_000_000 + customer.index * 10 + number
                let startDate = ISODate.startOfMonth(now.addingTimeInterval(-Double(agreement.startDaysAgo) * 86_400))
                let endDate = ISODate.startOfMonth(startDate, addingMonths: 36).addingTimeInterval(-86_400)
                let payg = agreement.lines.first?.payg ?? false
                contracts.append([
                    "id": .int(contractId), "contractName": .string(agreement.name), "contractNumber": .string("C-\(contractId)"),
                    "companyID": .int(companyId), "contactID": .int(30_000_000 + customer.index), "contractType": .int(7),
                    "contractCategory": 2, "contractPeriodType": 1, "status": .int(agreement.cancelled ? 0 : 1),
                    "startDate": .string(ISODate.milliseconds(startDate)), "endDate": .string(ISODate.milliseconds(endDate)),
                    "timeReportingRequiresStartAndStopTimes": 1, "isDefaultContract": false, "billingPreference": 1,
                    "lastModifiedDateTime": .string(ISODate.milliseconds(startDate)),
                    "userDefinedFields": [["name": .string(GeneratedIDs.autotaskPAYGField), "value": .string(payg ? "Yes" : "No")]],
                ])
                for (lineNumber, line) in agreement.lines.enumerated() {
                    let serviceId = serviceIds[line.product.sku]!
                    let contractServiceId = 32_000_000 + (customer.index * 10 + number) * 10 + lineNumber
                    contractServices.append([
                        "id": .int(contractServiceId), "contractID": .int(contractId), "serviceID": .int(serviceId),
                        "unitPrice": .double(line.product.unitPrice), "unitCost": .double((line.product.unitPrice * 0.6 * 100).rounded() / 100),
                        "adjustedPrice": .double(line.product.unitPrice), "internalCurrencyUnitPrice": .double(line.product.unitPrice),
                        "internalCurrencyAdjustedPrice": .double(line.product.unitPrice), "invoiceDescription": .string(line.product.name),
                        "internalDescription": .null, "quoteItemID": .null,
                    ])
                    if line.quantity != 0 {
                        adjustments.append([
                            "id": .int(33_000_000 + (customer.index * 10 + number) * 10 + lineNumber), "contractID": .int(contractId),
                            "serviceID": .int(serviceId), "contractServiceID": .int(contractServiceId),
                            "effectiveDate": .string(ISODate.milliseconds(startDate)), "unitChange": .int(line.quantity),
                            "adjustedUnitPrice": .null, "adjustedUnitCost": .null, "allowRepeatService": false, "quoteItemID": .null,
                            "createDate": .string(ISODate.milliseconds(startDate)),
                        ])
                    }
                }
            }
        }
        world[.Companies] = companies
        world[.Contacts] = contacts
        world[.Contracts] = contracts
        world[.ContractServices] = contractServices
        world[.ContractServiceAdjustments] = adjustments
        return world
    }
}
