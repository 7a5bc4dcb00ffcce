import BridgeValues
import Foundation

/// The project's JSON Schemas (draft 2020-12), compiled once and shared.
///
/// Load it with `SchemaCatalog.loadDefault()` (finds the `schemas/` directory) or
/// `SchemaCatalog(directory:)`. Every `$ref` must resolve and every keyword must be one the
/// validator implements, or loading fails: no rule is ever skipped silently.
public struct SchemaCatalog: Sendable {
    /// Root schema of each document by `$id`.
    private let roots: [String: SchemaNode]
    /// Every compiled schema by absolute location.
    private let nodes: [String: SchemaNode]

    /// The name of the file that marks a schema directory.
    public static let markerFileName = "envelope.schema.json"
    /// The environment variable naming the schema directory.
    public static let environmentVariable = "PSA_BRIDGE_SCHEMAS"

    /// Compiles schema documents (each an object with an `$id`).
    public init(documents: [JSONValue]) throws(SchemaLoadError) {
        try self.init(sources: documents.enumerated().map { ("document \($0.offset)", $0.element) })
    }

    /// Loads and compiles every `*.schema.json` file in `directory`.
    public init(directory: URL) throws(SchemaLoadError) {
        let files: [URL]
        do {
            // Resolve a symlinked directory first: listing a symlink lists nothing.
            let directory = directory.resolvingSymlinksInPath()
            files = try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
                .filter { $0.lastPathComponent.hasSuffix(".schema.json") }
                .sorted { $0.lastPathComponent < $1.lastPathComponent }
        } catch {
            throw .unreadable(path: directory.path, reason: error.localizedDescription)
        }
        guard !files.isEmpty else { throw .unreadable(path: directory.path, reason: "no *.schema.json files in it") }
        var sources: [(String, JSONValue)] = []
        for file in files {
            let data: Data
            do {
                data = try Data(contentsOf: file)
            } catch {
                throw .unreadable(path: file.path, reason: error.localizedDescription)
            }
            do {
                sources.append((file.path, try JSONValue(parsing: data)))
            } catch {
                throw .malformedJSON(path: file.path, error: error)
            }
        }
        try self.init(sources: sources)
    }

    private init(sources: [(String, JSONValue)]) throws(SchemaLoadError) {
        var compiler = SchemaCompiler()
        var roots: [String: SchemaNode] = [:]
        for (source, document) in sources {
            let (id, root) = try compiler.compileDocument(document, source: source)
            guard roots[id] == nil else { throw .duplicateID(id: id) }
            roots[id] = root
        }
        for reference in compiler.references where compiler.nodes[reference.target] == nil {
            throw .unresolvedReference(reference: reference.reference, location: reference.location)
        }
        self.roots = roots
        self.nodes = compiler.nodes
    }

    /// Finds the schema directory and loads it.
    public static func loadDefault() throws(SchemaLoadError) -> SchemaCatalog {
        try SchemaCatalog(directory: locate())
    }

    /// The `$id` of every loaded document, sorted.
    public var schemaIDs: [String] { roots.keys.sorted() }

    /// Validates `instance` against the schema `schema` names: a full `$id`, or its last path
    /// segment (`envelope.schema.json`). Returns every problem, or `[]` when the instance is valid.
    public func validate(_ instance: JSONValue, against schema: String) throws(SchemaLoadError) -> [SchemaProblem] {
        guard let root = root(named: schema) else { throw .unknownSchema(id: schema, known: schemaIDs) }
        // The same rule met through two routes (a property's own schema and a $ref'd payload
        // schema, say) is one problem for the reader.
        let problems = SchemaEvaluator(nodes: nodes).evaluate(root, instance, at: .root)
        guard !problems.isEmpty else { return [] }
        var seen: Set<[String]> = []
        let distinct = problems.filter { seen.insert([$0.path.description, $0.keyword, $0.message]).inserted }
        // Document order (stable, so a location's problems keep the schema's keyword order).
        return distinct.enumerated().sorted { ($0.element.path, $0.offset) < ($1.element.path, $1.offset) }.map(\.element)
    }

    /// Whether the catalog holds the schema `schema` names (see `validate(_:against:)`).
    public func contains(schema: String) -> Bool {
        root(named: schema) != nil
    }

    private func root(named name: String) -> SchemaNode? {
        if let root = roots[name] { return root }
        let matches = roots.filter { $0.key.hasSuffix("/" + name) }
        return matches.count == 1 ? matches.first?.value : nil
    }
}
