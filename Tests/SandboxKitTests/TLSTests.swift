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

    /// One HTTPS request through `openssl s_client`, verifying the server against `certificate`
    /// (openssl is installed by the project's scripts; curl is not). Returns the response body.
    func httpsRequest(_ url: URL, method: String = "GET", headers: [String] = [], body: String = "", certificate: String) throws -> String {
        let target = url.path + (url.query.map { "?" + $0 } ?? "")
        var request = "\(method) \(target) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
        for header in headers { request += header + "\r\n" }
        request += "Content-Length: \(body.utf8.count)\r\n\r\n" + body
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        process.arguments = ["s_client", "-connect", "127.0.0.1:\(url.port!)", "-CAfile", certificate, "-verify_return_error", "-quiet"]
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = Pipe()
        try process.run()
        input.fileHandleForWriting.write(Data(request.utf8))
        let data = output.fileHandleForReading.readDataToEndOfFile()
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        guard text.hasPrefix("HTTP/1.1 200"), let split = text.range(of: "\r\n\r\n") else {
            throw SandboxTestError("HTTPS request to \(url) failed: \(text.prefix(200))")
        }
        return String(text[split.upperBound...])
    }

    @Test("with a certificate and key the three listeners serve HTTPS (verified against the certificate)")
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
        let other = directory.appendingPathComponent("other.pem").path
        _ = try run(
            "/usr/bin/openssl",
            ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", directory.appendingPathComponent("other-key.pem").path, "-out", other,
             "-days", "1", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"])
        let configuration = SandboxConfiguration(
            tls: .init(certificateChainPath: certificate, privateKeyPath: key), world: .generate(companies: 1, seed: 1))
        let sandbox = try await Sandbox.start(configuration)
        do {
            #expect(sandbox.connectWiseURL.scheme == "https")
            let info = try httpsRequest(makeURL(sandbox.connectWiseURL, "/login/companyinfo/sandbox"), certificate: certificate)
            #expect(try JSONValue.parse(info)["Codebase"] == "v4_6_release/")
            #expect(throws: SandboxTestError.self, "a server certificate not issued by the trusted CA must fail verification") {
                try httpsRequest(makeURL(sandbox.connectWiseURL, "/login/companyinfo/sandbox"), certificate: other)
            }
            let zone = try httpsRequest(sandbox.autotask("/zoneInformation?user=api-user@sandbox.example"), certificate: certificate)
            #expect(try JSONValue.parse(zone)["url"].stringValue?.hasPrefix("https://127.0.0.1:") == true)
            let basic = Data("sandbox-client:sandbox-client-secret".utf8).base64EncodedString()
            let token = try httpsRequest(
                sandbox.acronis("/api/2/idp/token"), method: "POST",
                headers: ["Authorization: Basic \(basic)", "Content-Type: application/x-www-form-urlencoded"], body: "grant_type=client_credentials",
                certificate: certificate)
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
