import Foundation
import SandboxKit
import Testing

@Suite("TLS")
struct TLSTests {
    /// Runs a program and returns its standard output; fails the test with the program's error output.
    func run(_ executable: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let errorData = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw SandboxTestError("\(executable) \(arguments.joined(separator: " ")) failed: \(String(decoding: errorData, as: UTF8.self))")
        }
        return String(decoding: data, as: UTF8.self)
    }

    @Test("with a certificate and key the three listeners serve HTTPS (checked by curl against the certificate)")
    func https() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sandbox-tls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let certificate = directory.appendingPathComponent("cert.pem").path
        let key = directory.appendingPathComponent("key.pem").path
        _ = try run(
            "/usr/bin/openssl",
            ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", certificate, "-days", "1", "-subj", "/CN=127.0.0.1",
             "-addext", "subjectAltName=IP:127.0.0.1"])
        let configuration = SandboxConfiguration(
            tls: .init(certificateChainPath: certificate, privateKeyPath: key), world: .generate(companies: 1, seed: 1))
        let sandbox = try await Sandbox.start(configuration)
        do {
            #expect(sandbox.connectWiseURL.scheme == "https")
            let info = try run("/usr/bin/curl", ["-sS", "--cacert", certificate, sandbox.connectWiseURL.absoluteString + "/login/companyinfo/sandbox"])
            #expect(try JSONValue.parse(info)["Codebase"] == "v4_6_release/")
            let zone = try run(
                "/usr/bin/curl", ["-sS", "--cacert", certificate, sandbox.autotaskURL.absoluteString + "/atservicesrest/v1.0/zoneInformation?user=api-user@sandbox.example"])
            #expect(try JSONValue.parse(zone)["url"].stringValue?.hasPrefix("https://127.0.0.1:") == true)
            let token = try run(
                "/usr/bin/curl",
                ["-sS", "--cacert", certificate, "-u", "sandbox-client:sandbox-client-secret", "-d", "grant_type=client_credentials",
                 sandbox.acronisURL.absoluteString + "/api/2/idp/token"])
            #expect(try JSONValue.parse(token)["token_type"] == "bearer")
        } catch {
            try await sandbox.shutdown()
            throw error
        }
        try await sandbox.shutdown()
    }

    @Test("unreadable TLS files stop the start with an error naming them")
    func badFiles() async throws {
        let configuration = SandboxConfiguration(tls: .init(certificateChainPath: "/nonexistent/cert.pem", privateKeyPath: "/nonexistent/key.pem"))
        await #expect(throws: SandboxStartError.self) { _ = try await Sandbox.start(configuration) }
    }

    @Test("a port in use stops the start with an error naming the address")
    func portInUse() async throws {
        try await withSandbox { sandbox, _ in
            let port = sandbox.connectWiseURL.port!
            let clash = SandboxConfiguration(connectWise: ListenerAddress(host: "127.0.0.1", port: port))
            do {
                let other = try await Sandbox.start(clash)
                try await other.shutdown()
                Issue.record("a second sandbox started on a port in use")
            } catch let error as SandboxStartError {
                #expect(error.description.contains("127.0.0.1:\(port)"))
            }
        }
    }
}
