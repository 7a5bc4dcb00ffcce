import BridgeValues
import BridgeState
import Foundation

/// Carries out one external write exactly once (SPEC T4), through an effect row:
/// claim the row (committed) → when a claim already existed, look the write up → call →
/// complete the row with the written record's id and its audit row in one transaction.
///
/// A crash between the call and the completion leaves the claim; once its lease runs out the
/// next attempt is `.reclaimed` and finds the write instead of repeating it. A failed call marks
/// the row failed, so the next attempt reclaims it at once (and looks first, since a failure such
/// as a lost response may hide a write that happened).
struct EffectRunner: Sendable {
    let store: StateStore
    let clock: @Sendable () -> Date

    /// What became of the write.
    enum Outcome: Sendable, Equatable {
        /// This attempt made the call; the id of what it wrote.
        case performed(String)
        /// An earlier attempt's write was found by looking it up.
        case found(String)
        /// The write was completed before (by this command or, for shared keys, another one).
        case completedBefore(externalRef: String?, result: Data?)

        /// The id of what was written, when there is one.
        var reference: String? {
            switch self {
            case .performed(let ref), .found(let ref): ref
            case .completedBefore(let ref, _): ref
            }
        }
    }

    /// Runs the write keyed by `key`.
    /// - Parameters:
    ///   - lookup: finds the write of an earlier attempt (nil: not found, or nothing to find for
    ///     an idempotent write).
    ///   - call: the write; returns the id of what it wrote.
    ///   - result: the result document stored on the effect row.
    ///   - audit: the audit row stored with the completion.
    /// - Throws: ``HandlerFailure/transient(_:retryAfter:)`` while another holder's lease runs;
    ///   the call's or lookup's error otherwise (the row is then marked failed).
    func perform(
        key: String, kind: String, target: String,
        lookup: () async throws -> String?,
        call: () async throws -> String,
        result: (String) -> Data? = { _ in nil },
        audit: (String, _ found: Bool) -> AuditEntry?
    ) async throws -> Outcome {
        switch try await store.claimEffect(key: key, kind: kind, target: target) {
        case .completed(let outcome):
            return .completedBefore(externalRef: outcome.externalRef, result: outcome.result)
        case .inProgress(let owner, let leaseUntil):
            let wait = max(1, leaseUntil.timeIntervalSince(clock()))
            throw HandlerFailure.transient(
                "\(kind) for \(target) is being written by \(owner) (claim held until \(Timestamp.format(leaseUntil, fractionalSeconds: false)))",
                retryAfter: .seconds(wait))
        case .reclaimed:
            let found: String?
            do {
                found = try await lookup()
            } catch {
                _ = try? await store.failEffect(key: key, error: "lookup failed: \(error)")
                throw error
            }
            if let found {
                _ = try await store.completeEffect(
                    key: key, externalRef: found, result: result(found), audit: audit(found, true))
                return .found(found)
            }
        case .first:
            break
        }
        let reference: String
        do {
            reference = try await call()
        } catch {
            _ = try? await store.failEffect(key: key, error: "\(error)")
            throw error
        }
        _ = try await store.completeEffect(key: key, externalRef: reference, result: result(reference), audit: audit(reference, false))
        return .performed(reference)
    }
}
