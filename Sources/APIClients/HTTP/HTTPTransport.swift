import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL

/// The HTTP layer shared by the three API clients: one AsyncHTTPClient `HTTPClient` (connection
/// pooling, TLS verification always on, optional extra CA bundle, connect and per-attempt
/// deadlines) plus retry with exponential backoff and jitter for 429 and 5xx.
///
/// Create one per process, hand it to the clients, and call ``shutdown()`` before exit.
/// Retries follow the request's ``Idempotency``: a create is never resent after it may have
/// reached the server.
public final class HTTPTransport: Sendable {
    /// The settings this transport was created with.
    public let configuration: Configuration
    private let client: HTTPClient

    /// Creates the transport and its HTTP client.
    /// - Throws: ``ClientConfigurationError`` when the extra CA bundle cannot be read.
    public init(configuration: Configuration = Configuration()) throws {
        self.configuration = configuration
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.certificateVerification = .fullVerification
        var extraRoots: [NIOSSLCertificate] = []
        if let path = configuration.additionalCABundlePath {
            do {
                extraRoots += try NIOSSLCertificate.fromPEMFile(path)
            } catch {
                throw ClientConfigurationError("the CA bundle at \(path) cannot be read as PEM certificates")
            }
        }
        if let pem = configuration.additionalCABundlePEM {
            do {
                extraRoots += try NIOSSLCertificate.fromPEMBytes(Array(pem.utf8))
            } catch {
                throw ClientConfigurationError("the CA bundle PEM text holds no readable certificate")
            }
        }
        if !extraRoots.isEmpty {
            tls.additionalTrustRoots = [.certificates(extraRoots)]
        }
        var http = HTTPClient.Configuration(
            tlsConfiguration: tls,
            // Never follow a redirect: it could carry credentials to another host.
            redirectConfiguration: .disallow,
            timeout: .init(connect: TimeAmount(configuration.connectTimeout), read: TimeAmount(configuration.requestTimeout))
        )
        // Connection failures surface at once and go through this type's own retry policy, which
        // knows that nothing was sent and that TLS failures are permanent.
        http.connectionPool.retryConnectionEstablishment = false
        http.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = max(1, configuration.maxConnectionsPerHost)
        self.client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: http)
    }

    /// Closes all connections. Call once, when no request is in flight any more.
    public func shutdown() async throws {
        try await client.shutdown()
    }

    /// Sends a request with retries and returns the 2xx response.
    /// - Throws: ``APIError`` (or `CancellationError` when the task is cancelled).
    func send(
        _ request: APIRequest, service: APIService, retry policy: HTTPRetryPolicy, logger: Logger
    ) async throws -> APIResponse {
        try await send(request, service: service, retry: policy, gate: NoGate(), logger: logger)
    }

    /// Sends a request with retries, passing every attempt through `gate`.
    func send<Gate: RequestGate>(
        _ request: APIRequest, service: APIService, retry policy: HTTPRetryPolicy, gate: Gate, logger: Logger
    ) async throws -> APIResponse {
        let clock = ContinuousClock()
        let start = clock.now
        var attempt = 0
        while true {
            attempt += 1
            try Task.checkCancellation()
            let permit = try await gate.acquire(for: request)
            let outcome: AttemptOutcome
            let attemptStart = clock.now
            do {
                let response = try await execute(request)
                await gate.release(permit)
                outcome = classify(response, request: request, service: service, attempt: attempt)
            } catch {
                await gate.release(permit)
                if error is CancellationError || Task.isCancelled { throw CancellationError() }
                outcome = classify(transportError: error, request: request, service: service, attempt: attempt)
            }
            let elapsedMs = (clock.now - attemptStart).milliseconds

            switch outcome {
            case .success(let response):
                logger.debug(
                    "API call succeeded",
                    metadata: [
                        "api": "\(service)", "method": "\(request.method)", "path": "\(request.path)",
                        "status": "\(response.status)", "attempt": "\(attempt)", "ms": "\(elapsedMs)",
                    ])
                return response
            case .fail(let error):
                logger.debug(
                    "API call failed", metadata: ["api": "\(service)", "error": "\(error)", "ms": "\(elapsedMs)"])
                throw error
            case .retry(let error, let retryAfter):
                guard attempt < policy.maxAttempts else {
                    throw error
                }
                let delay = retryAfter.map(policy.serverDelay) ?? policy.backoff(afterAttempt: attempt)
                if clock.now + delay - start > policy.maxTotalTime {
                    throw error
                }
                var metadata: Logger.Metadata = [
                    "api": "\(service)", "method": "\(request.method)", "path": "\(request.path)",
                    "attempt": "\(attempt)", "delay_ms": "\(delay.milliseconds)", "error": "\(error)",
                ]
                if let retryAfter { metadata["retry_after_ms"] = "\(retryAfter.milliseconds)" }
                logger.warning("API call will be retried", metadata: metadata)
                try await Task.sleep(for: delay)
            }
        }
    }

    // MARK: - One attempt

    private func execute(_ request: APIRequest) async throws -> APIResponse {
        var http = HTTPClientRequest(url: request.url)
        http.method = HTTPMethod(rawValue: request.method)
        http.headers.add(name: "User-Agent", value: configuration.userAgent)
        for (name, value) in request.headers {
            http.headers.replaceOrAdd(name: name, value: value)
        }
        if let body = request.body {
            http.body = .bytes(ByteBuffer(bytes: body))
        }
        let response = try await client.execute(http, timeout: TimeAmount(configuration.requestTimeout))
        let buffer: ByteBuffer
        do {
            buffer = try await response.body.collect(upTo: configuration.maxResponseBytes)
        } catch {
            // The server answered: whatever it did, the request reached it.
            throw BodyReadError(underlying: error, status: Int(response.status.code))
        }
        return APIResponse(
            status: Int(response.status.code),
            headers: response.headers.map { ($0.name.lowercased(), $0.value) },
            body: Data(buffer.readableBytesView))
    }

    private enum AttemptOutcome {
        case success(APIResponse)
        case retry(APIError, retryAfter: Duration?)
        case fail(APIError)
    }

    private func classify(
        _ response: APIResponse, request: APIRequest, service: APIService, attempt: Int
    ) -> AttemptOutcome {
        let status = response.status
        if (200..<300).contains(status) { return .success(response) }
        let retryAfter = response.header("retry-after").flatMap { RetryAfter.parse($0) }
        let body = APIErrorBody.parse(response.body, service: service).redacting(request.redactions)
        let threadLimited = service == .autotask && status >= 400 && APIErrorBody.isAutotaskThreadLimit(response.body)
        let throttled = status == 429 || threadLimited
        func error(_ kind: APIError.Kind) -> APIError {
            APIError(
                service: service, kind: kind, method: request.method, path: request.path, status: status,
                code: body.code, messages: body.messages.isEmpty ? [Self.reason(status)] : body.messages,
                retryAfter: retryAfter, attempts: attempt)
        }
        if throttled {
            // A 429 (or a thread-limit rejection) means the request was not processed: safe to resend
            // even for a create. Without Retry-After, an Autotask 429 waits 60 s (what Autotask
            // clients use); a thread-limit rejection and other APIs' 429s use the backoff.
            let delay = retryAfter ?? (service == .autotask && !threadLimited ? .seconds(60) : nil)
            return .retry(
                APIError(
                    service: service, kind: .rateLimited, method: request.method, path: request.path,
                    status: status, code: body.code,
                    messages: body.messages.isEmpty ? [Self.reason(status)] : body.messages,
                    retryAfter: delay, attempts: attempt),
                retryAfter: delay)
        }
        if status == 404 {
            return .fail(error(.notFound))
        }
        if status >= 500 || status == 408 {
            return request.idempotency == .idempotent
                ? .retry(error(.httpStatus(status)), retryAfter: retryAfter) : .fail(error(.httpStatus(status)))
        }
        return .fail(error(.httpStatus(status)))
    }

    private func classify(
        transportError: any Error, request: APIRequest, service: APIService, attempt: Int
    ) -> AttemptOutcome {
        let (kind, message) = TransportFailure.classify(transportError)
        let error = APIError(
            service: service, kind: kind, method: request.method, path: request.path,
            messages: [message], attempts: attempt)
        switch kind {
        case .notSent:
            return .retry(error, retryAfter: nil)
        case .outcomeUnknown:
            return request.idempotency == .idempotent ? .retry(error, retryAfter: nil) : .fail(error)
        default:
            return .fail(error)
        }
    }

    private static func reason(_ status: Int) -> String {
        HTTPResponseStatus(statusCode: status).reasonPhrase
    }
}

/// The response head arrived but its body could not be read.
struct BodyReadError: Error {
    let underlying: any Error
    let status: Int
}

/// A gate that admits everything.
struct NoGate: RequestGate {
    func acquire(for request: APIRequest) async throws {}
    func release(_ permit: Void) async {}
}
