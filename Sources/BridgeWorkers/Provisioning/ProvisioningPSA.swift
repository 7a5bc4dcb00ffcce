import BridgeCore
import BridgeRules
import BridgeValues
import Foundation

/// The PSA as the provisioner sees it (SPEC P1, P2, P4): companies with their types and status,
/// their active agreement additions (ConnectWise) or contract services (Autotask) as
/// ``ContractLine``s, primary contacts, and the products the settings name. One protocol, a
/// ConnectWise implementation (``ConnectWiseProvisioning``) and an Autotask one
/// (``AutotaskProvisioning``). Everything it does is a read, except ``prepare()``.
public protocol ProvisioningPSA: Sendable {
    /// Which PSA this is.
    var kind: PSAKind { get }

    /// Every company that is not deleted, with its type names and whether its status is active
    /// (P1), handed to `body` a page at a time as the PSA lists them. A failing page ends the
    /// listing with its error: only a call that returns has listed every company.
    func forEachCompanyPage(_ body: ([CompanyFacts]) async throws -> Void) async throws

    /// One company, or nil when the PSA no longer has it.
    func company(id: String) async throws -> CompanyFacts?

    /// The lines of the companies' agreements or contracts that may be active at `now`, by
    /// company id; all companies when `companyIDs` is nil. PAYG or prepaid from `marker` (P2).
    /// `now` is the job's clock: Autotask units are those of the period containing it.
    func lines(companyIDs: Set<String>?, marker: PAYGMarker, now: Date) async throws -> [String: [ContractLine]]

    /// The company's primary contact (P4), or nil when it has none.
    func primaryContact(companyID: String) async throws -> ContactFacts?

    /// The PSA ids of products named in the settings (ConnectWise catalog identifier, Autotask
    /// service name; an id is checked to exist). References the PSA does not have are left out.
    func productIDs(_ references: [PSAReference]) async throws -> [PSAReference: Int]

    /// Prepares the PSA for the job: Autotask gets the contract user-defined field that marks
    /// PAYG contracts when it is missing (P2). Idempotent.
    func prepare(marker: PAYGMarker) async throws
}

extension ProvisioningPSA {
    /// Every company that is not deleted (``forEachCompanyPage(_:)``), kept.
    public func companies() async throws -> [CompanyFacts] {
        var all: [CompanyFacts] = []
        try await forEachCompanyPage { all += $0 }
        return all
    }
}
