import Foundation

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A plain HTTP GET on loopback for the tests, with the status and body as text.
enum HTTPGet {
    static func fetch(_ address: String) async throws -> (status: Int, body: String) {
        guard let url = URL(string: address) else { throw HarnessError("bad URL \(address)") }
        let (data, response) = try await URLSession.shared.data(from: url)
        let status = (response as? HTTPURLResponse)?.statusCode ?? 0
        return (status, String(decoding: data, as: UTF8.self))
    }
}
