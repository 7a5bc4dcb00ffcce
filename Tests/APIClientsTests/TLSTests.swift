import APIClients
import Foundation
import SandboxKit
import Testing

@Suite("TLS verification with an extra CA bundle")
struct TLSTests {
    @Test("a client refuses the sandbox's self-signed certificate and accepts it given the CA bundle")
    func extraCABundle() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("apiclients-tls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let files = try TestCertificates.make(in: directory)

        let configuration = SandboxConfiguration(
            tls: .init(certificateChainPath: files.serverCertificate, privateKeyPath: files.serverKey),
            world: .generate(companies: 2, seed: 1))
        // Without the CA: verification fails, and the failure is not retried.
        try await SandboxHarness.run(configuration) { harness in
            #expect(harness.sandbox.connectWiseURL.scheme == "https")
            let client = try harness.connectWise()
            do {
                _ = try await client.priorities()
                Issue.record("an untrusted certificate must be refused")
            } catch let error as APIError {
                #expect(error.kind == .tls)
                #expect(error.attempts == 1)
            }
            #expect(await harness.sandbox.state.calls(.connectWise).total == 0)
        }
        // With the CA bundle (file and PEM text): the same calls succeed.
        try await SandboxHarness.run(configuration, transport: .init(additionalCABundlePath: files.caCertificate)) { harness async throws in
            #expect(try await harness.connectWise().priorities().isEmpty == false)
            #expect(try await harness.acronis().ownTenantID() == GeneratedIDs.acronisPartnerTenant)
            #expect(try await harness.autotask().companies(.all).isEmpty == false)
        }
        let pem = try String(contentsOfFile: files.caCertificate, encoding: .utf8)
        try await SandboxHarness.run(configuration, transport: .init(additionalCABundlePEM: pem)) { harness async throws in
            #expect(try await harness.connectWise().priorities().isEmpty == false)
        }
        #expect(throws: ClientConfigurationError.self) {
            _ = try HTTPTransport(configuration: .init(additionalCABundlePath: directory.appendingPathComponent("missing.pem").path))
        }
    }
}

/// A throw-away CA and a server certificate for 127.0.0.1 it signed, made with `openssl`.
enum TestCertificates {
    struct Files {
        var caCertificate: String
        var serverCertificate: String
        var serverKey: String
    }

    static func make(in directory: URL) throws -> Files {
        func path(_ name: String) -> String { directory.appendingPathComponent(name).path }
        let extensions = path("server.ext")
        try """
        basicConstraints=CA:FALSE
        keyUsage=critical,digitalSignature,keyEncipherment
        extendedKeyUsage=serverAuth
        subjectAltName=IP:127.0.0.1,DNS:localhost
        """.write(toFile: extensions, atomically: true, encoding: .utf8)
        try openssl([
            "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
            "-keyout", path("ca.key"), "-out", path("ca.pem"), "-days", "2", "-subj", "/CN=psa-bridge test CA",
            "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign",
        ])
        try openssl([
            "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
            "-keyout", path("server.key"), "-out", path("server.csr"), "-subj", "/CN=127.0.0.1",
        ])
        try openssl([
            "x509", "-req", "-in", path("server.csr"), "-CA", path("ca.pem"), "-CAkey", path("ca.key"),
            "-CAcreateserial", "-out", path("server.pem"), "-days", "2", "-extfile", extensions,
        ])
        return Files(caCertificate: path("ca.pem"), serverCertificate: path("server.pem"), serverKey: path("server.key"))
    }

    private static func openssl(_ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        process.arguments = arguments
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            throw ClientConfigurationError("openssl \(arguments.first ?? "") failed: \(message)")
        }
    }
}
