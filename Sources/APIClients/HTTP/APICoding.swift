import BridgeValues
import Foundation

/// JSON encoding and decoding shared by the three clients.
enum APICoding {
    static func makeDecoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            guard let date = Timestamp.parse(text) else {
                throw DecodingError.dataCorruptedError(
                    in: container, debugDescription: "not an ISO 8601 timestamp: \(text.prefix(40))")
            }
            return date
        }
        return decoder
    }

    static func makeEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(Timestamp.format(date, fractionalSeconds: false))
        }
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    /// Decodes a response body, turning a decoding failure into ``APIError`` naming the field.
    static func decode<T: Decodable>(
        _ type: T.Type, from data: Data, service: APIService, method: String, path: String
    ) throws(APIError) -> T {
        do {
            return try makeDecoder().decode(T.self, from: data)
        } catch let error as DecodingError {
            let (field, problem) = describe(error)
            throw APIError(
                service: service, kind: .invalidResponse(field: field), method: method, path: path,
                messages: ["\(problem) in the response body (expected \(T.self))"])
        } catch {
            throw APIError(
                service: service, kind: .invalidResponse(field: "<body>"), method: method, path: path,
                messages: ["the response body is not JSON"])
        }
    }

    static func encode<T: Encodable>(
        _ value: T, service: APIService, method: String, path: String
    ) throws(APIError) -> Data {
        do {
            return try makeEncoder().encode(value)
        } catch {
            throw APIError(
                service: service, kind: .invalidRequest, method: method, path: path,
                messages: ["the request body could not be encoded as JSON"])
        }
    }

    /// The field path (`items[3].id`) and a short reason of a decoding error.
    static func describe(_ error: DecodingError) -> (field: String, problem: String) {
        switch error {
        case .keyNotFound(let key, let context):
            return (render(context.codingPath + [key]), "required field is missing")
        case .valueNotFound(let type, let context):
            return (render(context.codingPath), "field is null where \(type) is required")
        case .typeMismatch(let type, let context):
            return (render(context.codingPath), "field is not of type \(type)")
        case .dataCorrupted(let context):
            if context.codingPath.isEmpty { return ("<body>", "the response body is not valid JSON") }
            return (render(context.codingPath), context.debugDescription)
        @unknown default:
            return ("<body>", "undecodable response")
        }
    }

    static func render(_ path: [any CodingKey]) -> String {
        var text = ""
        for key in path {
            if let index = key.intValue, key.stringValue.hasPrefix("Index ") || key.stringValue == "\(index)" {
                text += "[\(index)]"
            } else {
                text += text.isEmpty ? key.stringValue : "." + key.stringValue
            }
        }
        return text.isEmpty ? "<body>" : text
    }
}
