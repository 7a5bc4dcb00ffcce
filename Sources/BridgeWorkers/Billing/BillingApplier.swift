import BridgeRules
import BridgeState
import BridgeValues
import Foundation
import Logging
import Synchronization

/// Carries out a billing plan (SPEC B1, B6, B8): each line's write through an effect row
/// (``EffectRunner``) with its audit entry, then the quantity written for the period in the
/// state database (`usage_reports`).
///
/// The effect key is the line, the period, the target quantity and the message
/// (`usage:<psa>:<line>:<period>:<target>:msg:<key>`): a retry, redelivery or replay of the same
/// message finds its write completed, and a later message with the same target finds the PSA
/// already there. Just before each write the line is read again and the write is the difference
/// from what it holds (``QuantityWrite``), so:
/// - a write whose response was lost (a crash, a timeout) is found by the re-read, never made
///   twice: units that equal the target complete the effect without a call;
/// - an Autotask adjustment is made exactly once per change, whatever is retried or replayed.
///
/// Two writers on one line at once (two messages for the same tenant) would each compute a
/// difference from the same units; each claims its row and then checks for another claim of
/// the same line in progress, and backs off when it finds one, so at most one goes on.
struct BillingApplier: Sendable {
    let writer: any BillingPSA
    let store: StateStore
    let runner: EffectRunner
    let worker: String
    let messageKey: String
    let messageID: String?
    let clock: @Sendable () -> Date

    struct Report: Sendable, Equatable {
        var written = 0
        var found = 0
        var skipped = 0
    }

    static let effectKind = "usage.write"

    func apply(_ plan: BillingPlan) async throws -> Report {
        var report = Report()
        for line in plan.lines {
            // A line that holds its target already may do so because an earlier attempt of this
            // message wrote it and was cut off before recording it: its unfinished effect row is
            // carried through (found by the re-read, audited once); any other such line is left.
            if !line.needsWrite {
                guard let effect = try await store.effect(key: key(line, period: plan.window.label)), effect.status != .completed
                else { continue }
            }
            switch try await write(line, period: plan.window.label) {
            case .performed(let reference) where reference == Self.unchanged: report.skipped += 1
            case .performed: report.written += 1
            case .found: report.found += 1
            case .completedBefore: report.skipped += 1
            }
        }
        return report
    }

    /// The reference of a write the re-read found unnecessary.
    static let unchanged = "unchanged"

    /// The effect key of writing `line`'s target for `period` in this message.
    private func key(_ line: BillingLine, period: String) -> String {
        "usage:\(writer.kind.rawValue):\(line.lineID):\(period):\(line.target):msg:\(messageKey)"
    }

    private func write(_ line: BillingLine, period: String) async throws -> EffectRunner.Outcome {
        let psa = writer.kind
        let key = key(line, period: period)
        let target = "\(psa.rawValue):line:\(line.lineID)"
        let observed = Mutex<Decimal?>(nil)
        func holdsTarget(_ current: Decimal) throws -> Bool {
            try QuantityWrite.decide(psa: psa, target: line.target, current: current) == .unchanged
        }
        let outcome = try await runner.perform(
            key: key, kind: Self.effectKind, target: target,
            lookup: {
                let current = try await writer.currentQuantity(of: line, now: clock())
                return try holdsTarget(current) ? "found: the line holds \(current)" : nil
            },
            call: {
                if try await store.otherEffectInProgress(kind: Self.effectKind, target: target, excluding: key) {
                    throw HandlerFailure.transient("another usage write to line \(line.lineID) is in progress")
                }
                let current = try await writer.currentQuantity(of: line, now: clock())
                observed.withLock { $0 = current }
                guard try !holdsTarget(current) else { return Self.unchanged }
                return try await writer.write(line, current: current, now: clock())
            },
            audit: { reference, found in
                guard reference != Self.unchanged else { return nil }
                let before = observed.withLock { $0 } ?? line.current
                var after: [String: JSONValue] = [
                    "quantity": .string(line.target.description), "period": .string(period),
                    "usage": .string(line.usage.description), "product": .integer(line.productID),
                    "contract": .integer(line.contractID),
                ]
                if psa == .autotask, !found, let change = (line.target - before).exactInt {
                    after["unitChange"] = .integer(change)
                    after["adjustment"] = .string(reference)
                }
                if found { after["foundAfterLostOutcome"] = .bool(true) }
                return AuditEntry(
                    worker: worker, action: psa == .connectWise ? "addition.quantity" : "contract-service.adjustment",
                    targetSystem: psa.rawValue, targetId: String(line.lineID),
                    before: JSONValue.object(["quantity": .string(before.description)]).serialized(),
                    after: JSONValue.object(after).serialized(), reason: line.reason, messageId: messageID)
            })
        if outcome.reference != Self.unchanged {
            _ = try await store.recordUsageWritten(
                psa: psa, lineId: String(line.lineID), period: period, quantity: line.target,
                adjustmentEffectKey: psa == .autotask ? key : nil)
        }
        return outcome
    }
}
