import ArgumentParser
import BridgeRules
import BridgeWorkers

/// `bridgectl audit export --month YYYY-MM [--csv FILE | --json]`: every external write of a UTC
/// month, oldest first, all of them (``AuditExport``).
struct AuditExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Every external write of a UTC month, oldest first: a table, RFC 4180 CSV (--csv FILE, - for stdout) or JSON.")

    @OptionGroup var fleet: FleetOptions
    @Option(help: "The UTC month, YYYY-MM.") var month: String
    @Option(help: "Write RFC 4180 CSV to this file (- for stdout).") var csv: String?
    @Flag(help: "Machine-readable output.") var json = false

    func validate() throws {
        _ = try parseMonth(month)
        if csv != nil, json { throw ValidationError("choose one of --csv and --json") }
    }

    func run() async throws {
        let month = try parseMonth(self.month)
        let export = AuditExport(store: try Context(fleet).store())
        if let csv {
            let output = try CSVOutput(csv)
            let count = try await export.csv(month: month) { try output.write($0) }
            try output.close()
            if let path = output.path {
                print("\(count) writes of \(month) exported to \(path)")
            }
            return
        }
        if json {
            try printJSON(try await export.rows(month: month))
            return
        }
        print(AuditExport.tableHeader)
        let count = try await export.forEachPage(month: month) { page in
            for row in page { print(AuditExport.tableLine(row)) }
        }
        print("\(count) writes in \(month) (UTC)")
    }
}
