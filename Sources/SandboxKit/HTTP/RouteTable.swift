import Foundation

/// A path template such as `/company/companies/{id}`: literal segments match case-insensitively.
struct RouteTemplate: Sendable, CustomStringConvertible {
    enum Segment: Sendable {
        case literal(String)
        case parameter(String)
    }

    let segments: [Segment]
    /// The template as written (used as the key for call counts).
    let description: String

    init(_ template: String) {
        description = template
        segments = template.split(separator: "/").map { part in
            if part.hasPrefix("{") && part.hasSuffix("}") {
                return .parameter(String(part.dropFirst().dropLast()))
            }
            return .literal(String(part))
        }
    }

    /// The parameters if `path` matches, else nil.
    func match(_ path: ArraySlice<String>) -> [String: String]? {
        guard path.count == segments.count else { return nil }
        var parameters: [String: String] = [:]
        for (segment, part) in zip(segments, path) {
            switch segment {
            case .literal(let literal):
                if literal.caseInsensitiveCompare(part) != .orderedSame { return nil }
            case .parameter(let name):
                parameters[name] = part
            }
        }
        return parameters
    }

    /// Number of literal segments, so `/x/count` wins over `/x/{id}`.
    var literalCount: Int {
        segments.reduce(0) { count, segment in
            if case .literal = segment { return count + 1 }
            return count
        }
    }
}

/// Path parameters captured by a route.
struct RouteParameters: Sendable {
    var values: [String: String]

    func string(_ name: String) -> String { values[name] ?? "" }
}

/// One route: method, template and handler.
struct Route<Context: Sendable>: Sendable {
    typealias Handler = @Sendable (Context) async throws -> SandboxResponse
    let method: String
    let template: RouteTemplate
    let handler: Handler
}

/// The result of looking up a request in a ``RouteTable``.
enum RouteMatch<Context: Sendable>: Sendable {
    case found(Route<Context>, RouteParameters)
    /// The path exists for other methods.
    case methodNotAllowed(template: RouteTemplate, allowed: [String])
    case notFound
}

/// A list of routes, matched by method and path, most specific template first.
struct RouteTable<Context: Sendable>: Sendable {
    private(set) var routes: [Route<Context>] = []

    mutating func add(_ method: String, _ template: String, _ handler: @escaping Route<Context>.Handler) {
        routes.append(Route(method: method, template: RouteTemplate(template), handler: handler))
    }

    func match(method: String, path: ArraySlice<String>) -> RouteMatch<Context> {
        var best: (Route<Context>, [String: String])?
        var otherMethods: [(Route<Context>, [String: String])] = []
        for route in routes {
            guard let parameters = route.template.match(path) else { continue }
            if route.method == method || (method == "HEAD" && route.method == "GET") {
                if best == nil || route.template.literalCount > best!.0.template.literalCount {
                    best = (route, parameters)
                }
            } else {
                otherMethods.append((route, parameters))
            }
        }
        if let best {
            // A more specific template for another method means this path belongs to that route.
            let bestLiterals = best.0.template.literalCount
            if let other = otherMethods.first(where: { $0.0.template.literalCount > bestLiterals }) {
                let allowed = otherMethods.filter { $0.0.template.description == other.0.template.description }.map(\.0.method)
                return .methodNotAllowed(template: other.0.template, allowed: allowed)
            }
            return .found(best.0, RouteParameters(values: best.1))
        }
        if let first = otherMethods.max(by: { $0.0.template.literalCount < $1.0.template.literalCount }) {
            let allowed = otherMethods.filter { $0.0.template.description == first.0.template.description }.map(\.0.method)
            return .methodNotAllowed(template: first.0.template, allowed: allowed)
        }
        return .notFound
    }
}
