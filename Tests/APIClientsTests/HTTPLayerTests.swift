import BridgeValues
import Foundation
import Testing

@testable import APIClients

@Suite("Shared HTTP layer pieces (no network)")
struct HTTPLayerTests {
    @Test("Retry-After accepts delay-seconds and an HTTP date")
    func retryAfter() {
        #expect(RetryAfter.parse("3") == .seconds(3))
        #expect(RetryAfter.parse(" 0 ") == .zero)
        let now = Date(timeIntervalSince1970: 784_111_767)  // Sun, 06 Nov 1994 08:49:27 GMT
        #expect(RetryAfter.parse("Sun, 06 Nov 1994 08:49:37 GMT", now: now) == .seconds(10))
        #expect(RetryAfter.parse("Sun, 06 Nov 1994 08:49:17 GMT", now: now) == .zero)  // in the past
        #expect(RetryAfter.parse("soon") == nil)
        #expect(RetryAfter.parse("-5") == nil)
    }

    @Test("Link headers give the next page URL")
    func linkHeader() {
        let link = LinkHeader(
            #"<https://x/apis/3.0/company/companies?page=2&pageSize=25>; rel="next", <https://x/apis/3.0/company/companies?page=9>; rel="last""#
        )
        #expect(link.next == "https://x/apis/3.0/company/companies?page=2&pageSize=25")
        #expect(link.links["last"] == "https://x/apis/3.0/company/companies?page=9")
        #expect(LinkHeader(#"<https://x/?page=1>; rel="first""#).next == nil)
        #expect(ConnectWiseClient.pageNumber(in: "https://x/a?conditions=x&page=7&pageSize=3") == 7)
    }

    @Test("backoff grows exponentially with jitter and stays within its bounds")
    func backoff() {
        let policy = HTTPRetryPolicy(maxAttempts: 6, baseDelay: .milliseconds(100), maxDelay: .seconds(1))
        for _ in 0..<50 {
            let first = policy.backoff(afterAttempt: 1)
            #expect(first >= .milliseconds(50) && first <= .milliseconds(100))
            let third = policy.backoff(afterAttempt: 3)
            #expect(third >= .milliseconds(200) && third <= .milliseconds(400))
            let capped = policy.backoff(afterAttempt: 20)
            #expect(capped >= .milliseconds(500) && capped <= .seconds(1))
            #expect(policy.serverDelay(.seconds(2)) >= .seconds(2))
        }
    }

    @Test("error bodies: each API's own code and messages are read")
    func errorBodies() {
        let acronis = APIErrorBody.parse(
            Data(#"{"error":{"code":1006,"message":"It is prohibited to delete a non-disabled tenant.","details":{"info":"tenant 1"},"domain":"PlatformAccountServer"}}"#.utf8),
            service: .acronis)
        #expect(acronis.code == "1006")
        #expect(acronis.messages == ["It is prohibited to delete a non-disabled tenant.", "tenant 1"])
        let oauth = APIErrorBody.parse(Data(#"{"error":"invalid_client","error_description":"Bad credentials"}"#.utf8), service: .acronis)
        #expect(oauth.code == "invalid_client" && oauth.messages == ["Bad credentials"])
        let cw = APIErrorBody.parse(
            Data(#"{"code":"InvalidObject","message":"ticket object is invalid","errors":[{"code":"ObjectExists","message":"in use","field":"identifier"}]}"#.utf8),
            service: .connectWise)
        #expect(cw.code == "InvalidObject")
        #expect(cw.messages == ["ticket object is invalid", "identifier: in use"])
        let at = APIErrorBody.parse(Data(#"{"errors":["dueDateTime is required.; on record number [0]."]}"#.utf8), service: .autotask)
        #expect(at.messages == ["dueDateTime is required.; on record number [0]."])
        #expect(APIErrorBody.parse(Data("<html>Bad Gateway</html>".utf8), service: .autotask).messages == ["<html>Bad Gateway</html>"])
        #expect(APIErrorBody.isAutotaskThreadLimit(Data(#"{"errors":["Itgenatr005: thread threshold of 3 threads has been exceeded"]}"#.utf8)))
        #expect(!APIErrorBody.isAutotaskThreadLimit(Data(#"{"errors":["dueDateTime is required."]}"#.utf8)))
    }

    @Test("a missing or mistyped field is named in the decoding error")
    func decodingErrorsNameTheField() throws {
        let missing = Data(#"{"items":[{"id":"a","version":1},{"version":2}]}"#.utf8)
        do {
            _ = try APICoding.decode(AcronisItems<AcronisTenant>.self, from: missing, service: .acronis, method: "GET", path: "/api/2/tenants")
            Issue.record("decoding should fail")
        } catch {
            #expect(error.kind == .invalidResponse(field: "items[1].id"))
            #expect(error.description.contains("GET /api/2/tenants"))
            #expect(error.description.contains("items[1].id"))
        }
        let mistyped = Data(#"[{"id":"seven"}]"#.utf8)
        do {
            _ = try APICoding.decode([CWTicket].self, from: mistyped, service: .connectWise, method: "GET", path: "/service/tickets")
            Issue.record("decoding should fail")
        } catch {
            #expect(error.kind == .invalidResponse(field: "[0].id"))
        }
    }

    @Test("secrets are redacted in descriptions, dumps and error messages")
    func secretsAreRedacted() {
        let secret = Secret("hunter2-very-secret")
        #expect("\(secret)" == "<redacted>")
        #expect(String(reflecting: secret) == "Secret(<redacted>)")
        var dumped = ""
        dump(secret, to: &dumped)
        #expect(!dumped.contains("hunter2"))
        let configuration = AutotaskConfiguration(userName: "u@x", secret: secret, integrationCode: Secret("CODE-1234567"))
        #expect(!"\(configuration)".contains("hunter2"))
        #expect(!"\(configuration)".contains("CODE-1234567"))
        let body = APIErrorBody(messages: ["user u@x with secret hunter2-very-secret is locked"]).redacting([secret.reveal()])
        #expect(body.messages == ["user u@x with secret <redacted> is locked"])
    }

    @Test("query values are percent-encoded except unreserved characters")
    func percentEncoding() {
        #expect(QueryEncoding.percentEncode("a-b_c.d~e") == "a-b_c.d~e")
        #expect(QueryEncoding.percentEncode("a b&c=d/é") == "a%20b%26c%3Dd%2F%C3%A9")
        #expect(URLParts.origin(of: "HTTPS://Host:8443/a/b?c") == "https://host:8443")
        #expect(URLParts.path(ofAbsolute: "https://h/a/b?c=1") == "/a/b")
        #expect(URLParts.path(ofAbsolute: "https://h") == "")
    }

    @Test("ConnectWise cloud sites are called through their api- host")
    func connectWiseHosts() throws {
        #expect(try CWCodebaseResolver.origins(of: "na.myconnectwise.net") == ("https://na.myconnectwise.net", "https://api-na.myconnectwise.net"))
        #expect(try CWCodebaseResolver.origins(of: "https://cw.example.com/") == ("https://cw.example.com", "https://cw.example.com"))
        #expect(try CWCodebaseResolver.origins(of: "http://127.0.0.1:8080") == ("http://127.0.0.1:8080", "http://127.0.0.1:8080"))
        #expect(CWCodebaseResolver.baseURL(apiOrigin: "https://h", codebase: "v2024_1/") == "https://h/v2024_1/apis/3.0")
    }

    @Test("an Acronis quota always writes value and overage, null meaning unlimited")
    func quotaEncoding() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        #expect(String(decoding: try encoder.encode(AcronisQuota.unlimited(version: 3)), as: UTF8.self) == #"{"overage":null,"value":null,"version":3}"#)
        #expect(String(decoding: try encoder.encode(AcronisQuota.hardLimit(10, version: 0)), as: UTF8.self) == #"{"overage":0,"value":10,"version":0}"#)
    }
}
