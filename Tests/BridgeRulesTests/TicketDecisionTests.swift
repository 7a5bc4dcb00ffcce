import BridgeRules
import Foundation
import Testing

@Suite("TicketDecision: create, note, re-open, new ticket, close (T1, T2, T3)")
struct TicketDecisionTests {
    static let now = Date(timeIntervalSince1970: 1_714_557_600)  // 2024-05-01T10:00:00Z
    static let closeStatus = 5

    /// Every combination of the two ticket settings.
    static func allPolicies() throws -> [TicketPolicy] {
        let thresholds: [DayThreshold] = [.off, try after(0), try after(1), try after(7)]
        let autoCloses: [AutoClosePolicy] = [.off, .close(statusID: closeStatus)]
        return thresholds.flatMap { threshold in autoCloses.map { TicketPolicy(newTicketAfter: threshold, autoClose: $0) } }
    }

    func closed(daysAgo: Double, plusSeconds: TimeInterval = 0) -> TicketLinkState {
        .closed(ticketID: 41, closedAt: Self.now.addingTimeInterval(-(daysAgo * secondsPerDay) - plusSeconds))
    }

    @Test("T1: a new alert with no ticket creates one, whatever the settings")
    func openWithoutTicket() throws {
        for policy in try Self.allPolicies() {
            #expect(TicketDecision.decide(trigger: .open, link: .none, policy: policy, now: Self.now) == .create)
        }
    }

    @Test("T2: the same alert while its ticket is open adds a note, whatever the settings")
    func openWhileOpen() throws {
        for policy in try Self.allPolicies() {
            #expect(
                TicketDecision.decide(trigger: .open, link: .open(ticketID: 41), policy: policy, now: Self.now)
                    == .addNote(ticketID: 41))
        }
    }

    @Test("T2: with new-ticket-after off, a closed ticket is re-opened on every occurrence", arguments: [0.0, 0.5, 1, 30, 3650])
    func reopenWhenSettingOff(daysAgo: Double) {
        let policy = TicketPolicy(newTicketAfter: .off, autoClose: .off)
        #expect(
            TicketDecision.decide(trigger: .open, link: closed(daysAgo: daysAgo), policy: policy, now: Self.now)
                == .reopenWithNote(ticketID: 41))
    }

    @Test("T2: closed less than N days ago (one second short) re-opens with a note", arguments: [1, 2, 7, 30])
    func closedLessThanNDays(n: Int) throws {
        let policy = TicketPolicy(newTicketAfter: try after(n), autoClose: .off)
        let link = closed(daysAgo: Double(n), plusSeconds: -1)
        #expect(TicketDecision.decide(trigger: .open, link: link, policy: policy, now: Self.now) == .reopenWithNote(ticketID: 41))
    }

    @Test("T2: closed exactly N days ago opens a new ticket", arguments: [1, 2, 7, 30])
    func closedExactlyNDays(n: Int) throws {
        let policy = TicketPolicy(newTicketAfter: try after(n), autoClose: .off)
        #expect(
            TicketDecision.decide(trigger: .open, link: closed(daysAgo: Double(n)), policy: policy, now: Self.now)
                == .createNew(replacingTicketID: 41))
    }

    @Test("T2: closed more than N days ago opens a new ticket", arguments: [1, 2, 7, 30])
    func closedMoreThanNDays(n: Int) throws {
        let policy = TicketPolicy(newTicketAfter: try after(n), autoClose: .close(statusID: Self.closeStatus))
        for link in [closed(daysAgo: Double(n), plusSeconds: 1), closed(daysAgo: Double(n) * 10)] {
            #expect(TicketDecision.decide(trigger: .open, link: link, policy: policy, now: Self.now) == .createNew(replacingTicketID: 41))
        }
    }

    @Test("T2: N = 1 boundary at 24 h to the second, across a daylight-saving weekend (instants are UTC)")
    func oneDayBoundaryAcrossDST() throws {
        let policy = TicketPolicy(newTicketAfter: try after(1), autoClose: .off)
        let link = TicketLinkState.closed(ticketID: 7, closedAt: try utc("2024-03-30T12:00:00Z"))
        #expect(TicketDecision.decide(trigger: .open, link: link, policy: policy, now: try utc("2024-03-31T11:59:59Z")) == .reopenWithNote(ticketID: 7))
        #expect(TicketDecision.decide(trigger: .open, link: link, policy: policy, now: try utc("2024-03-31T12:00:00Z")) == .createNew(replacingTicketID: 7))
    }

    @Test("T2: N = 0 opens a new ticket for any occurrence after a close")
    func zeroDays() throws {
        let policy = TicketPolicy(newTicketAfter: try after(0), autoClose: .off)
        #expect(TicketDecision.decide(trigger: .open, link: closed(daysAgo: 0), policy: policy, now: Self.now) == .createNew(replacingTicketID: 41))
    }

    @Test("T2: a closedAt after now (clocks apart) counts as closed less than N days ago")
    func closedInTheFuture() throws {
        let policy = TicketPolicy(newTicketAfter: try after(0), autoClose: .off)
        let link = TicketLinkState.closed(ticketID: 41, closedAt: Self.now.addingTimeInterval(60))
        #expect(TicketDecision.decide(trigger: .open, link: link, policy: policy, now: Self.now) == .reopenWithNote(ticketID: 41))
    }

    @Test("T3: with auto-close on, a resolved alert closes its ticket with the configured status and a note")
    func resolveAutoCloseOn() throws {
        for threshold in [DayThreshold.off, try after(1)] {
            let policy = TicketPolicy(newTicketAfter: threshold, autoClose: .close(statusID: 17))
            #expect(
                TicketDecision.decide(trigger: .resolve, link: .open(ticketID: 41), policy: policy, now: Self.now)
                    == .closeWithNote(ticketID: 41, statusID: 17))
        }
    }

    @Test("T3: with auto-close off, a resolved alert adds a note only")
    func resolveAutoCloseOff() throws {
        for threshold in [DayThreshold.off, try after(1)] {
            let policy = TicketPolicy(newTicketAfter: threshold, autoClose: .off)
            #expect(TicketDecision.decide(trigger: .resolve, link: .open(ticketID: 41), policy: policy, now: Self.now) == .noteOnly(ticketID: 41))
        }
    }

    @Test("T3: a resolve with no ticket does nothing, whatever the settings")
    func resolveWithoutTicket() throws {
        for policy in try Self.allPolicies() {
            #expect(TicketDecision.decide(trigger: .resolve, link: .none, policy: policy, now: Self.now) == .nothing(.noTicketToResolve))
        }
    }

    @Test("T3: a resolve for an already closed ticket does nothing, whatever the settings")
    func resolveWhenClosed() throws {
        for policy in try Self.allPolicies() {
            for link in [closed(daysAgo: 0), closed(daysAgo: 400)] {
                #expect(TicketDecision.decide(trigger: .resolve, link: link, policy: policy, now: Self.now) == .nothing(.ticketAlreadyClosed))
            }
        }
    }

    @Test("T1, T2, T3: every decision writes to the linked ticket or creates one, never to another ticket")
    func decisionsTargetTheLinkedTicket() throws {
        let links: [TicketLinkState] = [.none, .open(ticketID: 3), closed(daysAgo: 0.25), closed(daysAgo: 9)]
        for policy in try Self.allPolicies() {
            for link in links {
                for trigger in TicketTrigger.allCases {
                    let decision = TicketDecision.decide(trigger: trigger, link: link, policy: policy, now: Self.now)
                    if let target = decision.targetTicketID { #expect(target == link.ticketID) }
                    switch decision {
                    case .create:
                        #expect(trigger == .open && link == .none && decision.createsTicket)
                    case .createNew(let replaced):
                        #expect(trigger == .open && replaced == link.ticketID && decision.createsTicket)
                    case .closeWithNote, .noteOnly, .nothing:
                        #expect(trigger == .resolve && !decision.createsTicket)
                    case .addNote, .reopenWithNote:
                        #expect(trigger == .open && !decision.createsTicket)
                    }
                }
            }
        }
    }
}

@Suite("TicketLinkState after a decision (T1, T2, T3)")
struct TicketLinkTests {
    @Test("T1: a created ticket becomes the open link; without its id the link refuses")
    func created() throws {
        #expect(TicketLinkState.none.ticketID == nil)
        let now = try utc("2024-05-01T10:00:00Z")
        #expect(try TicketLinkState.none.applying(.create, createdTicketID: 9, at: now) == .open(ticketID: 9))
        #expect(throws: RulesInputError.missingCreatedTicketID) { try TicketLinkState.none.applying(.create, at: now) }
    }

    @Test("T2, T3: notes, re-opens and closes update the link as the PSA will show it")
    func updates() throws {
        let now = try utc("2024-05-01T10:00:00Z")
        let closed = TicketLinkState.closed(ticketID: 4, closedAt: try utc("2024-04-01T00:00:00Z"))
        #expect(try TicketLinkState.open(ticketID: 4).applying(.addNote(ticketID: 4), at: now) == .open(ticketID: 4))
        #expect(try closed.applying(.reopenWithNote(ticketID: 4), at: now) == .open(ticketID: 4))
        #expect(try closed.applying(.createNew(replacingTicketID: 4), createdTicketID: 5, at: now) == .open(ticketID: 5))
        #expect(try TicketLinkState.open(ticketID: 4).applying(.closeWithNote(ticketID: 4, statusID: 5), at: now) == .closed(ticketID: 4, closedAt: now))
        #expect(try TicketLinkState.open(ticketID: 4).applying(.noteOnly(ticketID: 4), at: now) == .open(ticketID: 4))
        #expect(try closed.applying(.nothing(.ticketAlreadyClosed), at: now) == closed)
        #expect(try TicketLinkState.none.applying(.nothing(.noTicketToResolve), at: now) == TicketLinkState.none)
    }

    @Test("T1, T2, T3: a key's life: create, note, auto-close, re-open, close, new ticket after N days")
    func lifecycle() throws {
        let policy = TicketPolicy(newTicketAfter: try after(2), autoClose: .close(statusID: 5))
        var link = TicketLinkState.none
        var nextID = 100
        func run(_ trigger: TicketTrigger, at time: String) throws -> TicketDecision {
            let now = try utc(time)
            let decision = TicketDecision.decide(trigger: trigger, link: link, policy: policy, now: now)
            let created: Int? = decision.createsTicket ? nextID : nil
            if decision.createsTicket { nextID += 1 }
            link = try link.applying(decision, createdTicketID: created, at: now)
            return decision
        }
        #expect(try run(.open, at: "2024-05-01T10:00:00Z") == .create)
        #expect(try run(.open, at: "2024-05-01T11:00:00Z") == .addNote(ticketID: 100))
        #expect(try run(.resolve, at: "2024-05-01T12:00:00Z") == .closeWithNote(ticketID: 100, statusID: 5))
        #expect(try run(.resolve, at: "2024-05-01T12:05:00Z") == .nothing(.ticketAlreadyClosed))
        #expect(try run(.open, at: "2024-05-03T11:59:59Z") == .reopenWithNote(ticketID: 100))
        #expect(try run(.resolve, at: "2024-05-03T12:00:00Z") == .closeWithNote(ticketID: 100, statusID: 5))
        #expect(try run(.open, at: "2024-05-05T12:00:00Z") == .createNew(replacingTicketID: 100))
        #expect(link == .open(ticketID: 101))
    }
}
