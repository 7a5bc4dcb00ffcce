import Foundation

/// Where the console listens and how it is reached.
///
/// It binds 127.0.0.1 by default. Any other address needs TLS (a certificate and key in PEM
/// files) or `behindProxy`, the operator's statement that a reverse proxy on the same host or
/// network terminates TLS in front of it. Session cookies are `Secure` whenever the browser
/// reaches the console over TLS (its own or the proxy's).
public struct ConsoleConfiguration: Sendable, Equatable {
    public var host: String
    public var port: Int
    /// PEM certificate chain and private key files, for TLS served by the console itself.
    public var tlsCertificatePath: String?
    public var tlsKeyPath: String?
    /// A reverse proxy terminates TLS in front of the console.
    public var behindProxy: Bool
    /// How long a login lasts.
    public var sessionLifetime: Duration

    public init(
        host: String = "127.0.0.1", port: Int = 8_480, tlsCertificatePath: String? = nil, tlsKeyPath: String? = nil,
        behindProxy: Bool = false, sessionLifetime: Duration = .seconds(8 * 3_600)
    ) {
        self.host = host
        self.port = port
        self.tlsCertificatePath = tlsCertificatePath
        self.tlsKeyPath = tlsKeyPath
        self.behindProxy = behindProxy
        self.sessionLifetime = sessionLifetime
    }

    /// Whether the console serves TLS itself.
    public var servesTLS: Bool { tlsCertificatePath != nil }

    /// Whether browsers reach the console over HTTPS (its own TLS or the proxy's).
    public var browserUsesHTTPS: Bool { servesTLS || behindProxy }

    /// Whether `host` is a loopback address.
    public var bindsLoopback: Bool {
        ["127.0.0.1", "::1", "localhost"].contains(host) || host.hasPrefix("127.")
    }

    /// Why the configuration cannot be used, or nil.
    public var problem: String? {
        guard (1...65_535).contains(port) || port == 0 else { return "the port must be 1 to 65535, not \(port)" }
        if (tlsCertificatePath == nil) != (tlsKeyPath == nil) {
            return "TLS needs both a certificate file (--tls-certificate) and a key file (--tls-key)"
        }
        if !bindsLoopback && !servesTLS && !behindProxy {
            return "binding \(host) exposes the console beyond this host: give --tls-certificate and --tls-key, "
                + "or --behind-proxy when a reverse proxy terminates TLS in front of it"
        }
        return nil
    }
}
