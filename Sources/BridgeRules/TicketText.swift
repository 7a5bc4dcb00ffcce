import BridgeValues
import Foundation

/// The words on a ticket (T1) and its notes (T2, T3), within the PSA's limits.
///
/// Times are UTC in ISO 8601 (`2024-05-01T10:00:00Z`). Single-line values (names, titles) have
/// line breaks and control characters replaced by spaces and runs of spaces collapsed, so the
/// summary is one line. Cut text ends with an ellipsis and never splits a character
/// (see ``TextTruncation``).
public enum TicketText {
    /// The ticket summary (ConnectWise `summary`, Autotask `title`): "<resource>: <alert title>",
    /// or the alert title alone when the alert names no resource; the resource is its name, else
    /// its id; the alert title is the type id when the title is empty. Cut to `limits.summary`.
    public static func summary(for alert: AlertFacts, limits: TicketTextLimits) -> String {
        let title = alertTitle(alert)
        let name = singleLine(alert.resourceName ?? "")
        let resource = name.isEmpty ? singleLine(alert.resourceID ?? "") : name
        let text = resource.isEmpty ? title : "\(resource): \(title)"
        return TextTruncation.truncate(text, toUTF16Length: limits.summary)
    }

    /// The ticket description (ConnectWise `initialDescription`, Autotask `description`): the
    /// alert title, then one line each for severity, time (UTC), tenant, resource, plan, category,
    /// details, the agreement (ConnectWise) or contract (Autotask) when `billingReference` is
    /// given (T1: billing is mapped for the product), the previous ticket when this one replaces
    /// a closed one (T2), the alert type and the alert id. Lines without a value are left out.
    ///
    /// When the PSA limits the description (Autotask 8000), the details line is cut first so the
    /// references stay whole; only if the other lines alone are too long is the whole text cut.
    public static func description(
        for alert: AlertFacts, psa: PSAKind, billingReference: String? = nil,
        previousTicketID: Int? = nil
    ) -> String {
        var head = [alertTitle(alert)]
        head.append("Severity: \(singleLine(alert.severity))")
        head.append("Occurred (UTC): \(timestamp(alert.occurredAt))")
        head.append("Tenant: \(labelled(alert.tenantName, id: alert.tenantID))")
        if let resource = optionalLabelled(alert.resourceName, id: alert.resourceID) {
            head.append("Resource: \(resource)")
        }
        if let plan = nonEmpty(alert.planName) { head.append("Plan: \(singleLine(plan))") }
        if let category = nonEmpty(alert.category) { head.append("Category: \(singleLine(category))") }

        var tail: [String] = []
        if let reference = nonEmpty(billingReference) {
            let label = psa == .connectWise ? "Agreement" : "Contract"
            tail.append("\(label): \(singleLine(reference))")
        }
        if let previousTicketID {
            tail.append("Previous ticket: #\(previousTicketID) (closed)")
        }
        tail.append("Alert type: \(singleLine(alert.alertType))")
        tail.append("Alert ID: \(singleLine(alert.alertID))")

        let details = nonEmpty(alert.message).map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        return assemble(head: head, details: details, tail: tail, limit: psa.ticketTextLimits.description)
    }

    /// The note that goes with `decision` (T2, T3), or nil for decisions that add no note
    /// (``TicketDecision/create``, ``TicketDecision/createNew(replacingTicketID:)``: their text is
    /// the description; ``TicketDecision/nothing(_:)``).
    /// - Parameters:
    ///   - changedAt: when the alert was raised again or resolved.
    ///   - occurrences: how many raises a coalesced command stands for (see ``AlertCoalescer``);
    ///     mentioned when above 1.
    public static func note(
        for decision: TicketDecision, alert: AlertFacts, changedAt: Date, occurrences: Int = 1,
        psa: PSAKind
    ) -> TicketNoteText? {
        let title = alertTitle(alert)
        let time = timestamp(changedAt)
        let noteTitle: String
        var lines: [String]
        switch decision {
        case .create, .createNew, .nothing:
            return nil
        case .addNote:
            noteTitle = "Alert occurred again"
            lines = ["The alert \"\(title)\" occurred again at \(time)."]
        case .reopenWithNote:
            noteTitle = "Ticket re-opened"
            lines = ["Re-opened: the alert \"\(title)\" occurred again at \(time)."]
        case .closeWithNote:
            noteTitle = "Alert resolved"
            lines = ["Closed: the alert \"\(title)\" was resolved in the cloud at \(time)."]
        case .noteOnly:
            noteTitle = "Alert resolved"
            lines = [
                "The alert \"\(title)\" was resolved in the cloud at \(time).",
                "Auto-close is off, so the ticket stays open.",
            ]
        }
        if occurrences > 1, decision.isRaise {
            lines.append("It occurred \(occurrences) times since the last update.")
        }
        if decision.isRaise {
            lines.append("Severity: \(singleLine(alert.severity))")
            if let resource = optionalLabelled(alert.resourceName, id: alert.resourceID) {
                lines.append("Resource: \(resource)")
            }
        }
        let details = decision.isRaise
            ? nonEmpty(alert.message).map { $0.trimmingCharacters(in: .whitespacesAndNewlines) } : nil
        let limits = psa.ticketTextLimits
        let tail = ["Alert ID: \(singleLine(alert.alertID))"]
        let text = assemble(head: lines, details: details, tail: tail, limit: limits.note)
        let cutTitle = limits.noteTitle.map { TextTruncation.truncate(noteTitle, toUTF16Length: $0) } ?? noteTitle
        return TicketNoteText(title: cutTitle, text: text)
    }

    /// `date` in UTC ISO 8601 with whole seconds, e.g. `2024-05-01T10:00:00Z`.
    public static func timestamp(_ date: Date) -> String {
        Timestamp.format(date, fractionalSeconds: false)
    }

    /// `text` on one line: line breaks, tabs and other control characters become spaces, runs of
    /// whitespace become one space, and the ends are trimmed.
    public static func singleLine(_ text: String) -> String {
        var result = ""
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            if scalar.properties.isWhitespace || scalar.properties.generalCategory == .control {
                pendingSpace = !result.isEmpty
            } else {
                if pendingSpace { result.append(" ") }
                pendingSpace = false
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    // MARK: - Private

    private static func alertTitle(_ alert: AlertFacts) -> String {
        let title = singleLine(alert.title)
        return title.isEmpty ? singleLine(alert.alertType) : title
    }

    private static func nonEmpty(_ text: String?) -> String? {
        guard let text, !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return nil }
        return text
    }

    private static func labelled(_ name: String, id: String) -> String {
        let name = singleLine(name)
        let id = singleLine(id)
        return name.isEmpty ? id : "\(name) (\(id))"
    }

    private static func optionalLabelled(_ name: String?, id: String?) -> String? {
        let name = singleLine(name ?? "")
        let id = singleLine(id ?? "")
        switch (name.isEmpty, id.isEmpty) {
        case (true, true): return nil
        case (false, true): return name
        case (true, false): return id
        case (false, false): return "\(name) (\(id))"
        }
    }

    /// Joins the lines; when over `limit`, cuts the details line first, then the whole text.
    private static func assemble(head: [String], details: String?, tail: [String], limit: Int?) -> String {
        let detailsPrefix = "Details: "
        func join(_ details: String?) -> String {
            (head + (details.map { [detailsPrefix + $0] } ?? []) + tail).joined(separator: "\n")
        }
        let full = join(details)
        guard let limit, full.utf16.count > limit else { return full }
        if let details {
            let fixed = join("").utf16.count
            let room = limit - fixed
            if room > TextTruncation.ellipsis.utf16.count {
                return join(TextTruncation.truncate(details, toUTF16Length: room))
            }
        }
        return TextTruncation.truncate(join(nil), toUTF16Length: limit)
    }
}

extension TicketDecision {
    /// Whether the decision answers a raised alert (note, re-open) rather than a resolution.
    fileprivate var isRaise: Bool {
        switch self {
        case .addNote, .reopenWithNote, .create, .createNew: true
        case .closeWithNote, .noteOnly, .nothing: false
        }
    }
}
