import FeedKit
import Foundation
public import Groundwork
import OCOPCatalog
public import Publishing
public import Transport

/// Merchant API products v1: `productInputs:insert` and `productInputs.delete`, sent through the batch
/// endpoint and authorised by a service-account token (`ServiceAccountGrant`) that the core keeps until
/// shortly before it expires.
extension GoogleMerchantAdapter: BatchRequestAdapter {
    /// Google expires a product input nobody has sent for 30 days.
    public var listingLifetime: Duration? { .seconds(30 * 86_400) }

    public var batchSize: Int { 100 }

    /// Merchant API: "you can update each product at most twice per day", every insert counting, inside a
    /// batch too (Merchant API quotas and limits, products).
    public var dailySendLimit: Int? { 2 }

    public var style: PublishingStyle { .batches(self) }

    /// `Contract/merchant-api-products-v1.json`, written from Merchant API's own protos (its sources inside).
    public func apiContract() throws(ContractError) -> APIContract? {
        try APIContract(named: "merchant-api-products-v1", in: .module)
    }

    /// The service-account flow: the core exchanges the key file's signed JWT for a token and keeps it.
    public var tokenGrant: (any AccessTokenGrant)? { ServiceAccountGrant() }

    /// Up to 100 calls travel in one `multipart/mixed` request to the batch endpoint, as Google suggests; each
    /// still counts against quota on its own.
    public func account(_ settings: MarketplaceAccount) throws(PublishingError) -> GoogleMerchantAccount {
        try GoogleMerchantAccount(settings)
    }

    public func request(
        for batch: [PlannedChange],
        account: GoogleMerchantAccount,
        context run: BatchRequestContext
    ) throws(PublishingError) -> HTTPRequest {
        guard !batch.isEmpty else { throw PublishingError(.account, "google-merchant: an empty batch") }
        let (dataSource, language, feedLabel, endpoint) =
            (account.dataSource, account.language, account.feedLabel, account.endpoint)
        let base = endpoint.path + "/products/v1/accounts/\(account.merchant)/productInputs"
        let query =
            "dataSource=\(dataSource.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed) ?? dataSource)"
        var context = run.listing
        context.country = feedLabel
        context.language = language
        let parts = batch.enumerated().map { index, change -> MultipartMixed.Part in
            switch change.action {
            case .delete:
                let name = "\(language)~\(feedLabel)~\(change.code)"
                return MultipartMixed.Part(
                    contentID: "item-\(index)",
                    startLine: "DELETE \(base)/\(name)?\(query) HTTP/1.1"
                )
            case .create, .update, .refresh:
                let body = self.json(for: change.listing ?? Listing(id: change.code), context: context)
                return MultipartMixed.Part(
                    contentID: "item-\(index)",
                    startLine: "POST \(base):insert?\(query) HTTP/1.1",
                    headers: ["Content-Type": "application/json"],
                    body: Data(body.serialized.utf8)
                )
            }
        }
        let boundary = "ocop_batch_\(run.nonce)"
        return HTTPRequest(
            method: "POST",
            url: endpoint.appending(path: "batch/products/v1"),
            headers: [
                ("Authorization", "Bearer \(account.accessToken)"),
                ("Content-Type", MultipartMixed.contentType(boundary: boundary)),
            ],
            body: MultipartMixed.encode(parts, boundary: boundary)
        )
    }

    /// AIP-193's UNAUTHENTICATED (401) and PERMISSION_DENIED (403) for the batch as a whole: the token was
    /// refused, or the service account may not use this Merchant Center account.
    public func refusedCredentials(_ response: HTTPResponse) -> String? {
        guard [401, 403].contains(response.status) else { return nil }
        let error = (try? JSONValue.parse(response.body))?["error"]
        return
            "\(error?["message"]?.text ?? "HTTP \(response.status)") (\(error?["status"]?.text ?? "HTTP \(response.status)"))"
    }

    /// Each call's answer is the part whose `Content-ID` is `response-item-N`; a failed batch as a whole
    /// fails every item with its error; a success that is not a batch answer fails every item too (whatever
    /// answered, it was not Merchant API).
    public func outcomes(of batch: [PlannedChange], response: HTTPResponse) -> [ItemOutcome] {
        guard (200..<300).contains(response.status) else {
            return batch.map { self.outcome(of: $0, status: response.status, body: response.body) }
        }
        guard let boundary = MultipartMixed.boundary(inContentType: response.header("content-type")),
            let parts = MultipartMixed.parse(response.body, boundary: boundary)
        else {
            let said =
                "unexpected answer from Google Merchant: HTTP \(response.status) without a multipart/mixed "
                + "batch answer; sent again next run"
            return batch.map { ItemOutcome(code: $0.code, action: $0.action, succeeded: false, message: said) }
        }
        let answers = Dictionary(parts.map { ($0.contentID, $0) }) { first, _ in first }
        return batch.enumerated().map { index, change in
            guard let part = answers["response-item-\(index)"], let status = part.status else {
                return ItemOutcome(
                    code: change.code,
                    action: change.action,
                    succeeded: false,
                    message: "the batch answer has no part for this call"
                )
            }
            return self.outcome(of: change, status: status, body: part.body)
        }
    }

    /// One call's outcome from its status and body (AIP-193 errors read for their message and reason). A
    /// success is what Merchant API answers: an insert's `ProductInput` (with its `name`), a delete's empty
    /// object; anything else is an unexpected answer and fails the item.
    private func outcome(of change: PlannedChange, status: Int, body: Data) -> ItemOutcome {
        let answer = try? JSONValue.parse(body)
        if change.action == .delete && status == 404 {
            return ItemOutcome(code: change.code, action: change.action, succeeded: true)
        }
        if (200..<300).contains(status) {
            let name = answer?["name"]?.text
            guard case .object? = answer, change.action == .delete || !(name ?? "").isEmpty else {
                let what = change.action == .delete ? "an empty object" : "a ProductInput with its name"
                return ItemOutcome(
                    code: change.code,
                    action: change.action,
                    succeeded: false,
                    message:
                        "unexpected answer from Google Merchant: HTTP \(status) without \(what); sent again next run"
                )
            }
            return ItemOutcome(code: change.code, action: change.action, succeeded: true, remoteID: name)
        }
        // AIP-193: the message, and metadata.REASON when Google gives one.
        let error = answer?["error"]
        var message = error?["message"]?.text ?? "HTTP \(status)"
        if case .array(let details)? = error?["details"],
            let reason = details.lazy.compactMap({ $0["metadata"]?["REASON"]?.text ?? $0["reason"]?.text }).first
        {
            message += " (\(reason))"
        }
        return ItemOutcome(code: change.code, action: change.action, succeeded: false, message: message)
    }
}
