/// Where one API listens. Port 0 asks the system for a free port.
public struct ListenerAddress: Sendable, Hashable, Codable {
    /// Host or IP address to bind.
    public var host: String
    /// Port to bind (0: any free port).
    public var port: Int

    /// An address; loopback with an ephemeral port by default.
    public init(host: String = "127.0.0.1", port: Int = 0) {
        self.host = host
        self.port = port
    }

    /// Parses `host:port` (e.g. `127.0.0.1:9101`).
    public init?(parsing text: String) {
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]),
            (0...65535).contains(port)
        else { return nil }
        let host = String(text[..<colon])
        guard !host.isEmpty else { return nil }
        self.init(host: host, port: port)
    }
}
