import AsyncHTTPClient
import Foundation
import NIOCore
import NIOPosix
import NIOSSL

/// Sorts a transport error into "not sent" (safe to resend anything), "outcome unknown"
/// (resend only idempotent requests), TLS (never resent) and local misuse.
enum TransportFailure {
    static func classify(_ error: any Error) -> (APIError.Kind, String) {
        if let error = error as? BodyReadError {
            return (.outcomeUnknown, "the response body (HTTP \(error.status)) could not be read: \(short(error.underlying))")
        }
        if error is NIOSSLError || error is BoringSSLError || error is NIOSSLExtraError {
            return (.tls, "TLS handshake failed: \(short(error))")
        }
        if let error = error as? HTTPClientError {
            let beforeSending: [HTTPClientError] = [
                .connectTimeout, .getConnectionFromPoolTimeout, .socksHandshakeTimeout,
                .httpProxyHandshakeTimeout, .tlsHandshakeTimeout,
            ]
            let misuse: [HTTPClientError] = [.invalidURL, .emptyHost, .emptyScheme, .alreadyShutdown]
            if beforeSending.contains(error) {
                return (.notSent, "could not connect: \(error)")
            }
            if misuse.contains(error) {
                return (.invalidRequest, "the request could not be sent: \(error)")
            }
            return (.outcomeUnknown, "the connection failed after sending: \(error)")
        }
        if error is NIOConnectionError || error is SocketAddressError {
            return (.notSent, "could not connect: \(short(error))")
        }
        if let error = error as? IOError {
            switch error.errnoCode {
            case ECONNREFUSED, ENETUNREACH, EHOSTUNREACH, EADDRNOTAVAIL:
                return (.notSent, "could not connect: \(short(error))")
            default:
                return (.outcomeUnknown, "the connection failed: \(short(error))")
            }
        }
        if let error = error as? ChannelError, case .connectTimeout = error {
            return (.notSent, "could not connect: connect timeout")
        }
        return (.outcomeUnknown, "the request failed: \(short(error))")
    }

    private static func short(_ error: any Error) -> String {
        let text = String(describing: error)
        return text.count > 300 ? String(text.prefix(300)) + "…" : text
    }
}
