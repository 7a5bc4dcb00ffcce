import BridgeState
import Foundation
import HummingbirdBcrypt

/// Console operator accounts: names, password rules, bcrypt hashes and the login check with its
/// slow-down. `bridgectl console add-user` and the console's login page both go through here.
public struct ConsoleAccounts: Sendable {
    public var store: StateStore
    /// bcrypt cost (2^cost rounds); 12 takes about a quarter of a second here.
    public var cost: UInt8

    /// A hash of no one's password at the same cost, verified against for unknown names.
    let decoyHash: String

    public init(store: StateStore, cost: UInt8 = 12) {
        self.store = store
        self.cost = cost
        decoyHash = Bcrypt.hash("psa-bridge decoy \(UUID().uuidString)", cost: cost)
    }

    /// Why an account could not be added.
    public struct Refusal: Error, Sendable, CustomStringConvertible, Equatable {
        public var description: String
        init(_ description: String) { self.description = description }
    }

    /// The shortest password accepted.
    public static let minimumPasswordLength = 12

    /// Checks a name: 1 to 64 of letters, digits and `.` `_` `-` `@`.
    public static func nameProblem(_ name: String) -> String? {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-@")
        guard (1...64).contains(name.count), name.allSatisfy(allowed.contains) else {
            return "an operator name is 1 to 64 letters, digits, '.', '_', '-' or '@', not \(name.debugDescription)"
        }
        return nil
    }

    /// Adds an operator (or, with `replace`, sets a new password and ends their sessions).
    /// - Throws: ``Refusal`` for a bad name, a short password or a name taken.
    public func add(name: String, password: String, replace: Bool = false) async throws {
        if let problem = Self.nameProblem(name) { throw Refusal(problem) }
        guard password.count >= Self.minimumPasswordLength else {
            throw Refusal("the password must have at least \(Self.minimumPasswordLength) characters")
        }
        guard password.utf8.count <= 72 else {
            throw Refusal("the password must fit in 72 bytes (bcrypt reads no further)")
        }
        let hash = Bcrypt.hash(password, cost: cost)
        do {
            try await store.addConsoleOperator(name: name, passwordHash: hash, replace: replace)
        } catch StateStoreError.consoleOperatorExists {
            throw Refusal("an operator named \(name) exists already (add --replace to set a new password)")
        }
    }

    /// What a login attempt found.
    public enum LoginOutcome: Sendable, Equatable {
        case success(operatorName: String)
        /// Wrong name or password (which of the two is not said).
        case refused
    }

    /// Checks a name and password. A known operator's attempts are counted in the state
    /// database; an unknown name costs the same bcrypt work, so timing does not tell names apart.
    public func login(name: String, password: String) async throws -> LoginOutcome {
        guard let account = try await store.consoleOperator(name: name) else {
            _ = Bcrypt.verify(password, hash: decoyHash)
            return .refused
        }
        let verified = Bcrypt.verify(password, hash: account.passwordHash)
        try await store.recordConsoleLogin(name: name, succeeded: verified)
        return verified ? .success(operatorName: name) : .refused
    }
}
