import BridgeRules
import Testing

@Suite("AlertFilter: which alerts become ticket commands (T1, T5)")
struct AlertFilterTests {
    static let types = ["BackupFailed": true, "AgentOutdated": false]

    @Test("T1: an enabled alert type on a mapped tenant is published for its company", arguments: TicketTrigger.allCases)
    func published(trigger: TicketTrigger) {
        #expect(
            AlertFilter.route(trigger: trigger, alertType: "BackupFailed", mappedCompanyID: "250", alertTypes: Self.types, ticketsEnabled: true)
                == .publish(companyID: "250"))
    }

    @Test("T5: nothing is published while ticket creation is off", arguments: TicketTrigger.allCases)
    func featureOff(trigger: TicketTrigger) {
        for type in ["BackupFailed", "AgentOutdated", "Unknown"] {
            for company in ["250", nil] as [String?] {
                #expect(
                    AlertFilter.route(trigger: trigger, alertType: type, mappedCompanyID: company, alertTypes: Self.types, ticketsEnabled: false)
                        == .skip(.ticketsFeatureOff))
            }
        }
    }

    @Test("T5: alerts of unmapped tenants are skipped as unmapped, opens and resolves alike", arguments: TicketTrigger.allCases)
    func unmapped(trigger: TicketTrigger) {
        for type in ["BackupFailed", "AgentOutdated", "Unknown"] {
            #expect(
                AlertFilter.route(trigger: trigger, alertType: type, mappedCompanyID: nil, alertTypes: Self.types, ticketsEnabled: true)
                    == .skip(.unmappedTenant))
        }
    }

    @Test("T5: a disabled alert type creates nothing")
    func disabledType() {
        #expect(
            AlertFilter.route(trigger: .open, alertType: "AgentOutdated", mappedCompanyID: "250", alertTypes: Self.types, ticketsEnabled: true)
                == .skip(.disabledAlertType))
    }

    @Test("T5: an alert type without settings creates nothing; types are matched exactly")
    func unknownType() {
        for type in ["MachineOffline30", "backupfailed", ""] {
            #expect(
                AlertFilter.route(trigger: .open, alertType: type, mappedCompanyID: "250", alertTypes: Self.types, ticketsEnabled: true)
                    == .skip(.unknownAlertType))
        }
    }

    @Test("T5: a type the cloud lists but the settings do not enable is 'alert-type-not-enabled', apart from a type the cloud does not list")
    func notEnabledApartFromUnknown() {
        let cloud: Set<String> = ["MachineOffline30", "BackupFailed", "AgentOutdated"]
        #expect(
            AlertFilter.route(
                trigger: .open, alertType: "MachineOffline30", mappedCompanyID: "250", alertTypes: Self.types,
                ticketsEnabled: true, cloudAlertTypes: cloud) == .skip(.alertTypeNotEnabled))
        #expect(
            AlertFilter.route(
                trigger: .open, alertType: "VendorCustomCheck", mappedCompanyID: "250", alertTypes: Self.types,
                ticketsEnabled: true, cloudAlertTypes: cloud) == .skip(.unknownAlertType))
        // A type set to enabled: false stays "disabled", whatever the cloud lists.
        #expect(
            AlertFilter.route(
                trigger: .open, alertType: "AgentOutdated", mappedCompanyID: "250", alertTypes: Self.types,
                ticketsEnabled: true, cloudAlertTypes: cloud) == .skip(.disabledAlertType))
        // Matched exactly, like the settings.
        #expect(
            AlertFilter.route(
                trigger: .open, alertType: "machineoffline30", mappedCompanyID: "250", alertTypes: Self.types,
                ticketsEnabled: true, cloudAlertTypes: cloud) == .skip(.unknownAlertType))
    }

    @Test("T3, T5: a resolve passes for disabled and unknown types, so earlier tickets still close")
    func resolvePassesTypeChecks() {
        for type in ["AgentOutdated", "MachineOffline30"] {
            #expect(
                AlertFilter.route(trigger: .resolve, alertType: type, mappedCompanyID: "250", alertTypes: Self.types, ticketsEnabled: true)
                    == .publish(companyID: "250"))
        }
    }

    @Test("T5: skip reasons have stable counter labels")
    func labels() {
        #expect(AlertSkipReason.allCases.map(\.rawValue) == [
            "tickets-feature-off", "unmapped-tenant", "unknown-alert-type", "disabled-alert-type", "alert-type-not-enabled",
        ])
    }
}
