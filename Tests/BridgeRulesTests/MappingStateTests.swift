import BridgeRules
import Testing

@Suite("MappingState: the manual mapping state machine (P5, P7)")
struct MappingStateTests {
    static let tenant = "7c9e6679-7425-40de-944b-e07fc1f90ae7"

    func mapping(_ status: MappingStatus, tenantName: String? = nil) -> MappingState {
        MappingState(companyID: "250", companyName: "Green Inc.", tenantName: tenantName, status: status)
    }

    @Test("P5: statuses are shown as the guides name them")
    func displayNames() {
        let statuses: [MappingStatus] = [
            .notMapped, .readyForMapping(.newTenant), .mapped(tenantID: "t"), .mappingFailed(reason: "boom", target: .newTenant),
            .companyMissing(tenantID: "t"), .tenantMissing(tenantID: "t"),
        ]
        #expect(statuses.map(\.displayName) == ["Not mapped", "Ready for mapping", "Mapped", "Mapping failed", "Company missing", "Tenant missing"])
        #expect(MappingStatus.mappingFailed(reason: "no primary contact", target: .newTenant).description == "Mapping failed: no primary contact")
    }

    @Test("P5: mapping to a new tenant queues it, and success maps it and sets its quotas")
    func mapToNew() throws {
        let queued = try mapping(.notMapped).applying(.mapToNewTenant)
        #expect(queued.mapping.status == .readyForMapping(.newTenant))
        #expect(queued.effects == [.provision(.newTenant)])
        #expect(!queued.changesQuotas)
        let mapped = try queued.mapping.applying(.provisioningSucceeded(tenantID: Self.tenant, tenantName: "Green Inc."))
        #expect(mapped.mapping.status == .mapped(tenantID: Self.tenant))
        #expect(mapped.mapping.tenantName == "Green Inc.")
        #expect(mapped.effects == [.applyQuotas(tenantID: Self.tenant)])
        #expect(mapped.changesQuotas)
    }

    @Test("P5: mapping to an existing tenant queues that tenant; success must name it")
    func mapToExisting() throws {
        let queued = try mapping(.notMapped).applying(.mapToExistingTenant(tenantID: Self.tenant))
        #expect(queued.mapping.status == .readyForMapping(.existingTenant(tenantID: Self.tenant)))
        #expect(queued.effects == [.provision(.existingTenant(tenantID: Self.tenant))])
        #expect(throws: MappingTransitionError.tenantMismatch(expected: Self.tenant, reported: "other")) {
            try queued.mapping.applying(.provisioningSucceeded(tenantID: "other", tenantName: "Other"))
        }
        #expect(try queued.mapping.applying(.provisioningSucceeded(tenantID: Self.tenant, tenantName: "G")).mapping.status == .mapped(tenantID: Self.tenant))
    }

    @Test("P5: a tenant mapped to another company cannot be mapped again (1:1)")
    func oneToOne() {
        #expect(throws: MappingTransitionError.tenantMappedToAnotherCompany(tenantID: Self.tenant)) {
            try mapping(.notMapped).applying(.mapToExistingTenant(tenantID: Self.tenant), tenantsMappedElsewhere: [Self.tenant])
        }
    }

    @Test("P5, P7: a failed attempt shows the reason, keeps the target, and is retried with the same target")
    func failure() throws {
        let queued = try mapping(.notMapped).applying(.mapToExistingTenant(tenantID: Self.tenant))
        let failed = try queued.mapping.applying(.provisioningFailed(reason: "the tenant is in self-service mode"))
        #expect(failed.mapping.status == .mappingFailed(reason: "the tenant is in self-service mode", target: .existingTenant(tenantID: Self.tenant)))
        #expect(failed.effects == [.recordFailure(reason: "the tenant is in self-service mode")])
        #expect(!failed.changesQuotas)
        let failedAgain = try failed.mapping.applying(.provisioningFailed(reason: "timeout"))
        #expect(failedAgain.mapping.status == .mappingFailed(reason: "timeout", target: .existingTenant(tenantID: Self.tenant)))
        let retried = try failed.mapping.applying(.provisioningSucceeded(tenantID: Self.tenant, tenantName: "G"))
        #expect(retried.mapping.status == .mapped(tenantID: Self.tenant))
    }

    @Test("P5: an operator can choose again while queued or failed", arguments: [
        MappingStatus.readyForMapping(.newTenant), .mappingFailed(reason: "x", target: .newTenant),
    ])
    func rechoose(status: MappingStatus) throws {
        let result = try mapping(status).applying(.mapToExistingTenant(tenantID: Self.tenant))
        #expect(result.mapping.status == .readyForMapping(.existingTenant(tenantID: Self.tenant)))
        #expect(try mapping(status).applying(.mapToNewTenant).mapping.status == .readyForMapping(.newTenant))
    }

    @Test("P5: a linked company cannot be mapped again before the mapping is removed", arguments: [
        MappingStatus.mapped(tenantID: "t1"), .companyMissing(tenantID: "t1"), .tenantMissing(tenantID: "t1"),
    ])
    func alreadyMapped(status: MappingStatus) {
        #expect(throws: MappingTransitionError.alreadyMapped(tenantID: "t1")) { try mapping(status).applying(.mapToNewTenant) }
        #expect(throws: MappingTransitionError.alreadyMapped(tenantID: "t1")) {
            try mapping(status).applying(.mapToExistingTenant(tenantID: "t2"))
        }
    }

    @Test("P5: removing a mapping forgets the link and changes no quota", arguments: [
        MappingStatus.mapped(tenantID: "t1"), .companyMissing(tenantID: "t1"), .tenantMissing(tenantID: "t1"),
    ])
    func unmapLinked(status: MappingStatus) throws {
        let result = try mapping(status, tenantName: "Green").applying(.unmap)
        #expect(result.mapping.status == .notMapped)
        #expect(result.mapping.tenantName == nil)
        #expect(result.effects == [.removeLink(tenantID: "t1")])
        #expect(!result.changesQuotas)
    }

    @Test("P5: removing a queued or failed mapping cancels it; removing nothing is refused")
    func unmapUnlinked() throws {
        for status in [MappingStatus.readyForMapping(.newTenant), .mappingFailed(reason: "x", target: .newTenant)] {
            let result = try mapping(status).applying(.unmap)
            #expect(result.mapping.status == .notMapped && result.effects.isEmpty && !result.changesQuotas)
        }
        #expect(throws: MappingTransitionError.nothingToUnmap) { try mapping(.notMapped).applying(.unmap) }
    }

    @Test("P5: a provisioning result the mapping is not waiting for is refused")
    func unexpectedResults() throws {
        for status in [MappingStatus.notMapped, .companyMissing(tenantID: "t1"), .tenantMissing(tenantID: "t1")] {
            #expect(throws: MappingTransitionError.unexpectedProvisioningResult(status: status)) {
                try mapping(status).applying(.provisioningSucceeded(tenantID: "t1", tenantName: "T"))
            }
            #expect(throws: MappingTransitionError.unexpectedProvisioningResult(status: status)) {
                try mapping(status).applying(.provisioningFailed(reason: "x"))
            }
        }
        #expect(throws: MappingTransitionError.unexpectedProvisioningResult(status: .mapped(tenantID: "t1"))) {
            try mapping(.mapped(tenantID: "t1")).applying(.provisioningFailed(reason: "x"))
        }
    }

    @Test("P5: a replayed success for the linked tenant changes nothing; for another tenant it is refused")
    func replayedSuccess() throws {
        let linked = mapping(.mapped(tenantID: "t1"), tenantName: "T")
        let replay = try linked.applying(.provisioningSucceeded(tenantID: "t1", tenantName: "T"))
        #expect(replay.mapping == linked && replay.effects.isEmpty)
        #expect(throws: MappingTransitionError.tenantMismatch(expected: "t1", reported: "t2")) {
            try linked.applying(.provisioningSucceeded(tenantID: "t2", tenantName: "T2"))
        }
    }

    @Test("P5: a company or tenant that disappears shows Company missing / Tenant missing and pauses sync")
    func disappearance() throws {
        let linked = mapping(.mapped(tenantID: "t1"))
        let companyGone = try linked.applying(.companyDisappeared)
        #expect(companyGone.mapping.status == .companyMissing(tenantID: "t1"))
        #expect(companyGone.effects == [.pauseSync(tenantID: "t1")])
        let tenantGone = try linked.applying(.tenantDisappeared)
        #expect(tenantGone.mapping.status == .tenantMissing(tenantID: "t1"))
        #expect(tenantGone.effects == [.pauseSync(tenantID: "t1")])
        #expect(!companyGone.changesQuotas && !tenantGone.changesQuotas)
    }

    @Test("P5: a side that reappears restores Mapped and sets quotas again")
    func reappearance() throws {
        let company = try mapping(.companyMissing(tenantID: "t1")).applying(.companyReappeared)
        #expect(company.mapping.status == .mapped(tenantID: "t1") && company.effects == [.applyQuotas(tenantID: "t1")])
        let tenant = try mapping(.tenantMissing(tenantID: "t1")).applying(.tenantReappeared)
        #expect(tenant.mapping.status == .mapped(tenantID: "t1") && tenant.effects == [.applyQuotas(tenantID: "t1")])
    }

    @Test("P5: both sides missing converge: the first missing side is kept until it is back")
    func bothMissing() throws {
        let companyMissing = mapping(.companyMissing(tenantID: "t1"))
        #expect(try companyMissing.applying(.tenantDisappeared).mapping == companyMissing)
        let back = try companyMissing.applying(.companyReappeared).mapping
        #expect(try back.applying(.tenantDisappeared).mapping.status == .tenantMissing(tenantID: "t1"))
        let tenantMissing = mapping(.tenantMissing(tenantID: "t1"))
        #expect(try tenantMissing.applying(.companyDisappeared).mapping == tenantMissing)
    }

    @Test("P5: observations that do not apply leave the mapping as it is")
    func idleObservations() throws {
        let cases: [(MappingStatus, MappingEvent)] = [
            (.notMapped, .companyDisappeared), (.notMapped, .tenantDisappeared), (.notMapped, .companyReappeared),
            (.mapped(tenantID: "t1"), .companyReappeared), (.mapped(tenantID: "t1"), .tenantReappeared),
            (.readyForMapping(.newTenant), .tenantDisappeared), (.companyMissing(tenantID: "t1"), .tenantReappeared),
            (.mappingFailed(reason: "x", target: .existingTenant(tenantID: "t1")), .tenantDisappeared),
        ]
        for (status, event) in cases {
            let result = try mapping(status).applying(event)
            #expect(result.mapping == mapping(status) && result.effects.isEmpty, "\(status) + \(event)")
        }
    }

    @Test("P5: a queued or failed company that disappears is no longer mapped")
    func queuedCompanyGone() throws {
        for status in [MappingStatus.readyForMapping(.newTenant), .mappingFailed(reason: "x", target: .newTenant)] {
            #expect(try mapping(status).applying(.companyDisappeared).mapping.status == .notMapped)
        }
    }

    @Test("P5: a chosen existing tenant that disappears before mapping fails the mapping")
    func chosenTenantGone() throws {
        let result = try mapping(.readyForMapping(.existingTenant(tenantID: "t1"))).applying(.tenantDisappeared)
        #expect(result.mapping.status == .mappingFailed(reason: "the chosen tenant no longer exists", target: .existingTenant(tenantID: "t1")))
        #expect(result.effects == [.recordFailure(reason: "the chosen tenant no longer exists")])
    }

    @Test("P5: a rename on either side changes the shown name and nothing else", arguments: [
        MappingStatus.notMapped, .readyForMapping(.newTenant), .mapped(tenantID: "t1"), .mappingFailed(reason: "x", target: .newTenant),
        .companyMissing(tenantID: "t1"), .tenantMissing(tenantID: "t1"),
    ])
    func renames(status: MappingStatus) throws {
        let before = mapping(status, tenantName: status.tenantID == nil ? nil : "Old tenant")
        let company = try before.applying(.companyRenamed("Green Incorporated"))
        #expect(company.mapping.companyName == "Green Incorporated")
        #expect(company.mapping.status == status && company.mapping.companyID == "250" && company.effects.isEmpty)
        let tenant = try before.applying(.tenantRenamed("New tenant"))
        #expect(tenant.mapping.status == status && tenant.effects.isEmpty && !tenant.changesQuotas)
        #expect(tenant.mapping.tenantName == (status.tenantID == nil ? nil : "New tenant"))
    }

    @Test("P5: errors explain themselves")
    func errorText() {
        #expect(MappingTransitionError.alreadyMapped(tenantID: "t1").description.contains("remove the mapping first"))
        #expect(MappingTransitionError.nothingToUnmap.description == "the company is not mapped")
        #expect(MappingTransitionError.unexpectedProvisioningResult(status: .notMapped).description.contains("Not mapped"))
    }
}
