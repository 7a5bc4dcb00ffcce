import BridgeValues

/// Secrets that could not be read: every one, with the settings path that names it. Names
/// variables and files, never values.
public struct SecretResolutionError: Error, Sendable, Hashable, CustomStringConvertible {
    public var failures: [(path: JSONPointer, error: SecretError)] {
        zip(paths, errors).map { ($0, $1) }
    }
    private var paths: [JSONPointer]
    private var errors: [SecretError]

    init(failures: [(JSONPointer, SecretError)]) {
        self.paths = failures.map(\.0)
        self.errors = failures.map(\.1)
    }

    public var description: String {
        "cannot read \(errors.count) secret\(errors.count == 1 ? "" : "s"): "
            + zip(paths, errors).map { "\($0): \($1)" }.joined(separator: "; ")
    }
}
