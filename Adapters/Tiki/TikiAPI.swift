import Foundation
import OCOPCatalog
import Publishing
import Transport

/// Calls to Tiki's Open API with the seller's OAuth2 bearer token; errors come as `{"errors": ["…"]}` with
/// the HTTP status saying whose they are: 401/403 the credentials (the run stops), 429 and 5xx a busy
/// platform (retried by the client, then left for the next run), anything else the item's.
struct TikiAPI {
    let endpoint: URL
    let accessToken: String
    let client: any HTTPClient

    init(account: MarketplaceAccount, client: any HTTPClient) throws(PublishingError) {
        self.endpoint = try account.endpoint()
        self.accessToken = try account.require("access_token")
        self.client = client
    }

    /// `method` on `path` (under the endpoint) with an optional JSON body; the answer.
    func call(_ method: String, _ path: String, body: JSONValue? = nil, references: RemoteReferences?) async throws
        -> JSONValue
    {
        var headers = [("Authorization", "Bearer \(self.accessToken)"), ("Accept", "application/json")]
        if body != nil { headers.append(("Content-Type", "application/json")) }
        let request = HTTPRequest(
            method: method,
            url: self.endpoint.appending(path: path),
            headers: headers,
            body: body.map { Data($0.serialized.utf8) } ?? Data()
        )
        let response: HTTPResponse
        do {
            response = try await self.client.send(request)
        } catch {
            throw PublishingError(.unreachable, "tiki: \(error.message)")
        }
        let answer = try? JSONValue.parse(response.body)
        guard (200..<300).contains(response.status) else {
            let reasons = answer?["errors"]?.elements.compactMap(\.text) ?? []
            let message = (reasons.isEmpty ? "refused" : reasons.joined(separator: "; ")) + " (HTTP \(response.status))"
            switch response.status {
            case 401, 403: throw PublishingError(.account, "tiki: \(message)")
            case 429, 500...: throw ItemFailure("Tiki is busy: \(message); sent again next run", references: references)
            default: throw ItemFailure(message, references: references)
            }
        }
        guard let answer else {
            throw ItemFailure("Tiki answered HTTP \(response.status) without JSON", references: references)
        }
        return answer
    }
}
