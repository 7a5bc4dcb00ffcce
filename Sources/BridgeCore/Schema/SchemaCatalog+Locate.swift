import Foundation

extension SchemaCatalog {
    /// Finds the directory holding the project's schemas.
    ///
    /// In order: the directory `PSA_BRIDGE_SCHEMAS` names (which must hold `envelope.schema.json`);
    /// else, walking up from the executable's directory and then from the current directory, the
    /// first `schemas/` or `share/psa-bridge/schemas/` holding `envelope.schema.json`. The error
    /// lists every place looked at.
    public static func locate(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        executablePath: String? = currentExecutablePath(),
        currentDirectory: String = FileManager.default.currentDirectoryPath
    ) throws(SchemaLoadError) -> URL {
        var searched: [String] = []
        let fileManager = FileManager.default
        func holdsMarker(_ directory: URL) -> Bool {
            searched.append(directory.path)
            return fileManager.fileExists(atPath: directory.appendingPathComponent(markerFileName).path)
        }
        if let configured = environment[environmentVariable], !configured.isEmpty {
            let directory = URL(fileURLWithPath: configured, isDirectory: true).standardizedFileURL
            if holdsMarker(directory) { return directory }
            throw .notFound(searched: ["\(environmentVariable)=\(configured) (no \(markerFileName) there)"])
        }
        var starts: [URL] = []
        if let executablePath, !executablePath.isEmpty {
            let executable = URL(fileURLWithPath: executablePath).resolvingSymlinksInPath()
            starts.append(executable.deletingLastPathComponent())
        }
        starts.append(URL(fileURLWithPath: currentDirectory, isDirectory: true))
        for start in starts {
            var directory = start.standardizedFileURL
            while true {
                for candidate in [
                    directory.appendingPathComponent("schemas", isDirectory: true),
                    directory.appendingPathComponent("share/psa-bridge/schemas", isDirectory: true),
                ] where holdsMarker(candidate) {
                    return candidate
                }
                let parent = directory.deletingLastPathComponent()
                if parent.path == directory.path { break }
                directory = parent
            }
        }
        throw .notFound(searched: searched)
    }

    /// The path of the running executable (`/proc/self/exe` on Linux), if it can be found.
    public static func currentExecutablePath() -> String? {
        #if os(Linux)
        if let resolved = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            return resolved
        }
        #endif
        return Bundle.main.executablePath ?? CommandLine.arguments.first
    }
}
