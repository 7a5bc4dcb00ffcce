import Foundation

/// The `/_sandbox/` control surface every listener serves (not part of any real API).
struct ControlAPI: Sendable {
    let state: SandboxState

    func handle(_ request: SandboxRequest, api: SandboxAPI) async -> SandboxResponse {
        do {
            return try await route(request, api: api)
        } catch let error as SandboxError {
            return error.response
        } catch {
            return .json(["error": .string(String(describing: error))], status: 400)
        }
    }

    static func failure(_ status: Int, _ message: String) -> SandboxError {
        SandboxError(status: status, body: ["error": .string(message)])
    }

    private func route(_ request: SandboxRequest, api: SandboxAPI) async throws -> SandboxResponse {
        let path = Array(request.segments.dropFirst())
        switch (request.method, path) {
        case ("POST", ["reset"]):
            await state.reset()
            return .json(["reset": true])
        case ("POST", ["load"]):
            let world = try SandboxWorld(json: request.jsonBody())
            try await state.load(world)
            return .json(["loaded": true])
        case ("GET", ["state"]):
            return SandboxResponse(status: 200, headers: [("Content-Type", "application/json")], body: await state.snapshot().encoded())
        case ("GET", ["calls"]):
            return .json(await state.calls(api).json)
        case ("POST", ["calls", "reset"]):
            await state.resetCalls()
            return .json(["reset": true])
        default:
            throw Self.failure(404, "Unknown control route \(request.method) \(request.rawPath)")
        }
    }
}
