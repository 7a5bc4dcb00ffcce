/// Per-company results of a batch where a failure for one company never stops the others (P7).
///
/// ``collect(_:companyID:_:)`` runs the work for each item in order, turning a thrown error into
/// that company's ``CompanyFailure`` and going on with the next. The async variant stops early
/// only for cancellation (shutdown, S4): it then throws `CancellationError` instead of recording
/// the remaining companies as failed.
public struct BatchOutcome<Value: Sendable>: Sendable {
    /// One result per item, in input order.
    public var results: [CompanyResult<Value>]

    /// A `BatchOutcome` from its parts.
    public init(results: [CompanyResult<Value>]) {
        self.results = results
    }

    /// The values of the companies that succeeded, in input order.
    public var values: [Value] {
        results.compactMap { try? $0.result.get() }
    }

    /// The failures, in input order.
    public var failures: [CompanyFailure] {
        results.compactMap { if case .failure(let failure) = $0.result { failure } else { nil } }
    }

    /// The counts.
    public var summary: BatchSummary {
        let failed = failures.count
        return BatchSummary(total: results.count, succeeded: results.count - failed, failed: failed)
    }

    /// Runs `body` for every item, recording failures per company.
    public static func collect<Item>(
        _ items: [Item], companyID: (Item) -> String, _ body: (Item) throws -> Value
    ) -> BatchOutcome {
        BatchOutcome(results: items.map { item in
            let id = companyID(item)
            do {
                return CompanyResult(companyID: id, result: .success(try body(item)))
            } catch {
                return CompanyResult(companyID: id, result: .failure(CompanyFailure(companyID: id, reason: String(describing: error))))
            }
        })
    }

    /// Runs `body` for every item in turn, recording failures per company. It runs on the
    /// caller's actor (`isolation`), so `body` may touch that actor's state.
    /// - Throws: `CancellationError` when the task is cancelled, before an item or from `body`.
    public static func collect<Item: Sendable>(
        _ items: [Item], companyID: (Item) -> String, isolation: isolated (any Actor)? = #isolation,
        _ body: (Item) async throws -> Value
    ) async throws(CancellationError) -> BatchOutcome {
        var results: [CompanyResult<Value>] = []
        results.reserveCapacity(items.count)
        for item in items {
            if Task.isCancelled { throw CancellationError() }
            let id = companyID(item)
            do {
                results.append(CompanyResult(companyID: id, result: .success(try await body(item))))
            } catch is CancellationError {
                throw CancellationError()
            } catch {
                results.append(CompanyResult(companyID: id, result: .failure(CompanyFailure(companyID: id, reason: String(describing: error)))))
            }
        }
        return BatchOutcome(results: results)
    }
}

extension BatchOutcome: Equatable where Value: Equatable {}
extension BatchOutcome: Hashable where Value: Hashable {}
