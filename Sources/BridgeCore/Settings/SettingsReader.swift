import BridgeValues

/// A validated document that still does not have the expected shape (a defect in the schema or
/// the rules, reported rather than crashed on).
struct SettingsShapeError: Error {
    var path: JSONPointer
    var expected: String
}

/// Typed reads from a validated settings document, with defaults.
struct SettingsReader {
    let root: JSONValue

    func value(_ path: JSONPointer) -> JSONValue? {
        guard let value = root[path], !value.isNull else { return nil }
        return value
    }

    func string(_ path: JSONPointer) throws(SettingsShapeError) -> String {
        guard let text = value(path)?.stringValue else { throw SettingsShapeError(path: path, expected: "a string") }
        return text
    }

    func optionalString(_ path: JSONPointer) -> String? { value(path)?.stringValue }

    func strings(_ path: JSONPointer) -> [String]? {
        value(path)?.arrayValue?.compactMap(\.stringValue)
    }

    func bool(_ path: JSONPointer, default fallback: Bool) -> Bool { value(path)?.boolValue ?? fallback }

    func int(_ path: JSONPointer, default fallback: Int) -> Int { value(path)?.intValue ?? fallback }

    func secret(_ path: JSONPointer) throws(SettingsShapeError) -> SecretRef {
        guard let json = value(path), let ref = SecretRef(json: json) else {
            throw SettingsShapeError(path: path, expected: "a secret reference")
        }
        return ref
    }

    func reference(_ path: JSONPointer) throws(SettingsShapeError) -> PSAReference {
        guard let reference = optionalReference(path) else {
            throw SettingsShapeError(path: path, expected: "a name or an id")
        }
        return reference
    }

    func optionalReference(_ path: JSONPointer) -> PSAReference? {
        value(path).flatMap(PSAReference.init(json:))
    }

    func choice<Choice: RawRepresentable>(_ path: JSONPointer, default fallback: Choice) throws(SettingsShapeError)
        -> Choice where Choice.RawValue == String
    {
        guard let json = value(path) else { return fallback }
        guard let text = json.stringValue, let choice = Choice(rawValue: text) else {
            throw SettingsShapeError(path: path, expected: "one of the allowed values")
        }
        return choice
    }

    func dayToggle(_ path: JSONPointer, defaultDays: Int) -> DayToggle {
        DayToggle(
            enabled: bool(path.appending("enabled"), default: false),
            days: int(path.appending("days"), default: defaultDays))
    }
}
