import ArgumentParser
import BridgeCore
import BridgeRules
import BridgeWorkers
import Foundation

/// `bridgectl billing reconcile --month YYYY-MM [--csv FILE]`: per mapped company and mapped
/// product, the month's cloud usage in the PSA's units against the quantity each PSA line holds
/// now, the difference, and lines on one side only (``BillingReconciliation``). The
/// usage-reporter's reader and planner; writes nothing.
struct BillingReconcileCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reconcile",
        abstract: "Reconcile billing: per mapped company and product, cloud usage vs PSA quantity, the difference, and one-sided lines. Writes nothing.")

    @OptionGroup var fleet: FleetOptions
    @Option(help: "The UTC month, YYYY-MM (the current month: usage so far).") var month: String
    @Option(help: "Write RFC 4180 CSV to this file (- for stdout).") var csv: String?
    @Flag(help: "List rows where both sides agree too.") var all = false

    func validate() throws {
        _ = try parseMonth(month)
    }

    func run() async throws {
        let month = try parseMonth(self.month)
        let context = Context(fleet)
        let store = try context.store()
        let repository = SettingsRepository(store: store, catalog: try context.catalog())
        guard let settings = try await repository.current() else {
            throw ValidationError("no settings applied yet (bridgectl settings apply FILE)")
        }
        // A BillingReconciliationError (a month not begun, usage the reader cannot read) ends the
        // command with its own message and exit code 1.
        let report = try await context.withClients { clients in
            let job = try await BillingJob.make(for: settings, provider: ProvisioningProvider(clients: clients), store: store)
            return try await BillingReconciliation(store: store).run(job, month: month)
        }
        if let csv {
            let output = try CSVOutput(csv)
            try output.write(BillingReconciliation.csv(report))
            try output.close()
            if let path = output.path {
                let rows = report.companies.map(\.rows.count).reduce(0, +)
                print("\(rows) rows for \(report.companies.count) mapped companies, period \(report.period), written to \(path)")
            }
            return
        }
        print(Self.table(report, all: all), terminator: "")
    }

    /// The report as text: a summary, then per company its rows (those that disagree, or all).
    static func table(_ report: BillingReconciliation.Report, all: Bool) -> String {
        let rows = report.companies.flatMap(\.rows)
        var counts: [String] = []
        for kind in ReconciliationLine.Kind.allCases {
            let count = rows.filter { $0.kind == kind }.count
            if count > 0 { counts.append("\(count) \(kind.rawValue)") }
        }
        var text = "period \(report.period) (\(report.window.first)…\(report.window.last)\(report.window.includesToday ? ", so far" : "")): "
        text += "\(report.companies.count) mapped companies, \(rows.count) rows"
        text += counts.isEmpty ? "\n" : " (" + counts.joined(separator: ", ") + ")\n"
        if let note = report.periodNote { text += "note: \(note)\n" }
        if !report.notRead.isEmpty {
            text += "not read (tenant gone): companies \(report.notRead.joined(separator: ", "))\n"
        }
        for company in report.companies {
            let shown = company.rows.filter { all || $0.kind != .same }
            guard !shown.isEmpty else { continue }
            text += AuditExport.visible("\(company.companyName ?? company.companyID) (company \(company.companyID), tenant \(company.tenantID))") + "\n"
            for row in shown {
                let line = row.lineID.map { "line \($0)" } ?? "no line"
                let item = row.item.map { " \($0)" + (row.usageClass.map { " [\($0.rawValue)]" } ?? "") } ?? ""
                let cloud = row.cloudQuantity?.description ?? "-"
                let psa = row.psaQuantity?.description ?? "-"
                let sign = row.difference > 0 ? "+" : ""
                text += "  \(row.kind.rawValue.padding(toLength: 10, withPad: " ", startingAt: 0)) product \(row.productID)\(item), \(line): "
                text += "cloud \(cloud), PSA \(psa), difference \(sign)\(row.difference)\n"
                text += "    " + AuditExport.visible(row.note) + "\n"
            }
        }
        return text
    }
}
