import BridgeRules
import Testing

@Suite("BatchOutcome: a failure for one company never stops the others (P7)")
struct BatchOutcomeTests {
    struct Boom: Error, CustomStringConvertible {
        var description: String { "PSA answered 500 for agreements" }
    }

    @Test("P7: every company is processed; failures are recorded with the reason")
    func synchronous() {
        let outcome = BatchOutcome<Int>.collect(["1", "2", "3", "4"], companyID: { $0 }) { id in
            if id == "2" { throw Boom() }
            return Int(id)! * 10
        }
        #expect(outcome.values == [10, 30, 40])
        #expect(outcome.failures == [CompanyFailure(companyID: "2", reason: "PSA answered 500 for agreements")])
        #expect(outcome.results.map(\.companyID) == ["1", "2", "3", "4"])
        #expect(outcome.summary == BatchSummary(total: 4, succeeded: 3, failed: 1))
        #expect(outcome.summary.description == "4 companies: 3 succeeded, 1 failed")
        #expect(outcome.failures[0].description == "company 2: PSA answered 500 for agreements")
    }

    @Test("P7: the async variant records failures and goes on")
    func asynchronous() async throws {
        let outcome = try await BatchOutcome<String>.collect(["a", "b", "c"], companyID: { $0 }) { id async throws in
            await Task.yield()
            if id == "a" { throw Boom() }
            return id.uppercased()
        }
        #expect(outcome.values == ["B", "C"])
        #expect(outcome.summary == BatchSummary(total: 3, succeeded: 2, failed: 1))
    }

    @Test("P7, S4: cancellation stops the batch instead of failing the remaining companies")
    func cancellation() async {
        let task = Task {
            try await BatchOutcome<Int>.collect([1, 2, 3], companyID: { String($0) }) { value async throws in
                if value == 2 { throw CancellationError() }
                return value
            }
        }
        let result = await task.result
        #expect(throws: CancellationError.self) { try result.get() }
    }

    actor Tally {
        var done: [String] = []
        func run(_ ids: [String]) async throws -> BatchOutcome<Int> {
            try await BatchOutcome<Int>.collect(ids, companyID: { $0 }) { id async throws in
                await Task.yield()
                done.append(id)
                guard let value = Int(id) else { throw Boom() }
                return value
            }
        }
    }

    @Test("P7: the async variant runs on the caller's actor and may use its state")
    func onActor() async throws {
        let tally = Tally()
        let outcome = try await tally.run(["1", "x", "3"])
        #expect(await tally.done == ["1", "x", "3"])
        #expect(outcome.values == [1, 3] && outcome.failures.map(\.companyID) == ["x"])
    }

    @Test("P7, S4: a batch started in a cancelled task does no work")
    func alreadyCancelled() async {
        let task = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return try await BatchOutcome<Int>.collect([1, 2], companyID: { String($0) }) { value async throws -> Int in
                Issue.record("no company should be processed after cancellation")
                return value
            }
        }
        let result = await task.result
        #expect(throws: CancellationError.self) { try result.get() }
    }

    @Test("P7: an empty batch")
    func empty() {
        let outcome = BatchOutcome<Int>.collect([String](), companyID: { $0 }) { _ in 1 }
        #expect(outcome.summary.description == "0 companies: 0 succeeded, 0 failed")
        #expect(BatchSummary(total: 1, succeeded: 1, failed: 0).description == "1 company: 1 succeeded, 0 failed")
    }
}
