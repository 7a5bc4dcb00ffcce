import BridgeValues
import Foundation
import Testing

@testable import BridgeCore

/// Shared fixtures: the project's real schemas, loaded once.
enum TestSupport {
    /// `<repository>/schemas`, found from this file's path (Tests/BridgeCoreTests/ is two levels down).
    static let schemasDirectory: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("schemas", isDirectory: true)

    private static let loaded: Result<SchemaCatalog, SchemaLoadError> = {
        do throws(SchemaLoadError) {
            return .success(try SchemaCatalog(directory: schemasDirectory))
        } catch {
            return .failure(error)
        }
    }()

    /// The catalog of the project's schemas.
    static func catalog() throws -> SchemaCatalog {
        try loaded.get()
    }

    /// A catalog of in-memory schemas (each needs an `$id`).
    static func catalog(_ documents: JSONValue...) throws -> SchemaCatalog {
        try SchemaCatalog(documents: documents)
    }

    static func json(_ text: String) throws -> JSONValue {
        try JSONValue(parsing: text)
    }

    /// A fresh temporary directory, removed by the caller.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("bridgecore-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
