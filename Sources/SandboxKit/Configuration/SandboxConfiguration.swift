import Foundation
import Logging

/// Everything needed to start a ``Sandbox``.
public struct SandboxConfiguration: Sendable {
    /// PEM files for serving HTTPS instead of HTTP.
    public struct TLSFiles: Sendable, Hashable {
        /// PEM certificate chain.
        public var certificateChainPath: String
        /// PEM private key.
        public var privateKeyPath: String
        /// The two PEM files.
        public init(certificateChainPath: String, privateKeyPath: String) {
            self.certificateChainPath = certificateChainPath
            self.privateKeyPath = privateKeyPath
        }
    }

    /// Where the Acronis API listens.
    public var acronis: ListenerAddress
    /// Where the ConnectWise API listens.
    public var connectWise: ListenerAddress
    /// Where the Autotask API listens.
    public var autotask: ListenerAddress
    /// Serve HTTPS with these files; nil for plain HTTP.
    public var tls: TLSFiles?
    /// Faults per API.
    public var faults: [SandboxAPI: FaultSettings]
    /// Autotask thread and hourly limits.
    public var autotaskLimits: AutotaskLimits
    /// Longest query string (characters after `?`) each API accepts; longer ones answer 404.
    ///
    /// Both PSAs are reported to fail long GET URLs (ConnectWise "about 2,000 characters",
    /// Autotask "a GET nextPageUrl that grows past the limit returns 404"); the default 2,048 is
    /// IIS's default query-string limit, whose refusal is a 404 (inferred). Acronis: no limit.
    public var maxQueryLength: [SandboxAPI: Int]
    /// Lifetime of Acronis access tokens (Acronis: 2 hours).
    public var tokenLifetime: Duration
    /// Credentials each API accepts.
    public var credentials: SandboxCredentials
    /// The seed world.
    public var world: SandboxWorld
    /// Seed for the random choices of fault injection (nil: system randomness).
    public var faultSeed: UInt64?
    /// Logger for the listeners (defaults to a quiet one).
    public var logger: Logger

    /// A configuration; every listener on an ephemeral loopback port by default.
    public init(
        acronis: ListenerAddress = .init(), connectWise: ListenerAddress = .init(),
        autotask: ListenerAddress = .init(), tls: TLSFiles? = nil, faults: [SandboxAPI: FaultSettings] = [:],
        autotaskLimits: AutotaskLimits = .standard,
        maxQueryLength: [SandboxAPI: Int] = [.connectWise: 2048, .autotask: 2048], tokenLifetime: Duration = .seconds(7200),
        credentials: SandboxCredentials = .standard, world: SandboxWorld = .empty(), faultSeed: UInt64? = nil,
        logger: Logger? = nil
    ) {
        self.acronis = acronis
        self.connectWise = connectWise
        self.autotask = autotask
        self.tls = tls
        self.faults = faults
        self.autotaskLimits = autotaskLimits
        self.maxQueryLength = maxQueryLength
        self.tokenLifetime = tokenLifetime
        self.credentials = credentials
        self.world = world
        self.faultSeed = faultSeed
        if let logger {
            self.logger = logger
        } else {
            var quiet = Logger(label: "sandbox")
            quiet.logLevel = .warning
            self.logger = quiet
        }
    }
}
