import BridgeValues
import Foundation
import BridgeCore

/// Turns settings references (an id or a name) into PSA ids against a list the PSA returned,
/// collecting a problem for each one that does not resolve, so the settings are refused with
/// all of them at once.
struct PSAReferenceResolver {
    /// One object the PSA offers.
    struct Candidate {
        var id: Int
        var name: String?
        var active: Bool = true
    }

    private(set) var problems: [TicketSettingsError.Problem] = []

    /// The id `reference` stands for among `candidates`, or nil (with a problem recorded).
    /// Names compare case-insensitively after trimming; a name two candidates share is ambiguous.
    /// - Parameters:
    ///   - what: the kind of object, e.g. "status".
    ///   - scope: where the PSA keeps them, e.g. `on board "Acronis Alerts"`.
    mutating func resolve(
        _ reference: PSAReference?, among candidates: [Candidate], what: String, scope: String, at path: JSONPointer
    ) -> Int? {
        guard let reference else { return nil }
        let matches: [Candidate]
        switch reference {
        case .id(let id):
            matches = candidates.filter { $0.id == id }
        case .name(let name):
            let wanted = Self.normalized(name)
            matches = candidates.filter { Self.normalized($0.name ?? "") == wanted }
        }
        guard let match = matches.first else {
            let known = candidates.filter(\.active).compactMap(\.name).prefix(20)
            let hint = known.isEmpty ? "" : " (known: \(known.joined(separator: ", ")))"
            problems.append(.init(path: path, message: "no \(what) \(reference) \(scope)\(hint)"))
            return nil
        }
        guard matches.count == 1 else {
            problems.append(
                .init(
                    path: path,
                    message: "\(what) \(reference) is ambiguous \(scope): ids \(matches.map { String($0.id) }.joined(separator: ", ")); name it by id"
                ))
            return nil
        }
        guard match.active else {
            problems.append(.init(path: path, message: "\(what) \(reference) \(scope) is inactive"))
            return nil
        }
        return match.id
    }

    mutating func add(_ path: JSONPointer, _ message: String) {
        problems.append(.init(path: path, message: message))
    }

    static func normalized(_ name: String) -> String {
        name.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    }
}
