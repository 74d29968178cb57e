import FeedKit
public import Foundation
public import Groundwork
import OCOPCatalog
public import Publishing
public import Transport

/// Shopee's Open Platform v2 for the core to call: common parameters and `sign` in the query (the media space
/// is a public API, signed without the token and shop), request parameters as a JSON body; answers read from
/// Shopee's envelope (`error`, `message`, `response`), errors sorted by `ShopeeErrors`. Each product's calls
/// are a `ShopeeConversation`.
extension ShopeeAdapter: ItemCallsAdapter {
    /// Items recorded per ledger transaction (each is its own calls: Shopee has no batch create).
    public var batchSize: Int { 20 }

    public var style: PublishingStyle { .itemCalls(self) }

    public var displayName: String { "Shopee" }

    /// `media_space/upload_image`: JPG, JPEG or PNG, at most 10 MB each. Shopee documents no pixel size, and
    /// its image count per item comes from `get_item_limit`, so neither is checked here.
    public var imageLimits: ImageLimits? { ImageLimits(maximumBytes: 10 << 20) }

    /// `Contract/shopee-product-v2.json`, written from the marketplace's reference (its sources inside).
    public func apiContract() throws(ContractError) -> APIContract? {
        try APIContract(named: "shopee-product-v2", in: .module)
    }

    public func account(_ settings: MarketplaceAccount) throws(PublishingError) -> ShopeeAccount {
        try ShopeeAccount(settings)
    }

    public func discoveryCalls(for account: ShopeeAccount) -> [MarketplaceCall] {
        account.discoversLogistics ? [MarketplaceCall("GET", "/api/v2/logistics/get_channel_list")] : []
    }

    public func account(_ account: ShopeeAccount, discovered answers: [JSONValue]) throws(PublishingError)
        -> ShopeeAccount
    {
        answers.first.map { account.completed(channels: $0) } ?? account
    }

    public func conversation(for change: PlannedChange, account: ShopeeAccount) -> ShopeeConversation {
        ShopeeConversation(change, logistics: account.logistics, adapter: self)
    }

    public func request(for call: MarketplaceCall, account: ShopeeAccount, now: Date) -> HTTPRequest {
        let scope: ShopeeSignature.Scope =
            call.path.hasPrefix("/api/v2/media_space/")
            ? .public : .shop(accessToken: account.accessToken, shopID: account.shopID)
        let timestamp = Int64(now.timeIntervalSince1970)
        var query = [
            URLQueryItem(name: "partner_id", value: String(account.partnerID)),
            URLQueryItem(name: "timestamp", value: String(timestamp)),
        ]
        if case .shop(let token, let shop) = scope {
            query.append(URLQueryItem(name: "access_token", value: token))
            query.append(URLQueryItem(name: "shop_id", value: String(shop)))
        }
        let sign = ShopeeSignature.sign(
            partnerID: account.partnerID,
            path: call.path,
            timestamp: timestamp,
            scope: scope,
            partnerKey: account.partnerKey
        )
        query.append(URLQueryItem(name: "sign", value: sign))
        query += call.parameters.sorted { $0.key < $1.key }.map { URLQueryItem(name: $0.key, value: $0.value) }
        let (contentType, body) = call.body.encoded
        return HTTPRequest(
            method: call.method,
            url: account.endpoint.appending(path: String(call.path.dropFirst())).appending(queryItems: query),
            headers: contentType.map { [("Content-Type", $0)] } ?? [],
            body: body
        )
    }

    public func answer(to response: HTTPResponse) -> CallAnswer {
        guard let answer = try? JSONValue.parse(response.body), case .object = answer else {
            return .refused(
                MarketplaceRefusal(.item, said: "Shopee answered HTTP \(response.status) without its JSON envelope")
            )
        }
        let error = answer["error"]?.text ?? ""
        guard error.isEmpty, (200..<300).contains(response.status) else {
            let message = answer["message"]?.text ?? "HTTP \(response.status)"
            return .refused(
                MarketplaceRefusal(
                    ShopeeErrors.classify(error: error, message: message),
                    message: message,
                    code: error.isEmpty ? "HTTP \(response.status)" : error
                )
            )
        }
        return .data(answer["response"] ?? .object([]))
    }
}
