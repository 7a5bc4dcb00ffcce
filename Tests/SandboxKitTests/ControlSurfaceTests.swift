import Foundation
import SandboxKit
import Testing

@Suite("Control surface")
struct ControlSurfaceTests {
    static let world = SandboxWorld.generate(companies: 4, tenants: 4, alerts: 3, seed: 4)

    @Test("state, load and reset over HTTP; calls per route template; reset of calls")
    func stateLoadReset() async throws {
        try await withSandbox(SandboxConfiguration(world: Self.world)) { sandbox, client in
            let base = sandbox.autotaskURL
            let dump = try await client.send("GET", makeURL(base, "/_sandbox/state"))
            #expect(try SandboxWorld(json: dump.json) == Self.world)
            _ = try await client.send(
                "POST", sandbox.autotask("/Companies"), headers: sandbox.autotaskHeaders,
                json: ["companyName": "Temp", "companyType": 1, "ownerResourceID": 29_682_885, "phone": "1"])
            #expect(await sandbox.state.records(.Companies).count == 5)
            let calls = try await client.send("GET", makeURL(base, "/_sandbox/calls")).json
            #expect(calls["calls"]["POST /atservicesrest/v1.0/Companies"] == 1)
            #expect(calls["total"] == 1)
            _ = try await client.send("POST", makeURL(base, "/_sandbox/reset"))
            #expect(await sandbox.state.records(.Companies).count == 4)
            #expect(await sandbox.calls(.autotask).total == 0)
            let small = SandboxWorld.generate(companies: 1, seed: 8)
            let load = try await client.send("POST", makeURL(sandbox.acronisURL, "/_sandbox/load"), body: Data(small.encoded()))
            #expect(load.status == 200)
            #expect(await sandbox.state.records(.companies).count == 1)
            _ = try await client.send("POST", makeURL(base, "/_sandbox/reset"))
            #expect(await sandbox.snapshot() == small)
            let bad = try await client.send("POST", makeURL(base, "/_sandbox/load"), json: ["connectwise": ["nope": []]])
            #expect(bad.status == 400)
            #expect(try bad.json["error"].stringValue?.contains("nope") == true)
            #expect(try await client.send("GET", makeURL(base, "/_sandbox/unknown")).status == 404)
        }
    }

    @Test("T2: a technician closes tickets on either PSA at a given time")
    func closeTickets() async throws {
        try await withSandbox(SandboxConfiguration(world: Self.world)) { sandbox, client in
            let cw = try await client.send(
                "POST", sandbox.connectWise("/service/tickets"), headers: sandbox.connectWiseHeaders,
                json: ["summary": "x", "company": ["id": 250], "externalXRef": "k1"])
            let cwId = try cw.json["id"].intValue!
            let at = "2024-05-01T08:00:00Z"
            let closed = try await client.send("POST", makeURL(sandbox.connectWiseURL, "/_sandbox/psa/tickets/\(cwId)/close"), json: ["at": .string(at)])
            #expect(try closed.json["closedFlag"] == true)
            #expect(try closed.json["closedDate"] == .string(at))
            let read = try await client.send("GET", sandbox.connectWise("/service/tickets/\(cwId)"), headers: sandbox.connectWiseHeaders)
            #expect(try read.json["status"]["name"] == "Completed")

            let at1 = try await client.send(
                "POST", sandbox.autotask("/Tickets"), headers: sandbox.autotaskHeaders,
                json: ["companyID": 29_700_000, "title": "x", "status": 1, "priority": 2, "dueDateTime": "2030-01-01T00:00:00Z", "externalID": "k1"])
            let atId = try at1.json["itemId"].intValue!
            let atClosed = try await client.send("POST", makeURL(sandbox.acronisURL, "/_sandbox/psa/tickets/\(atId)/close?psa=autotask"))
            #expect(try atClosed.json["status"] == 5)
            #expect(try atClosed.json["completedDate"].stringValue != nil)
            let refs = try await client.send("GET", makeURL(sandbox.autotaskURL, "/_sandbox/tickets?externalRef=k1")).json
            #expect(refs["count"] == 1)
            #expect(refs["ids"] == [.int(atId)])
            let fromAcronis = try await client.send("GET", makeURL(sandbox.acronisURL, "/_sandbox/tickets?externalRef=k1"))
            #expect(fromAcronis.status == 400)
            #expect(try await client.send("POST", makeURL(sandbox.connectWiseURL, "/_sandbox/psa/tickets/424242/close")).status == 404)
        }
    }
}
