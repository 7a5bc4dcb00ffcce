import BridgeCore
import BridgeRules
import Foundation

extension AlertFacts {
    /// The ticket text facts of a command's alert (T1): the title is the alert's `details.title`
    /// when it has one, else its type id in words ("BackupFailed" → "Backup failed").
    init(_ alert: CloudAlert, tenantId: String, tenantName: String?) {
        let details = alert.details?.objectValue ?? [:]
        let title = details["title"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 } ?? Self.words(alert.type)
        self.init(
            alertID: alert.id, alertType: alert.type, title: title, severity: alert.severity.rawValue,
            category: alert.category, occurredAt: alert.updatedAt, tenantID: tenantId, tenantName: tenantName ?? "",
            resourceID: alert.resourceId, resourceName: alert.resourceName.isEmpty ? nil : alert.resourceName,
            planName: details["planName"]?.stringValue, message: alert.message.isEmpty ? nil : alert.message)
    }

    /// An alert type id as words: `BackupFailed` → "Backup failed", `NoBackupForXDays` →
    /// "No backup for X days", `M365ApplicationConsentRequired` → "M365 application consent required".
    static func words(_ typeID: String) -> String {
        var words: [String] = []
        var current = ""
        let characters = Array(typeID)
        for (index, character) in characters.enumerated() {
            if character == "_" || character == "-" || character == " " {
                if !current.isEmpty { words.append(current) }
                current = ""
                continue
            }
            if !current.isEmpty, character.isUppercase {
                let previous = characters[index - 1]
                let next = index + 1 < characters.count ? characters[index + 1] : nil
                if previous.isLowercase || previous.isNumber || (previous.isUppercase && next?.isLowercase == true) {
                    words.append(current)
                    current = ""
                }
            }
            current.append(character)
        }
        if !current.isEmpty { words.append(current) }
        return words.enumerated().map { index, word in
            if index == 0 || word.count == 1 || word.allSatisfy({ $0.isUppercase || $0.isNumber }) { return word }
            return word.lowercased()
        }.joined(separator: " ")
    }
}
