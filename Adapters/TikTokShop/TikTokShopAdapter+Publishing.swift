import FeedKit
public import Foundation
public import Groundwork
import OCOPCatalog
public import Publishing
public import Transport

/// TikTok Shop's Partner API for the core to call: `app_key`, `timestamp`, `shop_cipher` and `sign` in the
/// query, the seller's token in `x-tts-access-token`, the JSON body signed byte for byte (an upload's
/// multipart body is not); answers read from TikTok's envelope (`code` 0 on success), errors sorted by
/// `TikTokShopErrors`. Each product's calls are a `TikTokShopConversation`.
extension TikTokShopAdapter: ItemCallsAdapter {
    /// Items recorded per ledger transaction.
    public var batchSize: Int { 20 }

    /// 50 requests a second per API and shop (TikTok Shop's default; more gets HTTP 429).
    public var documentedRateLimit: Double? { 50 }

    public var style: PublishingStyle { .itemCalls(self) }

    public var displayName: String { "TikTok Shop" }

    /// Upload Product Image for main images: 300 to 4,000 px a side, at most 10 MB; at most 9 main images
    /// (Create Product). TikTok also takes WEBP, HEIC and BMP; we upload JPEG and PNG only.
    public var imageLimits: ImageLimits? { ImageLimits(sides: 300...4000, maximumBytes: 10 << 20, maximumCount: 9) }

    public func account(_ settings: MarketplaceAccount) throws(PublishingError) -> TikTokShopAccount {
        try TikTokShopAccount(settings)
    }

    /// `Contract/tiktok-shop-products.json`, written from TikTok Shop's Partner API reference (its sources
    /// inside).
    public func apiContract() throws(ContractError) -> APIContract? {
        try APIContract(named: "tiktok-shop-products", in: .module)
    }

    public func discoveryCalls(for account: TikTokShopAccount) -> [MarketplaceCall] {
        account.warehouse == nil ? [MarketplaceCall("GET", "/logistics/202309/warehouses")] : []
    }

    public func account(_ account: TikTokShopAccount, discovered answers: [JSONValue]) throws(PublishingError)
        -> TikTokShopAccount
    {
        guard let warehouses = answers.first else { return account }
        return try account.completed(warehouses: warehouses)
    }

    /// The calls TikTok Shop documents without `shop_cipher` (Upload Product Image: app_key, sign and
    /// timestamp only; one sent anyway is refused with 36009004 "Unexpected identifier").
    static let shoplessPaths: Set<String> = ["/product/202309/images/upload"]

    public func conversation(for change: PlannedChange, account: TikTokShopAccount) -> TikTokShopConversation {
        TikTokShopConversation(change, warehouse: account.warehouse, adapter: self)
    }

    public func request(for call: MarketplaceCall, account: TikTokShopAccount, now: Date) -> HTTPRequest {
        var query = ["app_key": account.appKey, "timestamp": String(Int64(now.timeIntervalSince1970))]
        if !Self.shoplessPaths.contains(call.path) { query["shop_cipher"] = account.shopCipher }
        query.merge(call.parameters) { system, _ in system }
        return Self.signed(
            call.method,
            call.path,
            query: query,
            body: call.body.encoded,
            base: account.endpoint,
            appSecret: account.appSecret,
            accessToken: account.accessToken
        )
    }

    /// The request for `path` under `base`: `query` with its `sign` (the secret wrapped around the path, the
    /// sorted query and the body unless multipart), the token in `x-tts-access-token`.
    static func signed(
        _ method: String,
        _ path: String,
        query: [String: String],
        body: (contentType: String?, data: Data),
        base: URL,
        appSecret: String,
        accessToken: String
    ) -> HTTPRequest {
        let contentType = body.contentType ?? "application/json"
        var query = query
        query["sign"] = TikTokShopSignature.sign(
            path: path,
            query: query,
            body: body.data,
            multipart: contentType.hasPrefix("multipart/form-data"),
            appSecret: appSecret
        )
        let url = base.appending(path: String(path.dropFirst()))
            .appending(queryItems: query.sorted { $0.key < $1.key }.map { URLQueryItem(name: $0.key, value: $0.value) })
        return HTTPRequest(
            method: method,
            url: url,
            headers: [("Content-Type", contentType), ("x-tts-access-token", accessToken)],
            body: body.data
        )
    }

    public func answer(to response: HTTPResponse) -> CallAnswer {
        guard let answer = try? JSONValue.parse(response.body), let code = answer["code"]?.text.flatMap(Int.init) else {
            return .refused(
                MarketplaceRefusal(
                    .item,
                    said: "TikTok Shop answered HTTP \(response.status) without its JSON envelope"
                )
            )
        }
        guard code == 0, (200..<300).contains(response.status) else {
            return .refused(
                MarketplaceRefusal(
                    TikTokShopErrors.classify(code: code, status: response.status),
                    message: answer["message"]?.text ?? "refused",
                    code: String(code)
                )
            )
        }
        // Calls on several products (Delete Products) answer code 0 and list each product they failed in
        // data.errors: for our one-product calls, that product's refusal.
        if let failed = answer["data"]?["errors"]?[0], let failedCode = failed["code"]?.text.flatMap(Int.init) {
            return .refused(
                MarketplaceRefusal(
                    TikTokShopErrors.classify(code: failedCode),
                    message: failed["message"]?.text ?? "refused",
                    code: String(failedCode)
                )
            )
        }
        return .data(answer["data"] ?? .object([]))
    }
}
