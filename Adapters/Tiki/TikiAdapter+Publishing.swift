import FeedKit
public import Foundation
public import Groundwork
import OCOPCatalog
public import Publishing
public import Transport

/// Tiki's Open API for the core to call: bearer-authorised JSON requests, errors as `{"errors": ["…"]}` with
/// the HTTP status saying whose they are (401/403 the credentials: the run stops; 429 and 5xx a busy platform;
/// anything else the item's). Each product's calls are a `TikiConversation`.
extension TikiAdapter: ItemCallsAdapter {
    /// Items recorded per ledger transaction.
    public var batchSize: Int { 20 }

    /// 100 requests a second per seller (Tiki's maintainers, 2020).
    public var documentedRateLimit: Double? { 100 }

    public var style: PublishingStyle { .itemCalls(self) }

    public var displayName: String { "Tiki" }

    /// `Contract/tiki-open-api-v1.json`, written from the marketplace's reference (its sources inside).
    public func apiContract() throws(ContractError) -> APIContract? {
        try APIContract(named: "tiki-open-api-v1", in: .module)
    }

    public func account(_ settings: MarketplaceAccount) throws(PublishingError) -> TikiAccount {
        try TikiAccount(settings)
    }

    public func conversation(for change: PlannedChange, account: TikiAccount) -> TikiConversation {
        TikiConversation(
            change,
            productRequest: change.listing.map { self.productRequest(for: $0, supplier: account.supplier) },
            checks: self.trackingChecks
        )
    }

    /// Tiki's list of the seller's suppliers, when the configuration names none.
    public func discoveryCalls(for account: TikiAccount) -> [MarketplaceCall] {
        account.supplier == nil ? [MarketplaceCall("GET", "/v1/suppliers")] : []
    }

    public func account(_ account: TikiAccount, discovered answers: [JSONValue]) throws(PublishingError)
        -> TikiAccount
    {
        guard let suppliers = answers.first else { return account }
        return try account.completed(suppliers: suppliers)
    }

    public func request(for call: MarketplaceCall, account: TikiAccount, now: Date) -> HTTPRequest {
        var headers = [("Authorization", "Bearer \(account.accessToken)"), ("Accept", "application/json")]
        let (contentType, body) = call.body.encoded
        if let contentType { headers.append(("Content-Type", contentType)) }
        // Parameters go in the query (a GET's filters and language); Tiki's POSTs carry JSON bodies.
        let url = account.endpoint.appending(path: String(call.path.dropFirst()))
        let query = call.parameters.sorted { $0.key < $1.key }.map { URLQueryItem(name: $0.key, value: $0.value) }
        return HTTPRequest(
            method: call.method,
            url: query.isEmpty ? url : url.appending(queryItems: query),
            headers: headers,
            body: body
        )
    }

    public func answer(to response: HTTPResponse) -> CallAnswer {
        let answer = try? JSONValue.parse(response.body)
        guard (200..<300).contains(response.status) else {
            let reasons = answer?["errors"]?.elements.compactMap(\.text) ?? []
            let message = (reasons.isEmpty ? "refused" : reasons.joined(separator: "; ")) + " (HTTP \(response.status))"
            let errorClass: MarketplaceErrorClass =
                switch response.status {
                case 401, 403: .request
                case 429, 500...: .retryable
                default: .item
                }
            return .refused(MarketplaceRefusal(errorClass, said: message, code: String(response.status)))
        }
        guard let answer else {
            return .refused(MarketplaceRefusal(.item, said: "Tiki answered HTTP \(response.status) without JSON"))
        }
        return .data(answer)
    }
}
