import APIClients
import BridgeState
import Testing

@testable import BridgeWorkers

/// Which failures a company-by-company job keeps on the company's mapping (SPEC P7) and which it
/// passes on for the pipeline to retry.
@Suite struct HandlerFailureClassificationTests {
    @Test("P7: an API's refusal, a refused plan or a row the state refuses for this company stays on the company")
    func companyFailuresStay() {
        #expect(HandlerFailure.staysOnCompany(HandlerFailure.permanent("400: quota out of range")))
        #expect(HandlerFailure.staysOnCompany(StateStoreError.tenantAlreadyMapped(tenantId: "t", psa: .autotask, companyId: "1")))
        #expect(HandlerFailure.staysOnCompany(StateStoreError.mappingNotFound(psa: .connectWise, companyId: "2")))
        struct RuleRefusal: Error {}
        #expect(HandlerFailure.staysOnCompany(RuleRefusal()))
    }

    @Test(
        "P7: a transient or configuration failure, the state database failing or a cancellation is passed on, so the message is retried instead of left for a tick that may not come"
    )
    func infrastructureFailuresPassOn() {
        #expect(!HandlerFailure.staysOnCompany(HandlerFailure.transient("503")))
        #expect(!HandlerFailure.staysOnCompany(HandlerFailure.configuration("secret missing")))
        #expect(!HandlerFailure.staysOnCompany(StateStoreError.database(reason: "PostgreSQL 55P03: canceling statement due to lock timeout")))
        #expect(!HandlerFailure.staysOnCompany(StateStoreError.database(reason: "PostgreSQL 40001: could not serialize access")))
        #expect(!HandlerFailure.staysOnCompany(StateStoreError.cannotOpen(path: "/x", reason: "gone")))
        #expect(!HandlerFailure.staysOnCompany(CancellationError()))
        // What classify makes of a state error is the error itself: still passed on.
        #expect(!HandlerFailure.staysOnCompany(HandlerFailure.classify(StateStoreError.database(reason: "lost connection"))))
    }
}
