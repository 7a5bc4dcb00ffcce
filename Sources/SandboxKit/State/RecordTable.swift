/// The records of one resource: kept in insertion order, looked up by key, and optionally
/// indexed by the values at some field paths (so `company/id = 250` does not scan every agreement).
struct RecordTable<Key: Hashable & Sendable>: Sendable {
    private(set) var order: [Key] = []
    private(set) var records: [Key: JSONObject] = [:]
    /// Indexed paths (split on `/`) → normalised value → keys in insertion order.
    private var indexes: [String: [JSONValue: [Key]]] = [:]
    private let indexedPaths: [String: [String]]
    /// The largest integer key ever stored (integer-keyed tables only).
    private(set) var largestIntegerKey = 0

    init(indexedPaths: [String] = []) {
        var paths: [String: [String]] = [:]
        for path in indexedPaths {
            paths[path] = path.split(separator: "/").map(String.init)
            indexes[path] = [:]
        }
        self.indexedPaths = paths
    }

    var count: Int { records.count }

    subscript(key: Key) -> JSONObject? {
        records[key]
    }

    /// Every record in insertion order.
    var all: [JSONObject] {
        order.compactMap { records[$0] }
    }

    /// Inserts or replaces a record.
    mutating func upsert(_ key: Key, _ record: JSONObject) {
        if let old = records[key] {
            unindex(key, old)
        } else {
            order.append(key)
        }
        records[key] = record
        index(key, record)
        if let integer = key as? Int, integer > largestIntegerKey { largestIntegerKey = integer }
    }

    /// Removes a record.
    mutating func remove(_ key: Key) {
        guard let old = records.removeValue(forKey: key) else { return }
        unindex(key, old)
        if let position = order.firstIndex(of: key) { order.remove(at: position) }
    }

    /// Removes every record.
    mutating func removeAll() {
        order.removeAll()
        records.removeAll()
        for path in indexes.keys { indexes[path] = [:] }
    }

    /// Whether `path` is indexed.
    func isIndexed(_ path: String) -> Bool { indexes[path] != nil }

    /// Keys whose value at an indexed `path` equals `value` (normalised), in insertion order.
    func keys(where path: String, equals value: JSONValue) -> [Key]? {
        guard let index = indexes[path] else { return nil }
        return index[value.indexKey] ?? []
    }

    private mutating func index(_ key: Key, _ record: JSONObject) {
        for (path, parts) in indexedPaths {
            for value in Set(JSONValue.object(record).values(atPath: parts[...]).map(\.indexKey)) where !value.isNull {
                indexes[path]![value, default: []].append(key)
            }
        }
    }

    private mutating func unindex(_ key: Key, _ record: JSONObject) {
        for (path, parts) in indexedPaths {
            for value in Set(JSONValue.object(record).values(atPath: parts[...]).map(\.indexKey)) where !value.isNull {
                indexes[path]![value]?.removeAll { $0 == key }
            }
        }
    }
}

extension RecordTable where Key == Int {
    /// One more than the largest key (1 for an empty table).
    var nextKey: Int { largestIntegerKey + 1 }
}
