extension HTTPTransport {
    /// Settings of the shared HTTP client.
    public struct Configuration: Sendable {
        /// Extra CA certificates (PEM file) trusted in addition to the system roots, for an
        /// on-premise ConnectWise with a private CA, a TLS-inspecting proxy, or the sandbox.
        /// TLS verification itself is always on.
        public var additionalCABundlePath: String?
        /// Extra CA certificates as PEM text (same effect as ``additionalCABundlePath``).
        public var additionalCABundlePEM: String?
        /// Time allowed to open a connection (TCP and TLS).
        public var connectTimeout: Duration
        /// Time allowed for one attempt, from send to the last byte of the response.
        public var requestTimeout: Duration
        /// Largest response body accepted, in bytes.
        public var maxResponseBytes: Int
        /// Connections kept per host.
        public var maxConnectionsPerHost: Int
        /// `User-Agent` sent on every request (Acronis asks integrators to set one; it shows in
        /// the partner's audit log).
        public var userAgent: String

        public init(
            additionalCABundlePath: String? = nil,
            additionalCABundlePEM: String? = nil,
            connectTimeout: Duration = .seconds(10),
            requestTimeout: Duration = .seconds(60),
            maxResponseBytes: Int = 64 * 1024 * 1024,
            maxConnectionsPerHost: Int = 8,
            userAgent: String = "psa-bridge/1.0"
        ) {
            self.additionalCABundlePath = additionalCABundlePath
            self.additionalCABundlePEM = additionalCABundlePEM
            self.connectTimeout = connectTimeout
            self.requestTimeout = requestTimeout
            self.maxResponseBytes = maxResponseBytes
            self.maxConnectionsPerHost = maxConnectionsPerHost
            self.userAgent = userAgent
        }
    }
}
