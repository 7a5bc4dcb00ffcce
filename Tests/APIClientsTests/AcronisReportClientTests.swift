import APIClients
import Foundation
import SandboxKit
import Testing

@Suite("Acronis usage reports through the client against the sandbox")
struct AcronisReportClientTests {
    /// A customer tenant of the generated world, with its pricing mode.
    static func customer(_ harness: SandboxHarness) async -> (id: String, trial: Bool) {
        let tenants = await harness.sandbox.state.records(AcronisWorld.Table.tenants)
        let tenant = tenants.first { $0["kind"]?.stringValue == "customer" && ($0["deleted_at"]?.isNull ?? true) }!
        return (tenant["id"]!.stringValue!, tenant["pricing_mode"]?.stringValue == "trial")
    }

    static let fast = AcronisReportPolling(interval: .milliseconds(10), maxPolls: 5)

    @Test(
        "B4, B5: a usage_summary round trip reads the month values set through the sandbox (absolute, delta, effective), includes a sub-partner's customers, and deletes the report"
    )
    func roundTrip() async throws {
        try await SandboxHarness.run { harness in
            let client = try harness.acronis()
            let partner = try await client.ownTenantID()
            let (tenant, trial) = await Self.customer(harness)
            let previous = ReportMonth.relative(-1)
            let before = ReportMonth.relative(-2)
            let item = "report_test_seats"
            try await harness.sandbox.setUsage(
                tenantId: tenant,
                [
                    UsageValue(name: item, value: 12), UsageValue(name: item, value: 9, period: previous.label),
                    UsageValue(name: item, value: 4, period: before.label),
                ])
            // A customer below a sub-partner (B5): all_customers of the partner reaches it.
            let subPartner = try await client.createTenant(AcronisTenantCreate(name: "Reseller", parentID: partner, kind: .partner))
            let deep = try await client.createTenant(AcronisTenantCreate(name: "Deep Customer", parentID: subPartner.id, kind: .customer))
            try await harness.sandbox.setUsage(
                tenantId: deep.id, [UsageValue(name: item, value: 1), UsageValue(name: item, value: 3, period: previous.label)])

            let rows = try await client.usageSummary(tenantID: partner, start: previous.first, end: previous.last, polling: Self.fast)
            let row = try #require(rows.first { $0.tenantID == tenant && $0.name == item }, "the tenant's row")
            #expect(row.absolute.total == 9, "absolute: the value at the end of the period")
            #expect(row.delta.total == 5, "delta: 9 at the end, 4 before the start")
            #expect(row.effective.total == 9, "effective: absolute for a non-cumulative item")
            #expect((trial ? row.absolute.trial : row.absolute.production) == 9)
            #expect((trial ? row.absolute.production : row.absolute.trial) == 0)
            #expect(row.tenantKind == "customer")
            let deepRow = try #require(rows.first { $0.tenantID == deep.id.lowercased() && $0.name == item }, "the sub-partner's customer")
            #expect(deepRow.effective.total == 3)
            #expect(!rows.contains { $0.tenantID == subPartner.id.lowercased() }, "all_customers: no partner rows")

            // Another month, another report: the month before holds 4.
            let older = try await client.usageSummary(tenantID: partner, start: before.first, end: before.last, polling: Self.fast)
            #expect(older.first { $0.tenantID == tenant && $0.name == item }?.absolute.total == 4)

            #expect(await harness.calls(.acronis, "POST", "/api/2/reports") == 2)
            #expect(await harness.calls(.acronis, "DELETE", "/api/2/reports/{id}") == 2, "each report is deleted after reading")
            #expect(await harness.sandbox.state.records(AcronisWorld.Table.reports).isEmpty, "no report is left behind")
        }
    }

    @Test("B4: a report still in progress is polled until saved; one not saved within the polls is notReady (transient), and deleted")
    func polling() async throws {
        try await SandboxHarness.run { harness in
            let client = try harness.acronis()
            let partner = try await client.ownTenantID()
            let month = ReportMonth.relative(-1)
            await harness.sandbox.scriptReport(.inProgress(polls: 3))
            _ = try await client.usageSummary(tenantID: partner, start: month.first, end: month.last, polling: Self.fast)
            #expect(await harness.calls(.acronis, "GET", "/api/2/reports/{id}/stored") == 4, "three in progress, then saved")

            await harness.sandbox.scriptReport(.inProgress(polls: 50))
            do {
                _ = try await client.usageSummary(tenantID: partner, start: month.first, end: month.last, polling: Self.fast)
                Issue.record("a report that is never saved must fail")
            } catch let error as AcronisReportError {
                guard case .notReady(_, polls: 5) = error else { throw error }
                #expect(error.isTransient)
                #expect(error.description.contains("was not saved after 5 polls"))
            }
            #expect(await harness.sandbox.state.records(AcronisWorld.Table.reports).isEmpty, "the unfinished report is deleted too")
        }
    }

    @Test("S5: a failed report, a download that is not gzip, a CSV without a csv_v2_0 column or with a figure that is not a number are clear errors naming what was wrong")
    func oddReports() async throws {
        try await SandboxHarness.run { harness in
            let client = try harness.acronis()
            let partner = try await client.ownTenantID()
            let month = ReportMonth.relative(-1)
            func read() async throws -> [AcronisUsageReportRow] {
                try await client.usageSummary(tenantID: partner, start: month.first, end: month.last, polling: Self.fast)
            }

            await harness.sandbox.scriptReport(.failed)
            do {
                _ = try await read()
                Issue.record("a failed report must fail")
            } catch let error as AcronisReportError {
                guard case .failed = error else { throw error }
                #expect(!error.isTransient)
                #expect(error.description.contains("has status 'failed'"))
            }

            await harness.sandbox.scriptReport(.rawBody(Array("tenant.id,name\n".utf8)))
            await #expect {
                _ = try await read()
            } throws: { error in
                guard let api = error as? APIError, case .invalidResponse(let field) = api.kind else { return false }
                return field == "<body>" && api.description.contains("documented as a gzip file")
            }

            let header = "tenant.id,name,usage.absolute.production,usage.absolute.trial,usage.absolute.total,usage.delta.production,usage.delta.trial,usage.delta.total,usage.effective.production,usage.effective.trial"
            await harness.sandbox.scriptReport(.content(Array("\(header)\n".utf8)))
            await #expect {
                _ = try await read()
            } throws: { error in
                guard let api = error as? APIError, case .invalidResponse(let field) = api.kind else { return false }
                return field == "usage.effective.total" && api.description.contains("no column 'usage.effective.total'")
            }

            let full = header + ",usage.effective.total"
            await harness.sandbox.scriptReport(.content(Array("\(full)\nt1,pw_base_servers,1,0,1,0,0,0,1,0,1\nt2,pw_base_servers,1,0,1,0,0,0,1,0,12abc\n".utf8)))
            await #expect {
                _ = try await read()
            } throws: { error in
                guard let api = error as? APIError, case .invalidResponse(let field) = api.kind else { return false }
                return field == "line 3: usage.effective.total" && api.description.contains("'12abc' is not a number")
            }

            await harness.sandbox.scriptReport(.content(Array("\(full)\nt1,\"unclosed,1\n".utf8)))
            await #expect {
                _ = try await read()
            } throws: { error in
                guard let api = error as? APIError, case .invalidResponse(let field) = api.kind else { return false }
                return field == "line 2" && api.description.contains("not valid CSV")
            }

            #expect(await harness.sandbox.state.records(AcronisWorld.Table.reports).isEmpty, "every odd report is deleted after all")
            #expect(await harness.calls(.acronis, "DELETE", "/api/2/reports/{id}") == 5)
        }
    }

    @Test("B4: quoted csv_v2_0 values (commas, quotes, line breaks) and exact decimals come through; a malformed day is refused before sending")
    func parsing() async throws {
        let csv = """
            tenant.id,tenant.name,name,usage_name,infra.id,usage.absolute.production,usage.absolute.trial,usage.absolute.total,usage.delta.production,usage.delta.trial,usage.delta.total,usage.effective.production,usage.effective.trial,usage.effective.total
            T1,"Smith, ""Backup""
            & Sons",pw_base_storage,storage,infra-1,5905580032.5,0,5905580032.5,-2,0,-2,5905580032.5,0,5905580032.5

            """
        let rows = try AcronisUsageReportRow.rows(csv: Data(csv.utf8))
        #expect(rows.count == 1)
        #expect(rows.first?.tenantID == "T1")
        #expect(rows.first?.infraID == "infra-1")
        #expect(rows.first?.usageName == "storage")
        #expect(rows.first?.effective.total == Decimal(string: "5905580032.5"))
        #expect(rows.first?.delta.total == -2)

        try await SandboxHarness.run { harness in
            let client = try harness.acronis()
            await #expect {
                _ = try await client.usageSummary(tenantID: "x", start: "2024-5-01", end: "2024-05-31")
            } throws: { error in
                guard let api = error as? APIError, case .invalidRequest = api.kind else { return false }
                return api.description.contains("period.start")
            }
            #expect(await harness.calls(.acronis, "POST", "/api/2/reports") == 0)
        }
    }
}
