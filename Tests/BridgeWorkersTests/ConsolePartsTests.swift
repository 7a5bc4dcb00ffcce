import BridgeConsole
import Foundation
import Testing

/// The console's pure parts: where it may listen, how failed logins slow down, how forms parse.
@Suite("Console parts")
struct ConsolePartsTests {
    @Test("the console binds loopback freely; any other address needs TLS files or --behind-proxy, and TLS needs both files")
    func bindRules() {
        #expect(ConsoleConfiguration().problem == nil)
        #expect(ConsoleConfiguration(host: "::1").problem == nil)
        let open = ConsoleConfiguration(host: "0.0.0.0")
        #expect(open.problem?.contains("--tls-certificate") == true && open.problem?.contains("--behind-proxy") == true)
        #expect(ConsoleConfiguration(host: "0.0.0.0", tlsCertificatePath: "c.pem", tlsKeyPath: "k.pem").problem == nil)
        #expect(ConsoleConfiguration(host: "10.0.0.5", behindProxy: true).problem == nil)
        #expect(ConsoleConfiguration(tlsCertificatePath: "c.pem").problem?.contains("both") == true)
        #expect(ConsoleConfiguration(port: 70_000).problem != nil)
        #expect(!ConsoleConfiguration().browserUsesHTTPS && ConsoleConfiguration(host: "10.0.0.5", behindProxy: true).browserUsesHTTPS)
    }

    @Test("failed logins double the wait for that name up to the maximum, whatever the case; a success clears it")
    func throttle() async {
        let throttle = LoginThrottle(baseDelay: .milliseconds(500), maximumDelay: .seconds(4))
        #expect(await throttle.delay(for: "alice") == .zero)
        for _ in 0..<3 { await throttle.recordFailure("alice") }
        #expect(await throttle.delay(for: "ALICE") == .seconds(2))
        for _ in 0..<5 { await throttle.recordFailure("alice") }
        #expect(await throttle.delay(for: "alice") == .seconds(4))
        #expect(await throttle.delay(for: "bob") == .zero)
        await throttle.recordSuccess("Alice")
        #expect(await throttle.delay(for: "alice") == .zero)
        #expect(await throttle.failedTotal == 8)
    }

    @Test("form bodies: repeated fields, plus as space, percent escapes, empty and valueless fields")
    func formFields() {
        let form = FormFields("company=1&company=22&name=Acme+%26+Co%2C+%22Ltd%22&empty=&flag&q=%3Cscript%3E")
        #expect(form.values["company"] == ["1", "22"])
        #expect(form["name"] == "Acme & Co, \"Ltd\"")
        #expect(form.text("empty") == nil && form["flag"] == "")
        #expect(form["q"] == "<script>")
    }

    @Test("session tokens are 43 URL-safe characters, differ each time, and compare in constant time")
    func tokens() {
        let first = ConsoleSessions.randomToken()
        #expect(first.count == 43 && first.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" })
        #expect(ConsoleSessions.isWellFormedToken(first) && !ConsoleSessions.isWellFormedToken(first + "=") && !ConsoleSessions.isWellFormedToken(""))
        #expect(first != ConsoleSessions.randomToken())
        #expect(ConsoleSessions.hash(first).count == 64)
        #expect(ConsoleSessions.constantTimeEqual(first, first) && !ConsoleSessions.constantTimeEqual(first, first + "x"))
    }
}
