import Foundation
import Hummingbird

/// The Hummingbird responder of one listener: the `/_sandbox/` control surface, then call
/// counting, fault injection and limits, authentication and the API's routes.
struct ListenerResponder: HTTPResponder {
    typealias Context = BasicRequestContext

    let service: any SimulatedAPI
    let control: ControlAPI
    let state: SandboxState
    let baseURL: BaseURLBox
    /// Longest query string accepted (nil: no limit).
    let maxQueryLength: Int?

    /// Largest request body accepted (a world upload can be large).
    static let maxBodySize = 512 * 1024 * 1024

    func respond(to request: Request, context: Context) async throws -> Response {
        let sandboxRequest = try await makeRequest(request)
        let response = await handle(sandboxRequest)
        return makeResponse(response, isHead: request.method == .head)
    }

    func handle(_ request: SandboxRequest) async -> SandboxResponse {
        if request.segments.first == "_sandbox" {
            return await control.handle(request, api: service.api)
        }
        if let maxQueryLength, request.rawQuery.utf8.count > maxQueryLength {
            _ = await state.admit(
                api: service.api, callKey: "\(request.method) (query string too long)", endpoint: "(query string too long)", threadKey: nil,
                countsTowardsBudget: false)
            await state.release(api: service.api, endpoint: "(query string too long)")
            return service.notFound(request)
        }
        let match = service.routes.match(method: request.method, path: request.segments[...])
        switch match {
        case .notFound:
            _ = await state.admit(
                api: service.api, callKey: "\(request.method) (unmatched)", endpoint: "(unmatched)", threadKey: nil,
                countsTowardsBudget: false)
            await state.release(api: service.api, endpoint: "(unmatched)")
            return service.notFound(request)
        case .methodNotAllowed(let template, let allowed):
            let key = "\(request.method) \(template.description)"
            let admission = await state.admit(
                api: service.api, callKey: key, endpoint: template.description, threadKey: nil, countsTowardsBudget: false)
            if let held = admission.heldEndpoint { await state.release(api: service.api, endpoint: held) }
            return service.methodNotAllowed(request, allowed: allowed)
        case .found(let route, let parameters):
            return await run(route, parameters: parameters, request: request)
        }
    }

    private func run(_ route: Route<HandlerContext>, parameters: RouteParameters, request: SandboxRequest) async
        -> SandboxResponse
    {
        let endpoint = service.endpoint(template: route.template, parameters: parameters)
        let admission = await state.admit(
            api: service.api, callKey: service.callKey(method: route.method, template: route.template, parameters: parameters),
            endpoint: endpoint, threadKey: service.threadKey(request),
            countsTowardsBudget: service.countsTowardsBudget(route.template), method: request.method, path: request.rawPath)
        var response = await carryOut(route, parameters: parameters, request: request, admission: admission)
        response.headers.append(contentsOf: service.responseHeaders)
        // Released before answering, so a client that waits for each answer never overlaps itself.
        if let held = admission.heldEndpoint {
            await state.release(api: service.api, endpoint: held)
        }
        return response
    }

    private func carryOut(
        _ route: Route<HandlerContext>, parameters: RouteParameters, request: SandboxRequest, admission: Admission
    ) async -> SandboxResponse {
        if admission.delay > .zero {
            try? await Task.sleep(for: admission.delay)
        }
        if let rejection = admission.rejection {
            var response = service.rejection(rejection)
            if case .scripted(let status, let seconds?) = rejection, status != 429 {
                response.headers.append(("Retry-After", String(seconds)))
            }
            return response
        }
        if !service.isPublic(route.template), let refusal = await service.authenticate(request, state: state) {
            return refusal
        }
        let response: SandboxResponse
        do {
            response = try await route.handler(HandlerContext(request: request, parameters: parameters, state: state))
        } catch let error as SandboxError {
            response = error.response
        } catch {
            response = service.unexpected(error)
        }
        return admission.lostResponseStatus.map { service.lostResponse(status: $0) } ?? response
    }

    private func makeRequest(_ request: Request) async throws -> SandboxRequest {
        let buffer = try await request.body.collect(upTo: Self.maxBodySize)
        let rawPath = request.uri.path
        let segments = rawPath.split(separator: "/", omittingEmptySubsequences: true).map {
            String($0).removingPercentEncoding ?? String($0)
        }
        let rawQuery = request.uri.query ?? ""
        return SandboxRequest(
            method: request.method.rawValue.uppercased(), rawPath: rawPath, segments: segments, rawQuery: rawQuery,
            query: QueryItems(parsing: rawQuery), headers: request.headers, body: Array(buffer: buffer),
            baseURL: baseURL.get())
    }

    private func makeResponse(_ response: SandboxResponse, isHead: Bool) -> Response {
        var headers = HTTPFields()
        for (name, value) in response.headers {
            if let fieldName = HTTPFields.Element.Name(name) { headers.append(.init(name: fieldName, value: value)) }
        }
        let body: ResponseBody = isHead || response.body.isEmpty ? .init() : .init(byteBuffer: ByteBuffer(bytes: response.body))
        if isHead { headers[.contentLength] = String(response.body.count) }
        return Response(status: HTTPResponse.Status(code: response.status), headers: headers, body: body)
    }
}
