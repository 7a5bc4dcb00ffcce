import SandboxKit

/// World edits for fleet tests: what an operator's change in a portal would make, applied by
/// loading the sandbox's world back with one table's records changed.
enum SandboxWorldEdit {
    /// Replaces `section.table` (e.g. `acronis`/`tenants`) with what `edit` makes of its records.
    static func table(
        _ fleet: TicketFleet, _ section: String, _ table: String, _ edit: ([[String: JSONValue]]) throws -> [[String: JSONValue]]
    ) async throws {
        guard case .object(var world) = await fleet.sandbox.snapshot().json, case .object(var part)? = world[section] else {
            throw HarnessError("the sandbox's world has no '\(section)' section")
        }
        var records: [[String: JSONValue]] = []
        if let existing = part[table] {
            guard case .array(let values) = existing else { throw HarnessError("'\(section).\(table)' is not an array") }
            for value in values {
                guard case .object(let record) = value else { throw HarnessError("'\(section).\(table)' holds a non-object") }
                records.append(record)
            }
        }
        part[table] = .array(try edit(records).map(JSONValue.object))
        world[section] = .object(part)
        try await fleet.sandbox.load(try SandboxWorld(json: .object(world)))
    }

    /// Changes each record of `section.table` in place.
    static func records(
        _ fleet: TicketFleet, _ section: String, _ table: String, _ edit: (inout [String: JSONValue]) -> Void
    ) async throws {
        try await self.table(fleet, section, table) { records in
            records.map { record in
                var record = record
                edit(&record)
                return record
            }
        }
    }
}
