import Foundation
import SandboxKit
import Testing

@Suite("World generator")
struct WorldGeneratorTests {
    static let now = ISODate.parse("2025-03-01T00:00:00Z")!

    @Test("the same seed gives the same world; another seed another world; JSON round-trips")
    func determinism() throws {
        let first = SandboxWorld.generate(companies: 40, agreementsPerCompany: 2, tenants: 30, alerts: 25, seed: 77, now: Self.now)
        let second = SandboxWorld.generate(companies: 40, agreementsPerCompany: 2, tenants: 30, alerts: 25, seed: 77, now: Self.now)
        #expect(first == second)
        #expect(first.encoded() == second.encoded())
        let other = SandboxWorld.generate(companies: 40, agreementsPerCompany: 2, tenants: 30, alerts: 25, seed: 78, now: Self.now)
        #expect(other != first)
        #expect(try SandboxWorld.decode(from: first.encoded()) == first)
    }

    @Test("P1: the same customers on both PSAs, tenants for the first ones, quotas from their lines")
    func consistency() {
        let world = SandboxWorld.generate(companies: 20, agreementsPerCompany: 1, tenants: 10, alerts: 15, seed: 3, now: Self.now)
        let cwNames = world.connectWise[.companies].map { $0["name"]!.stringValue! }
        let atNames = world.autotask[.Companies].map { $0["companyName"]!.stringValue! }
        #expect(cwNames == atNames)
        #expect(Set(cwNames).count == 20)
        let customers = world.acronis[.tenants].filter { $0["parent_id"]?.stringValue == GeneratedIDs.acronisPartnerTenant }
        #expect(customers.map { $0["name"]!.stringValue! } == Array(cwNames.prefix(10)))
        #expect(world.acronis[.alerts].count == 15)
        #expect(world.connectWise[.agreements].count == 20)
        #expect(world.autotask[.Contracts].count == 20)
        // A prepaid line's quantity is the tenant's quota for the mapped offering item.
        let first = world.connectWise[.agreements][0]
        let lines = world.connectWise[.additions].filter { $0["agreementId"] == first["id"] }
        let tenant = customers[0]["id"]!.stringValue!
        for line in lines {
            let product = SandboxProduct.catalog.first { $0.sku == line["product"]?["identifier"].stringValue }!
            let item = world.acronis[.offeringItems].first { $0["tenant_id"]?.stringValue == tenant && $0["name"]?.stringValue == product.offeringItem }!
            #expect(item["status"] == 1)
            let payg = line["customFields"]?[0]["value"] == true
            if payg {
                #expect(item["quota"]?["value"] == .null)
            } else {
                let unit = product.measurementUnit == "bytes" ? 1_073_741_824 : 1
                #expect(item["quota"]?["value"].intValue == line["quantity"]!.intValue! * unit)
            }
        }
        // Every company has a default/primary contact with an e-mail on both sides.
        #expect(world.connectWise[.contacts].allSatisfy { $0["defaultFlag"] == true && $0["communicationItems"]?[0]["value"].stringValue?.contains("@") == true })
        #expect(world.autotask[.Contacts].allSatisfy { $0["primaryContact"] == true && $0["emailAddress"]?.stringValue?.contains("@") == true })
    }

    @Test("10,000 companies are generated quickly and served by all three APIs")
    func scale() async throws {
        let clock = ContinuousClock()
        var world = SandboxWorld.empty()
        let generation = clock.measure {
            world = SandboxWorld.generate(companies: 10_000, agreementsPerCompany: 1, tenants: 10_000, alerts: 2_000, seed: 10)
        }
        print("generated 10,000 companies in \(generation)")
        #expect(generation < .seconds(60))
        let configuration = SandboxConfiguration(world: world)
        let start = clock.now
        try await withSandbox(configuration) { sandbox, client in
            print("sandbox with 10,000 companies started in \(clock.now - start)")
            let count = try await client.send(
                "GET", sandbox.connectWise("/company/companies/count?conditions=\(encoded("deletedFlag = false"))"), headers: sandbox.connectWiseHeaders)
            #expect(try count.json["count"] == 10_000)
            let listStart = clock.now
            let page = try await client.send(
                "GET", sandbox.connectWise("/company/companies?pageSize=1000&page=10&fields=id,name"), headers: sandbox.connectWiseHeaders)
            #expect(try page.json.arrayValue?.count == 1000)
            #expect(parseLinks(page.header("Link"))["next"] == nil)
            print("ConnectWise page of 1,000 companies in \(clock.now - listStart)")
            let agreements = try await client.send(
                "GET", sandbox.connectWise("/finance/agreements?conditions=\(encoded("company/id = 9999"))"), headers: sandbox.connectWiseHeaders)
            #expect(try agreements.json.arrayValue?.map { $0["company"]["id"] } == [9999])
            let atCount = try await client.send(
                "POST", sandbox.autotask("/Companies/query/count"), headers: sandbox.autotaskHeaders,
                json: ["filter": [["op": "gte", "field": "id", "value": 0]]])
            #expect(try atCount.json["queryCount"] == 10_000)
            let contracts = try await client.send(
                "POST", sandbox.autotask("/Contracts/query"), headers: sandbox.autotaskHeaders,
                json: ["filter": [["op": "eq", "field": "companyID", "value": 29_709_999]]])
            #expect(try contracts.json["items"].arrayValue?.count == 1)
            let token = try await sandbox.acronisToken(client)
            var url = sandbox.acronis("/api/2/tenants?parent_id=\(GeneratedIDs.acronisPartnerTenant)&limit=1000&lod=stamps")
            var tenants = 0
            let tenantStart = clock.now
            while true {
                let body = try await client.send("GET", url, headers: ["Authorization": "Bearer \(token)"]).json
                tenants += body["items"].arrayValue!.count
                guard let after = body["paging"]["cursors"]["after"].stringValue else { break }
                url = sandbox.acronis("/api/2/tenants?after=\(encoded(after))")
            }
            print("listed 10,000 tenants in \(clock.now - tenantStart)")
            #expect(tenants == 10_000)
            let alerts = try await client.send(
                "GET", sandbox.acronis("/api/alert_manager/v1/alerts?show_deleted=true&limit=1000"), headers: ["Authorization": "Bearer \(token)"])
            #expect(try alerts.json["items"].arrayValue?.count == 1000)
        }
    }
}

@Suite("Demo fixture")
struct DemoFixtureTests {
    /// `deploy/fixtures/demo-world.json`, found from this file's real location.
    static var fixture: URL {
        URL(fileURLWithPath: #filePath).resolvingSymlinksInPath().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("deploy/fixtures/demo-world.json")
    }

    @Test("the demo world loads: twelve companies on both PSAs, ten mapped tenants, six alerts, and is served")
    func demoWorld() async throws {
        let world = try SandboxWorld.load(contentsOf: Self.fixture)
        let names = world.connectWise[.companies].map { $0["name"]!.stringValue! }
        #expect(names.count == 12)
        #expect(world.autotask[.Companies].map { $0["companyName"]!.stringValue! } == names)
        let tenants = world.acronis[.tenants].filter { $0["parent_id"]?.stringValue == world.acronis.partnerTenantId }
        #expect(tenants.map { $0["name"]!.stringValue! } == Array(names.prefix(10)))
        #expect(world.acronis[.alerts].count == 6)
        #expect(world.connectWise[.additions].contains { $0["customFields"]?[0]["value"] == true })
        #expect(world.connectWise[.additions].contains { $0["customFields"]?[0]["value"] == false })
        try await withSandbox(SandboxConfiguration(world: world)) { sandbox, client in
            let count = try await client.send("GET", sandbox.connectWise("/company/companies/count"), headers: sandbox.connectWiseHeaders)
            #expect(try count.json["count"] == 12)
        }
    }
}
