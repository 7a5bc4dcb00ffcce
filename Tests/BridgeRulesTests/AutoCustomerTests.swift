import BridgeRules
import Testing

@Suite("AutoCustomer and TenantPlan: automatic customers (P4)")
struct AutoCustomerTests {
    static let company = CompanyFacts(id: "250", name: "Green Inc.", typeNames: ["Customer"], isActive: true)
    static let contact = ContactFacts(firstName: "Jane", lastName: "Doe", email: "Jane.Doe@green.example")
    static let on = ProvisioningPolicy(automaticallyCreateCustomers: true)

    @Test("P4: an unmapped company with an active mapped line gets a tenant named after it, admin from the primary contact")
    func createFromPrimaryContact() {
        let decision = AutoCustomer.decide(
            company: Self.company, status: .notMapped, hasActiveMappedLine: true, primaryContact: Self.contact, policy: Self.on)
        let expected = TenantPlan(
            name: "Green Inc.", customerID: "250",
            admin: AdminUserPlan(login: "jane.doe@green.example", email: "Jane.Doe@green.example", firstName: "Jane", lastName: "Doe"),
            sendActivationEmail: true, twoFactorAuthentication: false, pricingMode: .production)
        #expect(decision == .create(expected))
    }

    @Test("P4: accounts based on the company name send the activation email to the configured address")
    func createFromCompanyName() throws {
        let policy = ProvisioningPolicy(
            automaticallyCreateCustomers: true, adminAccount: .companyName(activationEmail: " ops@msp.example "),
            twoFactorAuthentication: true, pricingMode: .trial)
        let plan = try TenantPlan.make(company: Self.company, primaryContact: nil, policy: policy)
        #expect(plan.admin == AdminUserPlan(login: "green.inc.admin", email: "ops@msp.example", firstName: "Green Inc.", lastName: "Administrator"))
        #expect(plan.twoFactorAuthentication && plan.pricingMode == .trial && plan.sendActivationEmail)
    }

    @Test("P4: with the password defined manually no activation email is sent; by default it is")
    func passwordDefinedManually() throws {
        let manual = ProvisioningPolicy(automaticallyCreateCustomers: true, accountPassword: .definedManually)
        #expect(try !TenantPlan.make(company: Self.company, primaryContact: Self.contact, policy: manual).sendActivationEmail)
        #expect(try TenantPlan.make(company: Self.company, primaryContact: Self.contact, policy: Self.on).sendActivationEmail)
        #expect(ProvisioningPolicy().accountPassword == .activationEmail)
    }

    @Test("P4: logins from company names keep lower-case ASCII letters and digits", arguments: [
        ("Müller & Söhne GmbH", "muller.sohne.gmbh.admin"),
        ("  ACME   Corp. (EU) ", "acme.corp.eu.admin"),
        ("株式会社", "customer.admin"),
        ("A very long company name that keeps going and going on", "a.very.long.company.name.that.keeps.goin.admin"),
    ])
    func companyNameLogins(name: String, login: String) throws {
        let policy = ProvisioningPolicy(adminAccount: .companyName(activationEmail: "ops@msp.example"))
        let company = CompanyFacts(id: "1", name: name, typeNames: ["Customer"], isActive: true)
        #expect(try TenantPlan.make(company: company, primaryContact: nil, policy: policy).admin.login == login)
    }

    @Test("P4: a missing primary contact email is a failure with the reason")
    func contactWithoutEmail() {
        for email in [nil, "", "   "] as [String?] {
            let contact = ContactFacts(firstName: "Jane", lastName: "Doe", email: email)
            let decision = AutoCustomer.decide(
                company: Self.company, status: .notMapped, hasActiveMappedLine: true, primaryContact: contact, policy: Self.on)
            #expect(decision == .fail(.primaryContactHasNoEmail(contactName: "Jane Doe")))
        }
        #expect(TenantPlanError.primaryContactHasNoEmail(contactName: "Jane Doe").description.contains("Jane Doe has no email address"))
    }

    @Test("P4: no primary contact, no activation address, bad addresses and nameless companies fail with the reason")
    func otherFailures() {
        #expect(AutoCustomer.decide(company: Self.company, status: .notMapped, hasActiveMappedLine: true, primaryContact: nil, policy: Self.on)
            == .fail(.noPrimaryContact))
        let noAddress = ProvisioningPolicy(automaticallyCreateCustomers: true, adminAccount: .companyName(activationEmail: " "))
        #expect(AutoCustomer.decide(company: Self.company, status: .notMapped, hasActiveMappedLine: true, primaryContact: nil, policy: noAddress)
            == .fail(.activationEmailMissing))
        for bad in ["jane", "jane@", "@green.example", "jane@green", "jane@.example", "jane@green.", "ja ne@green.example", "a@b@c.d"] {
            let contact = ContactFacts(firstName: "J", lastName: "D", email: bad)
            #expect(AutoCustomer.decide(company: Self.company, status: .notMapped, hasActiveMappedLine: true, primaryContact: contact, policy: Self.on)
                == .fail(.invalidEmail(bad)), "\(bad)")
        }
        let nameless = CompanyFacts(id: "9", name: " \n", typeNames: ["Customer"], isActive: true)
        #expect(AutoCustomer.decide(company: nameless, status: .notMapped, hasActiveMappedLine: true, primaryContact: Self.contact, policy: Self.on)
            == .fail(.companyNameEmpty))
    }

    @Test("P4: a bad activation address and a nameless contact without email are named in the failure")
    func moreFailures() {
        let badAddress = ProvisioningPolicy(automaticallyCreateCustomers: true, adminAccount: .companyName(activationEmail: "ops at msp"))
        #expect(AutoCustomer.decide(company: Self.company, status: .notMapped, hasActiveMappedLine: true, primaryContact: nil, policy: badAddress)
            == .fail(.invalidEmail("ops at msp")))
        let nameless = ContactFacts(firstName: " ", lastName: "", email: nil)
        #expect(AutoCustomer.decide(company: Self.company, status: .notMapped, hasActiveMappedLine: true, primaryContact: nameless, policy: Self.on)
            == .fail(.primaryContactHasNoEmail(contactName: "(no name)")))
    }

    @Test("P4: nothing happens with automatic creation off, for companies not unmapped, or without an active mapped line")
    func nothing() {
        let off = ProvisioningPolicy(automaticallyCreateCustomers: false)
        #expect(AutoCustomer.decide(company: Self.company, status: .notMapped, hasActiveMappedLine: true, primaryContact: Self.contact, policy: off)
            == .nothing(.automaticCreationOff))
        for status in [MappingStatus.readyForMapping(.newTenant), .mapped(tenantID: "t"), .mappingFailed(reason: "x", target: .newTenant),
                       .companyMissing(tenantID: "t"), .tenantMissing(tenantID: "t")] {
            #expect(AutoCustomer.decide(company: Self.company, status: status, hasActiveMappedLine: true, primaryContact: Self.contact, policy: Self.on)
                == .nothing(.notUnmapped))
        }
        #expect(AutoCustomer.decide(company: Self.company, status: .notMapped, hasActiveMappedLine: false, primaryContact: Self.contact, policy: Self.on)
            == .nothing(.noActiveMappedLine))
    }

    @Test("P4: a contact without names falls back to the company name; disallowed login characters are dropped")
    func contactFallbacks() throws {
        let contact = ContactFacts(firstName: "", lastName: " ", email: "o'brien+it@green.example")
        let plan = try TenantPlan.make(company: Self.company, primaryContact: contact, policy: Self.on)
        #expect(plan.admin == AdminUserPlan(login: "obrien+it@green.example", email: "o'brien+it@green.example", firstName: "Green Inc.", lastName: "Administrator"))
    }

    @Test("P4: taken logins are retried with a numbered suffix")
    func loginCandidates() {
        let email = AdminUserPlan(login: "jane@green.example", email: "jane@green.example", firstName: "J", lastName: "D")
        #expect((0...2).map(email.loginCandidate(attempt:)) == ["jane@green.example", "jane-2@green.example", "jane-3@green.example"])
        let plain = AdminUserPlan(login: "green.inc.admin", email: "ops@msp.example", firstName: "G", lastName: "A")
        #expect((0...2).map(plain.loginCandidate(attempt:)) == ["green.inc.admin", "green.inc.admin-2", "green.inc.admin-3"])
    }

    @Test("P4: the trigger is an active line today for a product that some mapping uses")
    func activeMappedLine() throws {
        let mappings = [
            OfferingItemMapping(item: OfferingItemKey(name: "pw_base_servers"), unit: .count, product: 102),
            OfferingItemMapping(item: OfferingItemKey(name: "pw_base_storage", infraID: "i"), unit: .bytes, product: nil,
                                storage: StorageProducts(class2: 203)),
        ]
        let today = try day("2024-05-15")
        #expect(!AutoCustomer.hasActiveMappedLine(lines: [line(1, product: 999)], mappings: mappings, today: today))
        #expect(!AutoCustomer.hasActiveMappedLine(lines: [line(1, product: 102, end: try day("2024-05-14"))], mappings: mappings, today: today))
        #expect(AutoCustomer.hasActiveMappedLine(lines: [line(1, product: 102, start: try day("2024-05-15"))], mappings: mappings, today: today))
        #expect(AutoCustomer.hasActiveMappedLine(lines: [line(1, product: 203, .payAsYouGo)], mappings: mappings, today: today))
    }
}
