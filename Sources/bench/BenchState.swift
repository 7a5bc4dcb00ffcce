import BridgeState
import Foundation

/// Where a benchmark run keeps its state: a new SQLite file in the run's folder, or, given a
/// PostgreSQL URL, a new schema in that database (so runs never see each other's rows).
enum BenchState {
    /// The state setting for one run: `base` nil or empty for SQLite in `directory`.
    static func location(base: String?, directory: URL) throws -> String {
        guard let base, !base.isEmpty else { return directory.appendingPathComponent("state.sqlite").path }
        guard case .postgres = try StateLocation(parsing: base) else {
            throw StateStoreError.invalidArgument(field: "--state", reason: "takes a postgres:// URL (SQLite is the default)")
        }
        let schema = "bench_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(12).lowercased()
        return base + (base.contains("?") ? "&" : "?") + "schema=" + schema
    }

    /// The backend's name for the report.
    static func name(_ location: String) -> String {
        if case .postgres? = try? StateLocation(parsing: location) { "PostgreSQL" } else { "SQLite" }
    }
}
