import Foundation
import SandboxKit
import Testing

@Suite("Acronis usage reports")
struct AcronisReportTests {
    /// Decompresses with the system's gzip (a real decompressor checks the CRC and sizes too).
    func gunzip(_ data: Data) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/gzip")
        process.arguments = ["-dc"]
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(data)
        try input.fileHandleForWriting.close()
        let text = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw SandboxTestError("gzip could not decompress the report") }
        return String(decoding: text, as: UTF8.self)
    }

    @Test("B4: a usage_summary for the previous month reads the recorded month values, gzip CSV and JSON")
    func previousMonthSummary() async throws {
        let world = SandboxWorld.generate(companies: 3, tenants: 3, seed: 21)
        try await withSandbox(SandboxConfiguration(world: world)) { sandbox, client in
            let token = try await sandbox.acronisToken(client)
            let headers = ["Authorization": "Bearer \(token)", "Content-Type": "application/json"]
            let tenant = world.acronis[.tenants].first { $0["kind"] == "customer" }!
            let tenantId = tenant["id"]!.stringValue!
            let thisMonth = ISODate.startOfMonth(Date())
            let previous = ISODate.startOfMonth(thisMonth, addingMonths: -1)
            let before = ISODate.startOfMonth(thisMonth, addingMonths: -2)
            try await sandbox.setUsage(
                tenantId: tenantId,
                [
                    UsageValue(name: "pw_base_workstations", value: 12),
                    UsageValue(name: "pw_base_workstations", value: 9, period: String(ISODate.day(previous).prefix(7))),
                    UsageValue(name: "pw_base_workstations", value: 4, period: String(ISODate.day(before).prefix(7))),
                ])
            let enabled = try await client.send(
                "PUT", sandbox.acronis("/api/2/tenants/\(tenantId)/offering_items"), headers: headers,
                json: ["offering_items": [["application_id": .string(GeneratedIDs.cyberProtectionApplication), "name": "pw_base_workstations", "status": 1]]])
            #expect(enabled.status == 200)
            let body: JSONValue = [
                "parameters": [
                    "kind": "usage_summary", "tenant_id": .string(GeneratedIDs.acronisPartnerTenant), "level": "all_customers",
                    "formats": ["csv_v2_0", "json_v2_0"],
                    "period": ["start": .string(ISODate.day(previous)), "end": .string(ISODate.day(thisMonth.addingTimeInterval(-86_400)))],
                    "show_skus": true, "hide_zero_usage": true,
                ],
                "schedule": ["type": "once"], "result_action": "save",
            ]
            let created = try await client.send("POST", sandbox.acronis("/api/2/reports"), headers: headers, json: body)
            #expect(created.status == 201)
            let reportId = try created.json["id"].stringValue!
            let stored = try await client.send("GET", sandbox.acronis("/api/2/reports/\(reportId)/stored"), headers: headers).json
            let items = stored["items"].arrayValue!
            #expect(items.map { $0["status"] } == ["saved", "saved"])
            let csvId = items.first { $0["report_format"] == "csv_v2_0" }!["id"].stringValue!
            let download = try await client.send("GET", sandbox.acronis("/api/2/reports/\(reportId)/stored/\(csvId)"), headers: headers)
            #expect(download.header("Content-Type") == "application/gzip")
            #expect(download.body.prefix(2) == Data([0x1F, 0x8B]))
            let csv = try gunzip(download.body).split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
            let header = csv[0]
            let row = try #require(csv.first { $0.first == tenantId && $0[header.firstIndex(of: "name")!] == "pw_base_workstations" })
            func column(_ name: String) -> String { row[header.firstIndex(of: name)!] }
            #expect(column("usage.absolute.total") == "9")
            #expect(column("usage.delta.total") == "5")
            let trial = tenant["pricing_mode"] == "trial"
            #expect(column(trial ? "usage.absolute.trial" : "usage.absolute.production") == "9")
            #expect(column(trial ? "usage.absolute.production" : "usage.absolute.trial") == "0")
            #expect(csv.dropFirst().allSatisfy { $0.count == header.count || $0 == [""] })

            let jsonId = items.first { $0["report_format"] == "json_v2_0" }!["id"].stringValue!
            let jsonReport = try JSONValue.parse(try gunzip(try await client.send("GET", sandbox.acronis("/api/2/reports/\(reportId)/stored/\(jsonId)"), headers: headers).body))
            #expect(jsonReport["params"]["report_type"] == "usage_summary")
            let usage = jsonReport["tenants"].arrayValue!.first { $0["id"].stringValue == tenantId }!["usages"].arrayValue!.first { $0["name"] == "pw_base_workstations" }!
            #expect(usage["usage"]["absolute"]["total"] == 9)

            let badFormat = try await client.send(
                "POST", sandbox.acronis("/api/2/reports"), headers: headers,
                json: ["parameters": ["kind": "usage_summary", "tenant_id": .string(GeneratedIDs.acronisPartnerTenant), "level": "all_customers", "formats": ["html"], "period": ["start": "2024-05-01", "end": "2024-05-31"]]])
            #expect(badFormat.status == 400)
            let version = try created.json["version"].intValue!
            #expect(try await client.send("DELETE", sandbox.acronis("/api/2/reports/\(reportId)?version=\(version)"), headers: headers).status == 204)
            #expect(try await client.send("GET", sandbox.acronis("/api/2/reports/\(reportId)"), headers: headers).status == 404)
        }
    }
}

/// Scripted report outcomes over the control surface.
@Suite("Acronis usage reports, scripted")
struct AcronisScriptedReportTests {
    @Test("B4, S5: the next report scripted over /_sandbox/ fails, or stays in progress for N polls with its download 404 until saved")
    func scriptedOutcomes() async throws {
        try await withSandbox(SandboxConfiguration(world: .generate(companies: 2, tenants: 2, seed: 5))) { sandbox, client in
            let token = try await sandbox.acronisToken(client)
            let headers = ["Authorization": "Bearer \(token)", "Content-Type": "application/json"]
            let body: JSONValue = [
                "parameters": [
                    "kind": "usage_summary", "tenant_id": .string(GeneratedIDs.acronisPartnerTenant), "level": "all_customers",
                    "formats": ["csv_v2_0"], "period": ["start": "2024-05-01", "end": "2024-05-31"],
                ],
                "schedule": ["type": "once"], "result_action": "save",
            ]
            func create() async throws -> String {
                try await client.send("POST", sandbox.acronis("/api/2/reports"), headers: headers, json: body).json["id"].stringValue!
            }
            func stored(_ id: String) async throws -> JSONValue {
                try await client.send("GET", sandbox.acronis("/api/2/reports/\(id)/stored"), headers: headers).json["items"][0]
            }
            let control = makeURL(sandbox.acronisURL, "/_sandbox/acronis/reports/next")
            #expect(try await client.send("POST", control, json: ["outcome": "failed"]).status == 200)
            let failed = try await create()
            #expect(try await stored(failed)["status"] == "failed")

            #expect(try await client.send("POST", control, json: ["outcome": "in_progress", "polls": 2]).status == 200)
            let slow = try await create()
            let first = try await stored(slow)
            #expect(first["status"] == "in_progress")
            let storedId = first["id"].stringValue!
            let early = try await client.send("GET", sandbox.acronis("/api/2/reports/\(slow)/stored/\(storedId)"), headers: headers)
            #expect(early.status == 404)
            #expect(try await stored(slow)["status"] == "in_progress")
            #expect(try await stored(slow)["status"] == "saved")
            let ready = try await client.send("GET", sandbox.acronis("/api/2/reports/\(slow)/stored/\(storedId)"), headers: headers)
            #expect(ready.status == 200)

            #expect(try await client.send("POST", control, json: ["outcome": "nonsense"]).status == 400)
        }
    }
}
