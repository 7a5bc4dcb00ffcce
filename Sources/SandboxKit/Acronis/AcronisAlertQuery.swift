import Foundation

/// The filters, order and page of `GET /api/alert_manager/v1/alerts`.
///
/// `updated_at`, `created_at` and `deleted_at` take Unix nanoseconds with `eq|lt|gt|le|ge(...)`
/// (a bare number means `eq`; several parameters are `and`-ed); `severity` takes
/// `eq|lt|gt|le|ge(level)`, `or(a,b)` or a bare list (levels ordered ok < information < warning
/// < error < critical); `tenant` takes a UUID or `or(uuid1,uuid2)`; `type`, `category`, `id` and
/// `skip` take lists (comma-separated or repeated).
struct AcronisAlertQuery: Sendable {
    struct TimeFilter: Sendable {
        var field: String
        var op: String
        var nanoseconds: Int
    }

    static let severities = ["ok", "information", "warning", "error", "critical"]
    static let filterNames = [
        "id", "skip", "type", "category", "tenant", "severity", "show_deleted", "show_deleted_only", "updated_at", "created_at",
        "deleted_at", "order", "limit", "resourceId", "planId", "query",
    ]

    var ids: Set<String>?
    var skip: Set<String> = []
    var types: Set<String>?
    var categories: Set<String>?
    var tenants: Set<String>?
    var severityTest: (@Sendable (Int) -> Bool)?
    var showDeleted = false
    var showDeletedOnly = false
    var times: [TimeFilter] = []
    var orderField = "created_at"
    var descending = false
    var limit = 100
    var resourceId: String?
    var planId: String?
    var text: String?

    static func lists(_ values: [String]) -> Set<String>? {
        let parts = values.flatMap { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }.filter { !$0.isEmpty }
        return parts.isEmpty ? nil : Set(parts)
    }

    /// Splits `op(args)`; nil when the text has no parentheses.
    static func call(_ text: String) -> (op: String, arguments: [String])? {
        guard let open = text.firstIndex(of: "("), text.hasSuffix(")") else { return nil }
        let op = text[..<open].lowercased()
        let inner = text[text.index(after: open)..<text.index(before: text.endIndex)]
        return (op, inner.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
    }

    init(filters: [String: [String]]) throws {
        func bad(_ message: String) -> SandboxError { AcronisErrors.badRequest(message, domain: AcronisErrors.alertDomain) }
        ids = Self.lists(filters["id"] ?? []).map { Set($0.map { $0.lowercased() }) }
        skip = Set((Self.lists(filters["skip"] ?? []) ?? []).map { $0.lowercased() })
        types = Self.lists(filters["type"] ?? [])
        categories = Self.lists(filters["category"] ?? [])
        if let tenantValues = filters["tenant"], !tenantValues.isEmpty {
            var uuids = Set<String>()
            for value in tenantValues {
                if let call = Self.call(value) {
                    guard call.op == "or" else { throw bad("tenant takes a UUID or or(uuid1,uuid2), got '\(value)'") }
                    uuids.formUnion(call.arguments.map { $0.lowercased() })
                } else {
                    uuids.formUnion(value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() })
                }
            }
            tenants = uuids
        }
        if let severityValues = filters["severity"], !severityValues.isEmpty {
            var tests: [@Sendable (Int) -> Bool] = []
            for value in severityValues {
                func level(_ name: String) throws -> Int {
                    guard let index = Self.severities.firstIndex(of: name.lowercased()) else {
                        throw bad("Unknown severity '\(name)' (ok, information, warning, error, critical)")
                    }
                    return index
                }
                if let call = Self.call(value) {
                    guard !call.arguments.isEmpty else { throw bad("severity \(call.op)() needs a level") }
                    let levels = try call.arguments.map(level)
                    switch call.op {
                    case "eq": tests.append { levels.contains($0) }
                    case "or": tests.append { levels.contains($0) }
                    case "lt": tests.append { $0 < levels[0] }
                    case "le": tests.append { $0 <= levels[0] }
                    case "gt": tests.append { $0 > levels[0] }
                    case "ge": tests.append { $0 >= levels[0] }
                    default: throw bad("Unknown severity operator '\(call.op)' (eq, or, lt, le, gt, ge)")
                    }
                } else {
                    let levels = try value.split(separator: ",").map { try level(String($0)) }
                    tests.append { levels.contains($0) }
                }
            }
            let all = tests
            severityTest = { level in all.allSatisfy { $0(level) } }
        }
        showDeleted = filters["show_deleted"]?.last == "true"
        showDeletedOnly = filters["show_deleted_only"]?.last == "true"
        for field in ["updated_at", "created_at", "deleted_at"] {
            for value in filters[field] ?? [] {
                if let call = Self.call(value) {
                    guard ["eq", "lt", "gt", "le", "ge"].contains(call.op), call.arguments.count == 1, let number = Int(call.arguments[0]) else {
                        throw bad("\(field) takes eq|lt|gt|le|ge(<Unix nanoseconds>), got '\(value)'")
                    }
                    times.append(TimeFilter(field: field, op: call.op, nanoseconds: number))
                } else if let number = Int(value) {
                    times.append(TimeFilter(field: field, op: "eq", nanoseconds: number))
                } else {
                    throw bad("\(field) takes Unix nanoseconds, e.g. gt(1439789551045000000); got '\(value)'")
                }
            }
        }
        if let order = filters["order"]?.last {
            guard let call = Self.call(order), call.op == "asc" || call.op == "desc", call.arguments.count == 1,
                ["created_at", "updated_at", "deleted_at", "severity", "type", "received_at"].contains(call.arguments[0])
            else {
                throw bad("order takes asc(<field>) or desc(<field>) with created_at, updated_at, deleted_at, severity, type; got '\(order)'")
            }
            orderField = call.arguments[0]
            descending = call.op == "desc"
        }
        if let text = filters["limit"]?.last {
            guard let value = Int(text), value >= 1 else { throw bad("limit must be a positive integer") }
            limit = min(value, 1000)
        }
        resourceId = filters["resourceId"]?.last
        planId = filters["planId"]?.last
        text = filters["query"]?.last
    }

    static func nanoseconds(_ text: String?) -> Int? {
        guard let text, let date = ISODate.parse(text) else { return nil }
        return Int((date.timeIntervalSince1970 * 1000).rounded()) * 1_000_000
    }

    func matches(_ alert: JSONObject) -> Bool {
        let id = alert["id"]?.stringValue?.lowercased() ?? ""
        let dismissed = !(alert["deletedAt"]?.isNull ?? true)
        if showDeletedOnly { if !dismissed { return false } } else if dismissed && !showDeleted { return false }
        if let ids, !ids.contains(id) { return false }
        if skip.contains(id) { return false }
        if let types, !types.contains(alert["type"]?.stringValue ?? "") { return false }
        if let categories, !categories.contains(alert["category"]?.stringValue ?? "") { return false }
        if let tenants, !tenants.contains(alert["tenant"]?["uuid"].stringValue?.lowercased() ?? "") { return false }
        if let severityTest {
            guard let level = Self.severities.firstIndex(of: alert["severity"]?.stringValue ?? ""), severityTest(level) else { return false }
        }
        for filter in times {
            let key = filter.field == "updated_at" ? "updatedAt" : (filter.field == "created_at" ? "createdAt" : "deletedAt")
            guard let value = Self.nanoseconds(alert[key]?.stringValue) else { return false }
            let ok: Bool
            switch filter.op {
            case "eq": ok = value == filter.nanoseconds
            case "lt": ok = value < filter.nanoseconds
            case "le": ok = value <= filter.nanoseconds
            case "gt": ok = value > filter.nanoseconds
            default: ok = value >= filter.nanoseconds
            }
            if !ok { return false }
        }
        if let resourceId, alert["details"]?["resourceId"].stringValue != resourceId { return false }
        if let planId, alert["details"]?["planId"].stringValue != planId { return false }
        if let text, !text.isEmpty {
            let haystack = [alert["details"]?["resourceName"].stringValue, alert["details"]?["planName"].stringValue].compactMap { $0 }
                .joined(separator: " ").lowercased()
            if !haystack.contains(text.lowercased()) { return false }
        }
        return true
    }

    /// The sort key of an alert for the chosen order (then the id).
    func sortKey(_ alert: JSONObject) -> (Int, String) {
        let id = alert["id"]?.stringValue?.lowercased() ?? ""
        switch orderField {
        case "severity": return (Self.severities.firstIndex(of: alert["severity"]?.stringValue ?? "") ?? 0, id)
        case "type": return (0, (alert["type"]?.stringValue ?? "") + "|" + id)
        case "updated_at": return (Self.nanoseconds(alert["updatedAt"]?.stringValue) ?? 0, id)
        case "deleted_at": return (Self.nanoseconds(alert["deletedAt"]?.stringValue) ?? 0, id)
        case "received_at": return (Self.nanoseconds(alert["receivedAt"]?.stringValue) ?? 0, id)
        default: return (Self.nanoseconds(alert["createdAt"]?.stringValue) ?? 0, id)
        }
    }

    func precedes(_ left: (Int, String), _ right: (Int, String)) -> Bool {
        descending ? (left.0 > right.0 || (left.0 == right.0 && left.1 > right.1)) : (left.0 < right.0 || (left.0 == right.0 && left.1 < right.1))
    }
}
