import ArgumentParser
import Foundation

/// Where `--csv FILE` sends CSV: a new or truncated file, or stdout for `-`. Text is written as
/// UTF-8 bytes exactly as given (the CRLF line ends included).
struct CSVOutput {
    private let handle: FileHandle
    private let closes: Bool
    /// The file written, nil for stdout.
    let path: String?

    /// Opens `argument` (`-` for stdout).
    /// - Throws: `ValidationError` naming the file when it cannot be created.
    init(_ argument: String) throws {
        guard argument != "-" else {
            handle = .standardOutput
            closes = false
            path = nil
            return
        }
        let url = URL(fileURLWithPath: argument)
        guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
            throw ValidationError("cannot create the CSV file \(url.path) (does its directory exist and is it writable?)")
        }
        handle = try FileHandle(forWritingTo: url)
        closes = true
        path = url.path
    }

    func write(_ text: String) throws {
        try handle.write(contentsOf: Data(text.utf8))
    }

    func close() throws {
        if closes { try handle.close() }
    }
}
