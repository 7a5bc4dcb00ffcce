import Foundation

extension WorldGenerator {
    static func ref(_ id: Int, _ name: String) -> JSONValue { ["id": .int(id), "name": .string(name)] }

    static func info(_ date: String) -> JSONValue {
        ["dateEntered": .string(date), "lastUpdated": .string(date), "enteredBy": "setup", "updatedBy": "setup"]
    }

    mutating func buildConnectWise(_ customers: [Customer]) -> ConnectWiseWorld {
        var world = ConnectWiseWorld()
        let setupDate = date(daysAgo: 900)
        world[.companyStatuses] = [
            ["id": 1, "name": "Active", "defaultFlag": true, "inactiveFlag": false],
            ["id": 2, "name": "Inactive", "defaultFlag": false, "inactiveFlag": true],
            ["id": 3, "name": "Not Approved", "defaultFlag": false, "inactiveFlag": false],
        ]
        world[.companyTypes] = [
            ["id": 1, "name": "Client", "defaultFlag": true, "vendorFlag": false],
            ["id": 2, "name": "Prospect", "defaultFlag": false, "vendorFlag": false],
            ["id": 3, "name": "Vendor", "defaultFlag": false, "vendorFlag": true],
            ["id": 4, "name": "Partner", "defaultFlag": false, "vendorFlag": false],
        ]
        world[.agreementTypes] = [
            ["id": 1, "name": "Managed Services", "defaultFlag": true, "inactiveFlag": false],
            ["id": 2, "name": "Acronis Backup", "defaultFlag": false, "inactiveFlag": false],
        ]
        world[.catalog] = SandboxProduct.catalog.enumerated().map { offset, product in
            [
                "id": .int(100 + offset), "identifier": .string(product.sku), "description": .string(product.name),
                "customerDescription": .string(product.name), "inactiveFlag": false, "productClass": "Agreement",
                "recurringFlag": true, "price": .double(product.unitPrice), "cost": .double((product.unitPrice * 0.6 * 100).rounded() / 100),
                "unitOfMeasure": Self.ref(1, product.measurementUnit == "bytes" ? "GB" : "Each"), "taxableFlag": false,
                "_info": Self.info(setupDate), "customFields": .array([]),
            ]
        }
        world[.boards] = [
            ["id": 1, "name": "Acronis Alerts", "inactiveFlag": false, "projectFlag": false, "_info": Self.info(setupDate)],
            ["id": 2, "name": "Help Desk", "inactiveFlag": false, "projectFlag": false, "_info": Self.info(setupDate)],
        ]
        var statuses: [JSONObject] = []
        var types: [JSONObject] = []
        var subTypes: [JSONObject] = []
        var items: [JSONObject] = []
        for board in [(1, "Acronis Alerts"), (2, "Help Desk")] {
            let boardRef = Self.ref(board.0, board.1)
            let base = board.0 * 100
            for (offset, status) in [("New", false, true), ("In Progress", false, false), ("Waiting Customer", false, false), ("Re-opened", false, false), ("Completed", true, false), ("Closed", true, false)].enumerated() {
                statuses.append([
                    "id": .int(base + offset + 1), "name": .string(status.0), "board": boardRef, "closedStatus": .bool(status.1),
                    "defaultFlag": .bool(status.2), "inactive": false, "sortOrder": .int(offset), "displayOnBoard": true,
                    "timeEntryNotAllowed": false, "escalationStatus": .string(status.1 ? "Resolved" : "NotResponded"),
                ])
            }
            for (offset, name) in ["Backup", "Monitoring", "Security"].enumerated() {
                types.append([
                    "id": .int(base + 10 + offset), "name": .string(name), "board": boardRef, "category": "Reactive",
                    "defaultFlag": .bool(offset == 0), "inactiveFlag": false,
                ])
            }
            for (offset, name) in ["Failure", "Warning", "Information"].enumerated() {
                subTypes.append([
                    "id": .int(base + 20 + offset), "name": .string(name), "board": boardRef, "inactiveFlag": false,
                    "typeAssociationIds": .array([.int(base + 10), .int(base + 11), .int(base + 12)]),
                ])
            }
            for (offset, name) in ["Server", "Workstation", "Virtual Machine", "Microsoft 365"].enumerated() {
                items.append(["id": .int(base + 30 + offset), "name": .string(name), "board": boardRef, "inactiveFlag": false])
            }
        }
        world[.boardStatuses] = statuses
        world[.boardTypes] = types
        world[.boardSubTypes] = subTypes
        world[.boardItems] = items
        world[.priorities] = [
            ["id": 1, "name": "Priority 1 - Critical", "color": "Red", "sortOrder": 1, "defaultFlag": false],
            ["id": 2, "name": "Priority 2 - High", "color": "Orange", "sortOrder": 2, "defaultFlag": false],
            ["id": 3, "name": "Priority 3 - Normal", "color": "Green", "sortOrder": 3, "defaultFlag": true],
            ["id": 4, "name": "Priority 4 - Low", "color": "Blue", "sortOrder": 4, "defaultFlag": false],
        ]
        world[.sources] = [
            ["id": 1, "name": "Email", "defaultFlag": false], ["id": 2, "name": "Phone", "defaultFlag": true],
            ["id": 3, "name": "Portal", "defaultFlag": false], ["id": 4, "name": "Monitoring", "defaultFlag": false],
        ]
        world[.members] = [
            ["id": 1, "identifier": "APIMember", "firstName": "API", "lastName": "Member", "inactiveFlag": false],
            ["id": 2, "identifier": "jtech", "firstName": "Jordan", "lastName": "Tech", "inactiveFlag": false],
        ]
        var companies: [JSONObject] = []
        var contacts: [JSONObject] = []
        var agreements: [JSONObject] = []
        var additions: [JSONObject] = []
        companies.reserveCapacity(customers.count)
        let catalogIds = Dictionary(uniqueKeysWithValues: SandboxProduct.catalog.enumerated().map { ($1.sku, 100 + $0) })
        for customer in customers {
            let companyId = 250 + customer.index
            let contactId = 5_000_000 + customer.index
            let created = date(daysAgo: Double(400 + customer.index % 300))
            let status = customer.isActive ? Self.ref(1, "Active") : Self.ref(2, "Inactive")
            let type = customer.isCustomer ? Self.ref(1, "Client") : (customer.index % 2 == 0 ? Self.ref(2, "Prospect") : Self.ref(3, "Vendor"))
            let contactName = "\(customer.contact.first) \(customer.contact.last)"
            companies.append([
                "id": .int(companyId), "identifier": .string(customer.identifier), "name": .string(customer.name), "status": status,
                "types": .array([type]), "deletedFlag": false, "addressLine1": .string("\(1 + customer.index % 900) Main Street"),
                "city": "Springfield", "state": "IL", "zip": "62701", "country": ["id": 1, "name": "United States"],
                "phoneNumber": .string("555\(String(1_000_000 + customer.index).suffix(7))"), "website": .string("https://\(customer.contact.email.split(separator: "@").last!)"),
                "defaultContact": ["id": .int(contactId), "name": .string(contactName)], "leadFlag": false, "isVendorFlag": false,
                "customFields": .array([]), "_info": Self.info(created),
            ])
            contacts.append([
                "id": .int(contactId), "firstName": .string(customer.contact.first), "lastName": .string(customer.contact.last),
                "company": ["id": .int(companyId), "identifier": .string(customer.identifier), "name": .string(customer.name)],
                "inactiveFlag": false, "defaultFlag": true, "defaultBillingFlag": true, "title": "IT Manager",
                "communicationItems": [
                    [
                        "type": ["id": 1, "name": "Email"], "value": .string(customer.contact.email), "defaultFlag": true,
                        "communicationType": "Email",
                    ],
                    [
                        "type": ["id": 2, "name": "Direct"], "value": .string("555\(String(2_000_000 + customer.index).suffix(7))"),
                        "defaultFlag": true, "communicationType": "Phone",
                    ],
                ],
                "types": .array([]), "_info": Self.info(created),
            ])
            for (number, agreement) in customer.agreements.enumerated() {
                let agreementId = 2_000_000 + customer.index * 10 + number
                let start = date(daysAgo: Double(agreement.startDaysAgo))
                agreements.append([
                    "id": .int(agreementId), "name": .string(agreement.name), "type": Self.ref(2, "Acronis Backup"),
                    "company": ["id": .int(companyId), "identifier": .string(customer.identifier), "name": .string(customer.name)],
                    "contact": ["id": .int(contactId), "name": .string(contactName)], "startDate": .string(start),
                    "endDate": .null, "noEndingDateFlag": true, "cancelledFlag": .bool(agreement.cancelled),
                    "dateCancelled": agreement.cancelled ? .string(date(daysAgo: 10)) : .null,
                    "agreementStatus": .string(agreement.cancelled ? "Cancelled" : "Active"), "billingCycle": Self.ref(1, "Monthly"),
                    "billAmount": 0, "applicationUnits": "Amount", "applicationUnlimitedFlag": false, "billTime": "Billable",
                    "billExpenses": "Billable", "billProducts": "Billable", "taxable": false, "customFields": .array([]),
                    "_info": Self.info(start),
                ])
                for (lineNumber, line) in agreement.lines.enumerated() {
                    let price = line.product.unitPrice
                    additions.append([
                        "id": .int(3_000_000 + (customer.index * 10 + number) * 10 + lineNumber), "agreementId": .int(agreementId),
                        "product": [
                            "id": .int(catalogIds[line.product.sku]!), "identifier": .string(line.product.sku),
                            "description": .string(line.product.name),
                        ],
                        "quantity": .int(line.quantity), "lessIncluded": 0, "billedQuantity": .int(line.quantity),
                        "unitPrice": .double(price), "unitCost": .double((price * 0.6 * 100).rounded() / 100),
                        "extPrice": ConnectWiseAPI.number(price * Double(line.quantity)), "billCustomer": "Billable",
                        "effectiveDate": .string(start), "cancelledDate": .null,
                        "agreementStatus": .string(agreement.cancelled ? "Cancelled" : "Active"), "taxableFlag": false,
                        "description": .string(line.product.name), "invoiceDescription": .string(line.product.name),
                        "customFields": [
                            [
                                "id": 1, "caption": .string(GeneratedIDs.connectWisePAYGField), "type": "Checkbox",
                                "entryMethod": "EntryField", "numberOfDecimals": 0, "value": .bool(line.payg),
                            ]
                        ],
                        "_info": Self.info(start),
                    ])
                }
            }
        }
        world[.companies] = companies
        world[.contacts] = contacts
        world[.agreements] = agreements
        world[.additions] = additions
        return world
    }
}
