import Testing

@testable import BridgeCore

@Suite("Retry policy and dead-lettering (S3)")
struct RetryPolicyTests {
    let policy = RetryPolicy()

    @Test("S3: defaults are 5 attempts over tiers 5s, 30s, 2m, 10m, 30m")
    func defaults() {
        #expect(policy.maxAttempts == 5)
        #expect(policy.tiers.map(\.name) == ["5s", "30s", "2m", "10m", "30m"])
        #expect(policy.tiers.map(\.milliseconds) == [5_000, 30_000, 120_000, 600_000, 1_800_000])
        #expect(RetrySettings().policy == policy)
    }

    @Test("S3: transient failures retry with growing delay, then dead-letter after maxAttempts")
    func growingDelays() {
        var delays: [String] = []
        var attempt = 1
        while case .retry(let tier, let next) = policy.decision(attempt: attempt, failure: .transient("HTTP 503")) {
            delays.append(tier.name)
            #expect(next == attempt + 1)
            attempt = next
        }
        #expect(delays == ["5s", "30s", "2m", "10m"])
        #expect(attempt == 5)
        #expect(
            policy.decision(attempt: 5, failure: .transient("HTTP 503"))
                == .deadLetter(.attemptsExhausted(attempts: 5, lastError: "HTTP 503")))
    }

    @Test("S3: more attempts than tiers stay on the longest tier")
    func longestTierRepeats() {
        let patient = RetryPolicy(maxAttempts: 8)
        #expect(patient.decision(attempt: 5, failure: .transient("x")) == .retry(tier: RetryTier(.seconds(1800)), nextAttempt: 6))
        #expect(patient.decision(attempt: 7, failure: .transient("x")) == .retry(tier: RetryTier(.seconds(1800)), nextAttempt: 8))
        #expect(patient.decision(attempt: 8, failure: .transient("x")) == .deadLetter(.attemptsExhausted(attempts: 8, lastError: "x")))
    }

    @Test(
        "S3: Retry-After picks the smallest tier at least that long, never a shorter one than the growth gives",
        arguments: [
            (1, 3.0, "5s"), (1, 5.0, "5s"), (1, 6.0, "30s"), (1, 45.0, "2m"), (1, 120.0, "2m"), (1, 121.0, "10m"),
            (3, 10.0, "2m"), (1, 7200.0, "30m"),
        ])
    func retryAfter(attempt: Int, seconds: Double, expected: String) {
        guard case .retry(let tier, _) = policy.decision(
            attempt: attempt, failure: .transient("HTTP 429"), retryAfter: .milliseconds(Int64(seconds * 1000)))
        else {
            Issue.record("expected a retry")
            return
        }
        #expect(tier.name == expected)
    }

    @Test("S3, S5: malformed messages and permanent failures are dead-lettered at once")
    func immediateDeadLetter() {
        #expect(policy.decision(attempt: 1, failure: .malformed("unknown type")) == .deadLetter(.malformed("unknown type")))
        #expect(policy.decision(attempt: 1, failure: .permanent("HTTP 400")) == .deadLetter(.permanent("HTTP 400")))
        #expect(DeadLetterReason.malformed("x").code == "malformed")
        #expect(DeadLetterReason.attemptsExhausted(attempts: 5, lastError: "HTTP 503").description == "gave up after 5 attempts: HTTP 503")
    }

    @Test("maxAttempts 1 means no retry; attempt numbers below 1 count as the first")
    func edges() {
        let once = RetryPolicy(maxAttempts: 1)
        #expect(once.decision(attempt: 1, failure: .transient("x")) == .deadLetter(.attemptsExhausted(attempts: 1, lastError: "x")))
        #expect(policy.decision(attempt: 0, failure: .transient("x")) == .retry(tier: RetryTier(.seconds(5)), nextAttempt: 2))
    }

    @Test("S3: tier names are short and exact")
    func tierNames() {
        #expect(RetryTier(.seconds(120)).name == "2m")
        #expect(RetryTier(.seconds(3600)).name == "1h")
        #expect(RetryTier(.seconds(90)).name == "90s")
        #expect(RetryTier(.milliseconds(1500)).name == "1500ms")
        let custom = RetryPolicy(tiers: [RetryTier(.seconds(60)), RetryTier(.seconds(1))])
        #expect(custom.tiers.map(\.name) == ["1s", "1m"])
    }
}
