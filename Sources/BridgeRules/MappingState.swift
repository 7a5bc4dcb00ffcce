/// A PSA company's mapping to a cloud tenant (P5): by ids, with names for display only.
///
/// ``applying(_:tenantsMappedElsewhere:)`` is the state machine. Operator commands that do not
/// fit the status throw; observations from ticks (disappeared, reappeared, provisioning replays)
/// that do not apply leave the mapping as it is, because ticks repeat them.
///
/// | status | event | next status | effects |
/// |---|---|---|---|
/// | Not mapped, Mapping failed, Ready | map to new / existing tenant | Ready for mapping | provision |
/// | Mapped, Company missing, Tenant missing | map to ... | error: already mapped | |
/// | Ready, Mapping failed | provisioning succeeded | Mapped | apply quotas |
/// | Ready, Mapping failed | provisioning failed | Mapping failed (reason) | record failure |
/// | Mapped, Company missing, Tenant missing | unmap | Not mapped | remove link (no quota change) |
/// | Ready, Mapping failed | unmap | Not mapped | |
/// | Not mapped | unmap | error: nothing to unmap | |
/// | Mapped | company / tenant disappeared | Company / Tenant missing | pause sync |
/// | Company missing / Tenant missing | company / tenant reappeared | Mapped | apply quotas |
/// | Ready, Mapping failed | company disappeared | Not mapped | |
/// | Ready (existing tenant) | tenant disappeared | Mapping failed | record failure |
/// | any | rename | same | none: only the shown name changes |
///
/// Both sides missing at once converge: a missing status keeps the first side found missing,
/// and once it is back the next tick reports the other side.
public struct MappingState: Sendable, Hashable {
    /// The PSA company id; the mapping is by id.
    public var companyID: String
    /// The company's name, for display only.
    public var companyName: String
    /// The tenant's name when linked, for display.
    public var tenantName: String?
    /// The mapping status.
    public var status: MappingStatus

    /// A `MappingState` from its parts.
    public init(companyID: String, companyName: String, tenantName: String? = nil, status: MappingStatus = .notMapped) {
        self.companyID = companyID
        self.companyName = companyName
        self.tenantName = tenantName
        self.status = status
    }

    /// The mapping after `event`.
    /// - Parameter tenantsMappedElsewhere: the tenants other companies are linked or queued to,
    ///   checked when mapping to an existing tenant (1:1).
    /// - Throws: ``MappingTransitionError`` when an operator command or a provisioning result
    ///   does not fit the status.
    public func applying(
        _ event: MappingEvent, tenantsMappedElsewhere: Set<String> = []
    ) throws(MappingTransitionError) -> MappingTransition {
        var next = self
        switch (event, status) {
        // Operator: map.
        case (.mapToNewTenant, .notMapped), (.mapToNewTenant, .mappingFailed), (.mapToNewTenant, .readyForMapping):
            next.status = .readyForMapping(.newTenant)
            return MappingTransition(mapping: next, effects: [.provision(.newTenant)])
        case (.mapToExistingTenant(let tenantID), .notMapped),
            (.mapToExistingTenant(let tenantID), .mappingFailed),
            (.mapToExistingTenant(let tenantID), .readyForMapping):
            guard !tenantsMappedElsewhere.contains(tenantID) else {
                throw .tenantMappedToAnotherCompany(tenantID: tenantID)
            }
            let target = MappingTarget.existingTenant(tenantID: tenantID)
            next.status = .readyForMapping(target)
            return MappingTransition(mapping: next, effects: [.provision(target)])
        case (.mapToNewTenant, .mapped(let tenantID)), (.mapToNewTenant, .companyMissing(let tenantID)),
            (.mapToNewTenant, .tenantMissing(let tenantID)),
            (.mapToExistingTenant, .mapped(let tenantID)), (.mapToExistingTenant, .companyMissing(let tenantID)),
            (.mapToExistingTenant, .tenantMissing(let tenantID)):
            throw .alreadyMapped(tenantID: tenantID)

        // Operator: unmap.
        case (.unmap, .notMapped):
            throw .nothingToUnmap
        case (.unmap, .readyForMapping), (.unmap, .mappingFailed):
            next.status = .notMapped
            next.tenantName = nil
            return MappingTransition(mapping: next, effects: [])
        case (.unmap, .mapped(let tenantID)), (.unmap, .companyMissing(let tenantID)), (.unmap, .tenantMissing(let tenantID)):
            next.status = .notMapped
            next.tenantName = nil
            return MappingTransition(mapping: next, effects: [.removeLink(tenantID: tenantID)])

        // Provisioner results.
        case (.provisioningSucceeded(let tenantID, let tenantName), .readyForMapping(let target)),
            (.provisioningSucceeded(let tenantID, let tenantName), .mappingFailed(_, let target)):
            if case .existingTenant(let expected) = target, expected != tenantID {
                throw .tenantMismatch(expected: expected, reported: tenantID)
            }
            next.status = .mapped(tenantID: tenantID)
            next.tenantName = tenantName
            return MappingTransition(mapping: next, effects: [.applyQuotas(tenantID: tenantID)])
        case (.provisioningSucceeded(let tenantID, _), .mapped(let linked)):
            guard tenantID == linked else { throw .tenantMismatch(expected: linked, reported: tenantID) }
            return MappingTransition(mapping: self, effects: [])
        case (.provisioningSucceeded, _):
            throw .unexpectedProvisioningResult(status: status)
        case (.provisioningFailed(let reason), .readyForMapping(let target)),
            (.provisioningFailed(let reason), .mappingFailed(_, let target)):
            next.status = .mappingFailed(reason: reason, target: target)
            return MappingTransition(mapping: next, effects: [.recordFailure(reason: reason)])
        case (.provisioningFailed, _):
            throw .unexpectedProvisioningResult(status: status)

        // Observations: disappearance.
        case (.companyDisappeared, .mapped(let tenantID)):
            next.status = .companyMissing(tenantID: tenantID)
            return MappingTransition(mapping: next, effects: [.pauseSync(tenantID: tenantID)])
        case (.tenantDisappeared, .mapped(let tenantID)):
            next.status = .tenantMissing(tenantID: tenantID)
            return MappingTransition(mapping: next, effects: [.pauseSync(tenantID: tenantID)])
        case (.companyDisappeared, .readyForMapping), (.companyDisappeared, .mappingFailed):
            next.status = .notMapped
            return MappingTransition(mapping: next, effects: [])
        case (.tenantDisappeared, .readyForMapping(let target)):
            guard case .existingTenant = target else { return MappingTransition(mapping: self, effects: []) }
            let reason = "the chosen tenant no longer exists"
            next.status = .mappingFailed(reason: reason, target: target)
            return MappingTransition(mapping: next, effects: [.recordFailure(reason: reason)])

        // Observations: reappearance.
        case (.companyReappeared, .companyMissing(let tenantID)), (.tenantReappeared, .tenantMissing(let tenantID)):
            next.status = .mapped(tenantID: tenantID)
            return MappingTransition(mapping: next, effects: [.applyQuotas(tenantID: tenantID)])

        case (.companyDisappeared, _), (.tenantDisappeared, _), (.companyReappeared, _), (.tenantReappeared, _):
            return MappingTransition(mapping: self, effects: [])

        // Renames change names only.
        case (.companyRenamed(let name), _):
            next.companyName = name
            return MappingTransition(mapping: next, effects: [])
        case (.tenantRenamed(let name), _):
            if status.tenantID != nil { next.tenantName = name }
            return MappingTransition(mapping: next, effects: [])
        }
    }
}
