import Foundation

/// Checks that a JSON document is well formed UTF-8 before it is stored as TEXT.
enum JSONText {
    /// The document as text, or `nil` for `nil`.
    /// - Throws: ``StateStoreError/invalidJSON(field:)`` naming `field`.
    static func text(_ data: Data?, field: String) throws(StateStoreError) -> String? {
        guard let data else { return nil }
        guard (try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])) != nil,
            let text = String(data: data, encoding: .utf8)
        else {
            throw .invalidJSON(field: field)
        }
        return text
    }
}
