import BridgeValues
import Foundation
import Testing

@testable import BridgeCore

@Suite("Settings: schema, rules, defaults, secrets and redaction (S5)")
struct SettingsTests {
    let loader: SettingsLoader

    init() throws {
        loader = SettingsLoader(catalog: try TestSupport.catalog())
    }

    static let minimalConnectWise = """
        connection:
          psa:
            connectwise:
              site: api-na.myconnectwise.net
              company: acmemsp
              clientId: 3f1c2b7e-8a44-4d2b-9d6e-1a2b3c4d5e6f
              publicKey: {env: CW_PUBLIC_KEY}
              privateKey: {env: CW_PRIVATE_KEY}
          cloud:
            datacenterUrl: https://eu2-cloud.acronis.com
            clientId: acronis-client
            clientSecret: {file: cloud-secret.txt}
        """

    static let minimalAutotask = """
        connection:
          psa:
            autotask:
              username: api@acme.example
              secret: {env: AT_SECRET}
              integrationCode: {env: AT_CODE}
          cloud:
            datacenterUrl: https://eu2-cloud.acronis.com
            clientId: acronis-client
            clientSecret: {env: ACRONIS_SECRET}
        """

    func problems(_ yaml: String) -> [SettingsProblem] {
        do {
            _ = try loader.load(yaml: yaml)
            return []
        } catch {
            return error.problems
        }
    }

    @Test("the example settings file validates and loads")
    func exampleFile() throws {
        let url = TestSupport.schemasDirectory.appendingPathComponent("examples/settings.example.yaml")
        let settings = try loader.load(contentsOf: url)
        #expect(settings.psa == .connectWise)
        #expect(settings.features.tickets)
        #expect(settings.productMappings.count == 5)
        #expect(settings.productMappings[3].storageUsage == .class2)
        #expect(settings.productMappings[4].psaProduct == .id(4711))
        #expect(settings.publicCloudStorages == [PublicCloudStorageMapping(vendor: .microsoftAzure, psaProduct: .name("ACR-AZURE-STORAGE"))])
        #expect(settings.tickets.board == .name("Help Desk"))
        #expect(settings.tickets.mapping(for: "MachineOffline30")?.enabled == false)
        #expect(settings.tickets.mapping(for: "BackupFailed")?.priority == .name("Priority 2 - High"))
    }

    @Test("a file with only the connection gets every default the SPEC gives")
    func defaults() throws {
        let settings = try loader.load(yaml: Self.minimalConnectWise)
        #expect(settings.features == FeatureSettings(provisioning: true, billing: true, tickets: false, twoWaySync: false))
        #expect(settings.provisioning.adminFrom == .primaryContact)
        #expect(settings.provisioning.mode == .production)
        #expect(!settings.provisioning.autoCreateCustomers)
        #expect(!settings.provisioning.mfaForNewCustomers)
        #expect(!settings.deprovisioning.quotasToZero)
        #expect(settings.deprovisioning.disableAfterDays == DayToggle(enabled: false, days: 10))
        #expect(settings.deprovisioning.deleteAfterDays == DayToggle(enabled: false, days: 30))
        #expect(settings.usagePeriod == UsagePeriodSettings(mode: .custom, startDay: 1))
        #expect(settings.tickets.newTicketAfterDays == DayToggle(enabled: false, days: 1))
        #expect(!settings.tickets.autoClose.enabled)
        #expect(settings.retry.maxAttempts == 5)
        #expect(settings.worker == WorkerSettings(pollSeconds: 60, tickIntervalSeconds: 900))
        #expect(settings.productMappings.isEmpty)
        #expect(settings.provisioning.companyTypes == ["Customer", "Client"])
        #expect(settings.provisioning.activeStatuses == ["Active"])
        guard case .connectWise(let cw) = settings.connection.psa else {
            Issue.record("expected ConnectWise")
            return
        }
        #expect(cw.privateKey == .env("CW_PRIVATE_KEY"))
        #expect(settings.connection.cloud.clientSecret == .file("cloud-secret.txt"))
        #expect(settings.connection.cloud.datacenterURL.absoluteString == "https://eu2-cloud.acronis.com")
    }

    @Test("P1, P3: company types, active statuses and the default storage are read and kept; a second default storage, or one on a non-storage or class mapping, is refused with its path")
    func provisioningScopeAndDefaultStorage() throws {
        let good = Self.minimalConnectWise + """

            provisioning:
              companyTypes: [Customer, Managed Client]
              activeStatuses: [Active, Onboarding]
            productMappings:
              - offeringItem: {application: backup, usageName: storage, infra: EU2}
                psaProduct: ACR-STORAGE
                defaultStorage: true
            """
        let settings = try loader.load(yaml: good)
        #expect(settings.provisioning.companyTypes == ["Customer", "Managed Client"])
        #expect(settings.provisioning.activeStatuses == ["Active", "Onboarding"])
        #expect(settings.productMappings.map(\.defaultStorage) == [true])
        let reloaded = try loader.load(json: settings.jsonValue, source: "stored")
        #expect(reloaded == settings)

        let bad = Self.minimalConnectWise + """

            productMappings:
              - offeringItem: {application: backup, usageName: storage, infra: EU2}
                psaProduct: ACR-STORAGE
                defaultStorage: true
              - offeringItem: {application: backup, usageName: storage, infra: US1}
                psaProduct: ACR-STORAGE-US
                defaultStorage: true
              - offeringItem: {application: backup, usageName: storage, infra: EU2}
                storageUsage: class2
                psaProduct: ACR-STORAGE-C2
                defaultStorage: true
              - offeringItem: {application: backup, usageName: workstations}
                psaProduct: ACR-WS
                defaultStorage: true
            """
        #expect(problems(bad).map(\.path.description) == [
            "/productMappings/1/defaultStorage", "/productMappings/2/defaultStorage", "/productMappings/3/defaultStorage",
        ])
    }

    @Test("S5: a file with five distinct mistakes yields exactly those five problems with their paths and lines")
    func fiveMistakes() throws {
        let yaml = """
            connection:
              psa:
                connectwise:
                  site: api-na.myconnectwise.net
                  company: acmemsp
                  clientId: 3f1c2b7e-8a44-4d2b-9d6e-1a2b3c4d5e6f
                  publicKey: {env: CW_PUBLIC_KEY}
                  privateKey: {env: CW_PRIVATE_KEY}
              cloud:
                datacenterUrl: https://eu2-cloud.acronis.com
                clientId: acronis-client
                clientSecret: hunter2-literal-secret
            provisioning:
              adminFrom: company-name
              mode: Prod
            productMappings:
              - offeringItem: {application: backup, usageName: workstations}
                psaProduct: ACR-WS
              - offeringItem: {application: backup, usageName: servers}
                psaProduct: ACR-WS
            tickets:
              boardd: Help Desk
            """
        let error = #expect(throws: SettingsError.self) { try loader.load(yaml: yaml, source: "bad.yaml") }
        let problems = error?.problems ?? []
        #expect(
            problems.map { "\($0.path) | \($0.keyword) | \($0.message)" } == [
                "/connection/cloud/clientSecret | type | must be a secret reference, {env: NAME} or {file: PATH}: secrets come from environment variables or files, never from the settings file",
                "/productMappings/1/psaProduct | uniquePSAProduct | PSA product ACR-WS is already mapped at /productMappings/0; a PSA product maps to one offering item",
                "/provisioning/activationEmail | required | is required",
                "/provisioning/mode | enum | must be one of: Production, Trial",
                "/tickets/boardd | additionalProperties | unknown property 'boardd' (did you mean 'board'?)",
            ])
        #expect(problems.map(\.line) == [12, 20, 13, 15, 22])
        let text = error?.description ?? ""
        #expect(text.contains("bad.yaml refused, 5 problems"))
        #expect(text.contains("line 22: /tickets/boardd: unknown property 'boardd'"))
        #expect(!text.contains("hunter2"))
    }

    @Test(
        "S5: a literal where a secret belongs is refused saying secrets come from env or files",
        arguments: [
            "/connection/psa/connectwise/publicKey", "/connection/psa/connectwise/privateKey",
            "/connection/cloud/clientSecret",
        ])
    func literalSecrets(path: String) throws {
        let document = try JSONValue(yaml: Self.minimalConnectWise)
            .replacing(try JSONPointer(parsing: path), with: "pa55word-literal")
        let problems = loader.problems(in: document)
        #expect(problems.count == 1)
        #expect(problems.first?.path.description == path)
        #expect(problems.first?.message.contains("secrets come from environment variables or files") == true)
        #expect(!problems.description.contains("pa55word"))
    }

    @Test(
        "S5: secret references must be exactly {env: NAME} or {file: PATH}",
        arguments: [
            ("{}", "/connection/cloud/clientSecret", "secrets come from environment variables or files"),
            ("{env: A, file: b}", "/connection/cloud/clientSecret", "exactly one of env or file"),
            ("{env: 'not a name'}", "/connection/cloud/clientSecret/env", "environment variable name"),
            ("{envv: A}", "/connection/cloud/clientSecret/envv", "did you mean 'env'"),
            ("{file: ''}", "/connection/cloud/clientSecret/file", "must not be empty"),
            ("[A]", "/connection/cloud/clientSecret", "secrets come from environment variables or files"),
        ])
    func secretShapes(reference: String, path: String, message: String) throws {
        let yaml = Self.minimalAutotask.replacingOccurrences(of: "{env: ACRONIS_SECRET}", with: reference)
        let problems = problems(yaml)
        #expect(problems.map(\.path.description) == [path], "\(problems)")
        #expect(problems.first?.message.contains(message) == true, "\(problems)")
    }

    @Test("S5: Autotask secrets as literals are refused too")
    func autotaskLiterals() {
        let yaml = Self.minimalAutotask
            .replacingOccurrences(of: "{env: AT_SECRET}", with: "abc")
            .replacingOccurrences(of: "{env: AT_CODE}", with: "XYZ123")
        #expect(problems(yaml).map(\.path.description) == [
            "/connection/psa/autotask/integrationCode", "/connection/psa/autotask/secret",
        ])
    }

    @Test("secret references resolve from the environment and from files, naming what is missing but never a value")
    func resolution() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data("cloud-s3cret\n".utf8).write(to: directory.appendingPathComponent("cloud-secret.txt"))
        let settings = try loader.load(yaml: Self.minimalConnectWise)

        let resolved = try settings.connection.resolveSecrets(
            environment: ["CW_PUBLIC_KEY": "pub-123", "CW_PRIVATE_KEY": "priv-456"], relativeTo: directory)
        guard case .connectWise(_, _, _, let publicKey, let privateKey) = resolved.psa else {
            Issue.record("expected ConnectWise")
            return
        }
        #expect(publicKey.reveal() == "pub-123")
        #expect(privateKey.reveal() == "priv-456")
        #expect(resolved.cloudClientSecret.reveal() == "cloud-s3cret")

        let error = #expect(throws: SecretResolutionError.self) {
            try settings.connection.resolveSecrets(environment: ["CW_PUBLIC_KEY": "pub-123"], relativeTo: nil)
        }
        let text = error?.description ?? ""
        #expect(error?.failures.count == 2)
        #expect(text.contains("/connection/psa/connectwise/privateKey: environment variable CW_PRIVATE_KEY is not set"))
        #expect(text.contains("/connection/cloud/clientSecret: secret file"))
        #expect(text.contains("cloud-secret.txt cannot be read: no such file"))
        #expect(!text.contains("pub-123"))
    }

    @Test("secret references: the real process environment, empty values and empty files")
    func resolutionEdges() throws {
        let name = "PSA_BRIDGE_TEST_SECRET_\(UUID().uuidString.replacingOccurrences(of: "-", with: "_"))"
        setenv(name, "from-process-env", 1)
        defer { unsetenv(name) }
        #expect(try SecretRef.env(name).resolve().reveal() == "from-process-env")
        #expect(throws: SecretError.environmentVariableEmpty(name: "E")) { try SecretRef.env("E").resolve(environment: ["E": ""]) }

        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let empty = directory.appendingPathComponent("empty")
        try Data("\n".utf8).write(to: empty)
        #expect(throws: SecretError.fileEmpty(path: empty.path)) { try SecretRef.file(empty.path).resolve() }
        let crlf = directory.appendingPathComponent("crlf")
        try Data("value\r\n".utf8).write(to: crlf)
        #expect(try SecretRef.file(crlf.path).resolve().reveal() == "value")
    }

    @Test("redaction: settings print secret references, secrets print <redacted> however they are printed")
    func redaction() throws {
        let settings = try loader.load(yaml: Self.minimalConnectWise)
        let text = settings.redacted()
        #expect(text.contains(#""privateKey": {"#))
        #expect(text.contains(#""env": "CW_PRIVATE_KEY""#))
        #expect(settings.description == text)
        #expect(SecretRef.env("CW_PRIVATE_KEY").description == "{env: CW_PRIVATE_KEY}")

        let secret = try SecretRef.env("K").resolve(environment: ["K": "topsecret-value"])
        #expect("\(secret)" == "<redacted>")
        #expect(String(describing: secret) == "<redacted>")
        #expect(String(reflecting: secret) == "Secret(<redacted>)")
        var dumped = ""
        dump(secret, to: &dumped)
        #expect(!dumped.contains("topsecret"))
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data("topsecret-cloud".utf8).write(to: directory.appendingPathComponent("cloud-secret.txt"))
        let resolved = try settings.connection.resolveSecrets(
            environment: ["CW_PUBLIC_KEY": "topsecret-pub", "CW_PRIVATE_KEY": "topsecret-priv"], relativeTo: directory)
        #expect(resolved.cloudClientSecret.reveal() == "topsecret-cloud")
        var dumpedConnection = ""
        dump(resolved, to: &dumpedConnection)
        #expect(!dumpedConnection.contains("topsecret"))
        #expect(!"\(resolved)".contains("topsecret"))
    }

    @Test("the canonical JSON form reads back to equal settings and validates")
    func canonicalRoundTrip() throws {
        let url = TestSupport.schemasDirectory.appendingPathComponent("examples/settings.example.yaml")
        let settings = try loader.load(contentsOf: url)
        let canonical = settings.jsonValue
        #expect(loader.problems(in: canonical) == [])
        #expect(try loader.load(json: canonical) == settings)
        let minimal = try loader.load(yaml: Self.minimalAutotask)
        #expect(try loader.load(json: minimal.jsonValue) == minimal)
    }

    @Test("1:1 product mappings: an offering item (with its storage usage) maps to one product")
    func oneToOne() {
        let yaml = Self.minimalConnectWise + """

            productMappings:
              - offeringItem: {application: backup, usageName: storage, infra: eu2}
                psaProduct: S-TOTAL
              - offeringItem: {application: backup, usageName: storage, infra: eu2}
                storageUsage: class2
                psaProduct: S-BILLED
              - offeringItem: {application: backup, usageName: storage, infra: eu2}
                storageUsage: total
                psaProduct: S-OTHER
              - offeringItem: {application: backup, usageName: storage, infra: us1}
                psaProduct: S-US
              - offeringItem: {application: backup, edition: pck_per_workload, usageName: servers}
                psaProduct: 17
              - offeringItem: {application: backup, edition: pck_per_gigabyte, usageName: servers}
                psaProduct: 18
              - offeringItem: {application: backup, usageName: workstations}
                storageUsage: class1
                psaProduct: WS
            """
        let found = problems(yaml)
        #expect(
            found.map { "\($0.path) \($0.keyword)" } == [
                "/productMappings/2/offeringItem uniqueOfferingItem",
                "/productMappings/6/storageUsage not",
            ])
        #expect(found.first?.message.contains("already mapped at /productMappings/0") == true)
        #expect(found.last?.message.contains("storage offering items only") == true)
    }

    @Test("settings for the other PSA are refused, features need their settings")
    func psaSpecificRules() {
        let connectWise = Self.minimalConnectWise + """

            features: {tickets: true, twoWaySync: true}
            tickets:
              queue: Monitoring
              autotask: {noteType: 1}
              alertTypes:
                - {alertType: BackupFailed, issueType: 4, subtype: 2}
                - {alertType: BackupFailed}
            """
        #expect(
            problems(connectWise).map { "\($0.path) \($0.keyword)" } == [
                "/features/twoWaySync psaSpecific",
                "/tickets/alertTypes/0/issueType psaSpecific",
                "/tickets/alertTypes/1/alertType uniqueAlertType",
                "/tickets/autotask psaSpecific",
                "/tickets/board requiredByFeature",
                "/tickets/queue psaSpecific",
            ])
        let autotask = Self.minimalAutotask + """

            features: {tickets: true, twoWaySync: true}
            twoWaySync: {periodType: Monthly}
            tickets:
              board: Help Desk
              alertTypes:
                - {alertType: BackupFailed, item: 3, dueInDays: 2}
            """
        #expect(
            problems(autotask).map { "\($0.path) \($0.keyword)" } == [
                "/tickets/alertTypes/0/item psaSpecific",
                "/tickets/board psaSpecific",
                "/tickets/queue requiredByFeature",
                "/twoWaySync/allocationCode requiredByFeature",
            ])
        #expect(problems(autotask)[0].message == "applies to ConnectWise Manage only (this deployment uses Autotask)")
        #expect(problems(autotask)[3].message == "is required when features.twoWaySync is on")
    }

    @Test("P4 a password defined manually needs its secret reference, and is kept as the reference")
    func manualPassword() throws {
        let missing = Self.minimalConnectWise + """

            provisioning: {accountPassword: defined-manually}
            """
        #expect(problems(missing).map { "\($0.path) \($0.keyword)" } == ["/provisioning/adminPassword requiredByFeature"])
        let given = Self.minimalConnectWise + """

            provisioning: {accountPassword: defined-manually, adminPassword: {env: ADMIN_PASSWORD}}
            """
        let settings = try loader.load(yaml: given)
        #expect(settings.provisioning.accountPassword == .definedManually)
        #expect(settings.provisioning.adminPassword == .env("ADMIN_PASSWORD"))
        #expect(try loader.load(yaml: Self.minimalConnectWise).provisioning.accountPassword == .activationEmail)
    }

    @Test("B3 public cloud storages: one product per vendor, not a product an offering item has, and known vendors only")
    func publicCloudStorageRules() {
        let yaml = Self.minimalConnectWise + """

            productMappings:
              - {offeringItem: {application: backup, usageName: workstations}, psaProduct: ACR-WS}
            publicCloudStorages:
              - {vendor: microsoft-azure, psaProduct: ACR-AZURE}
              - {vendor: microsoft-azure, psaProduct: ACR-AZURE-2}
              - {vendor: amazon-s3, psaProduct: ACR-WS}
              - {vendor: google-cloud, psaProduct: ACR-GCS}
            """
        #expect(
            problems(yaml).map { "\($0.path) \($0.keyword)" } == [
                "/publicCloudStorages/1/vendor uniqueVendor",
                "/publicCloudStorages/2/psaProduct uniquePSAProduct",
                "/publicCloudStorages/3/vendor enum",
            ])
    }

    @Test("schema rules on values: ranges, enums, emails, auto-close status, exactly one PSA")
    func valueRules() {
        let yaml = Self.minimalConnectWise + """

            provisioning: {adminFrom: company-name, activationEmail: not-an-email}
            usagePeriod: {mode: custom, startDay: 31}
            deprovisioning: {disableAfterDays: {enabled: yes, days: 0}}
            tickets: {autoClose: {enabled: true}}
            twoWaySync: {periodType: Weekly}
            worker: {tickIntervalSeconds: 1000}
            retry: {maxAttempts: 0}
            """
        #expect(
            problems(yaml).map { "\($0.path) \($0.keyword) \($0.message)" } == [
                "/deprovisioning/disableAfterDays/days minimum must be at least 1",
                "/deprovisioning/disableAfterDays/enabled type must be a boolean, not a string",
                "/provisioning/activationEmail format must be an email address",
                "/retry/maxAttempts minimum must be at least 1",
                "/tickets/autoClose/status required is required",
                "/twoWaySync/periodType enum must be one of: Monthly, Quarterly, Semi-Annual, Yearly",
                "/usagePeriod/startDay maximum must be at most 28",
                "/worker/tickIntervalSeconds multipleOf must be a multiple of 60",
            ])
        let both = Self.minimalConnectWise.replacingOccurrences(
            of: "  cloud:", with: "    autotask: {username: u, secret: {env: A}, integrationCode: {env: B}}\n  cloud:")
        #expect(problems(both).map { "\($0.path) \($0.message)" } == [
            "/connection/psa configure exactly one PSA: connectwise or autotask"
        ])
    }

    @Test("S5: unreadable files and malformed YAML are refused with a clear error")
    func unreadableAndMalformed() throws {
        let missing = URL(fileURLWithPath: "/nonexistent/\(UUID().uuidString).yaml")
        #expect(throws: SettingsError.unreadable(path: missing.path, reason: "no such file")) {
            try loader.load(contentsOf: missing)
        }
        let error = #expect(throws: SettingsError.self) {
            try loader.load(yaml: "connection:\n  psa: [\n  cloud: x\n", source: "broken.yaml")
        }
        guard case .malformedYAML(let source, _, let line, _)? = error else {
            Issue.record("expected malformedYAML, got \(String(describing: error))")
            return
        }
        #expect(source == "broken.yaml")
        #expect(line != nil)
        #expect(problems("").map(\.message) == ["must be an object, not null"])
        #expect(problems("- a\n- b").map(\.message) == ["must be an object, not an array"])
    }
}
