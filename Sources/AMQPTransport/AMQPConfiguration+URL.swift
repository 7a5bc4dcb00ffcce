extension AMQPConfiguration {
    /// Parses an AMQP URL: `amqp://user:password@host:port/vhost?heartbeat=30&connection_timeout=10000`.
    ///
    /// Follows the RabbitMQ URI specification: user, password and vhost are percent-decoded
    /// (`%2F` is "/"); a missing path means vhost "/"; an empty path (`amqp://host/`) means the
    /// vhost named "" ; a missing user or password means "guest"; the port defaults to 5672.
    /// IPv6 literals go in brackets. Query parameters `heartbeat` (seconds),
    /// `connection_timeout` (milliseconds), `frame_max` and `connection_name` are honoured.
    /// `amqps` is refused: this transport has no TLS support.
    ///
    /// - Throws: ``AMQPError/invalidURL(_:)`` naming what is wrong; the message never contains
    ///   the password.
    public init(url: String, connectionName: String = "psa-bridge") throws(AMQPError) {
        self.init(connectionName: connectionName)
        guard let colon = url.firstIndex(of: ":"), url[colon...].hasPrefix("://") else {
            throw .invalidURL("missing scheme: expected amqp://user:password@host:port/vhost")
        }
        let scheme = url[..<colon].lowercased()
        if scheme == "amqps" {
            throw .invalidURL("amqps (TLS) is not supported by this transport; use amqp:// on a trusted network")
        }
        guard scheme == "amqp" else {
            throw .invalidURL("unsupported scheme '\(scheme)': expected amqp")
        }
        var rest = url[url.index(colon, offsetBy: 3)...]

        var query: Substring = ""
        if let mark = rest.firstIndex(of: "?") {
            query = rest[rest.index(after: mark)...]
            rest = rest[..<mark]
        }
        var path: Substring? = nil
        if let slash = rest.firstIndex(of: "/") {
            path = rest[rest.index(after: slash)...]
            rest = rest[..<slash]
        }
        var hostPort = rest
        if let at = rest.lastIndex(of: "@") {
            let userInfo = rest[..<at]
            hostPort = rest[rest.index(after: at)...]
            if let colon = userInfo.firstIndex(of: ":") {
                username = try Self.percentDecode(userInfo[..<colon], field: "user name")
                password = try Self.percentDecode(userInfo[userInfo.index(after: colon)...], field: "password")
            } else {
                username = try Self.percentDecode(userInfo, field: "user name")
            }
        }

        var portText: Substring? = nil
        if hostPort.hasPrefix("[") {
            guard let close = hostPort.firstIndex(of: "]") else {
                throw .invalidURL("unterminated IPv6 address in host")
            }
            host = String(hostPort[hostPort.index(after: hostPort.startIndex)..<close])
            let after = hostPort[hostPort.index(after: close)...]
            if after.hasPrefix(":") {
                portText = after.dropFirst()
            } else if !after.isEmpty {
                throw .invalidURL("unexpected text after the IPv6 address")
            }
        } else if let colon = hostPort.lastIndex(of: ":") {
            host = try Self.percentDecode(hostPort[..<colon], field: "host")
            portText = hostPort[hostPort.index(after: colon)...]
        } else {
            host = try Self.percentDecode(hostPort, field: "host")
        }
        if host.isEmpty { host = "localhost" }
        if let portText, !portText.isEmpty {
            guard let value = Int(portText), (1...65535).contains(value) else {
                throw .invalidURL("port '\(portText)' is not a number between 1 and 65535")
            }
            port = value
        }
        if let path {
            if path.contains("/") {
                throw .invalidURL("the vhost must be a single path segment; encode '/' as %2F")
            }
            virtualHost = try Self.percentDecode(path, field: "vhost")
        }
        for pair in query.split(separator: "&") where !pair.isEmpty {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = String(parts[0])
            let value = parts.count > 1 ? try Self.percentDecode(parts[1], field: key) : ""
            switch key {
            case "heartbeat":
                guard let seconds = Int(value), seconds >= 0 else {
                    throw .invalidURL("heartbeat '\(value)' is not a whole number of seconds")
                }
                heartbeat = .seconds(seconds)
            case "connection_timeout":
                guard let milliseconds = Int(value), milliseconds > 0 else {
                    throw .invalidURL("connection_timeout '\(value)' is not a positive number of milliseconds")
                }
                connectTimeout = .milliseconds(milliseconds)
            case "frame_max":
                guard let frames = Int(value), frames >= 4096 else {
                    throw .invalidURL("frame_max '\(value)' must be a number of at least 4096")
                }
                frameMax = frames
            case "connection_name":
                self.connectionName = value
            default:
                continue  // Other clients' options (channel_max, ssl options...) do not apply here.
            }
        }
    }

    static func percentDecode(_ text: Substring, field: String) throws(AMQPError) -> String {
        guard text.contains("%") else { return String(text) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var iterator = text.utf8.makeIterator()
        while let byte = iterator.next() {
            if byte == UInt8(ascii: "%") {
                guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else {
                    throw .invalidURL("bad percent-encoding in the \(field)")
                }
                bytes.append(high << 4 | low)
            } else {
                bytes.append(byte)
            }
        }
        guard let decoded = String(validating: bytes, as: UTF8.self) else {
            throw .invalidURL("the \(field) is not valid UTF-8 after percent-decoding")
        }
        return decoded
    }

    static func percentEncode(_ text: String) -> String {
        var result = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
                UInt8(ascii: "_"), UInt8(ascii: "~"):
                result.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let digits = Array("0123456789ABCDEF".utf8)
                result.unicodeScalars.append("%")
                result.unicodeScalars.append(Unicode.Scalar(digits[Int(byte >> 4)]))
                result.unicodeScalars.append(Unicode.Scalar(digits[Int(byte & 0xF)]))
            }
        }
        return result
    }
}

private func hexValue(_ byte: UInt8) -> UInt8? {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
    default: return nil
    }
}
