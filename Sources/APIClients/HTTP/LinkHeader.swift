import Foundation

/// An RFC 8288 `Link` header, as ConnectWise sends it for paging
/// (`<https://…?page=2>; rel="next", <https://…?page=9>; rel="last"`).
struct LinkHeader: Sendable, Equatable {
    /// URL by relation name (`next`, `prev`, `first`, `last`).
    let links: [String: String]

    init(_ value: String) {
        var links: [String: String] = [:]
        var rest = Substring(value)
        while let open = rest.firstIndex(of: "<") {
            guard let close = rest[open...].firstIndex(of: ">") else { break }
            let url = String(rest[rest.index(after: open)..<close])
            let paramsEnd = rest[close...].firstIndex(of: "<") ?? rest.endIndex
            let params = rest[rest.index(after: close)..<paramsEnd]
            for param in params.split(separator: ";") {
                let pair = param.split(separator: "=", maxSplits: 1)
                guard pair.count == 2,
                    pair[0].trimmingCharacters(in: .whitespaces).lowercased() == "rel"
                else { continue }
                let rels = pair[1].trimmingCharacters(in: .whitespaces.union(.init(charactersIn: "\",")))
                for rel in rels.split(separator: " ") { links[rel.lowercased()] = url }
            }
            rest = rest[paramsEnd...]
        }
        self.links = links
    }

    var next: String? { links["next"] }
}
