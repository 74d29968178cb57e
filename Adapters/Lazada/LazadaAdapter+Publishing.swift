import FeedKit
public import Foundation
public import Groundwork
import OCOPCatalog
public import Publishing
public import Transport

/// Lazada's Open Platform for the core to call: every parameter — `app_key`, `access_token`, the millisecond
/// `timestamp`, `sign_method`, the business `payload` — and the `sign` over them posted as a form (in the
/// query for a GET); answers read from Lazada's envelope (`code` "0" on success, else `type`, `message`,
/// `detail`), errors sorted by `LazadaErrors`. Each product's calls are a `LazadaConversation`.
extension LazadaAdapter: ItemCallsAdapter {
    /// Items recorded per ledger transaction.
    public var batchSize: Int { 20 }

    /// Lazada limits each API per second without publishing most figures; its inventory APIs take 50 a
    /// second per seller, the one figure it gives.
    public var documentedRateLimit: Double? { 50 }

    public var style: PublishingStyle { .itemCalls(self) }

    public var displayName: String { "Lazada" }

    /// `Contract/lazada-products.json`, written from Lazada's Open Platform documents (its sources inside).
    public func apiContract() throws(ContractError) -> APIContract? {
        try APIContract(named: "lazada-products", in: .module)
    }

    /// Lazada's image guide (shared/reference/vn-marketplace-apis.md): JPG or PNG, 330 to 5,000 px a side, at
    /// most 3,145,728 bytes; `image/migrate`'s E303 says the same ("less than 5000*5000px and file size is less
    /// than 3145728B"), though its page still says 1 MB.
    public var imageLimits: ImageLimits? { ImageLimits(sides: 330...5000, maximumBytes: 3_145_728) }

    public func account(_ settings: MarketplaceAccount) throws(PublishingError) -> LazadaAccount {
        try LazadaAccount(settings)
    }

    public func conversation(for change: PlannedChange, account: LazadaAccount) -> LazadaConversation {
        LazadaConversation(change, payloadFormat: account.payloadFormat, adapter: self)
    }

    public func request(for call: MarketplaceCall, account: LazadaAccount, now: Date) -> HTTPRequest {
        let parameters = [
            "app_key": account.appKey, "access_token": account.accessToken, "sign_method": "sha256",
            "timestamp": String(Int64(now.timeIntervalSince1970 * 1000)),
        ].merging(call.parameters) { system, _ in system }
        return Self.signed(call.method, call.path, parameters, base: account.endpoint, appSecret: account.appSecret)
    }

    /// The request for `path` under `base` with `parameters` and their `sign`: in the query for a GET, else
    /// posted as a form (the APIs and the authorization service alike).
    static func signed(
        _ method: String,
        _ path: String,
        _ parameters: [String: String],
        base: URL,
        appSecret: String
    ) -> HTTPRequest {
        var parameters = parameters
        parameters["sign"] = LazadaSignature.sign(apiPath: path, parameters: parameters, appSecret: appSecret)
        let form = parameters.sorted { $0.key < $1.key }.map { "\($0.key)=\(Self.formEncoded($0.value))" }
            .joined(separator: "&")
        let url = base.appending(path: String(path.dropFirst()))
        guard method != "GET" else { return HTTPRequest(url: URL(string: url.absoluteString + "?" + form) ?? url) }
        return HTTPRequest(
            method: method,
            url: url,
            headers: [("Content-Type", "application/x-www-form-urlencoded;charset=utf-8")],
            body: Data(form.utf8)
        )
    }

    public func answer(to response: HTTPResponse) -> CallAnswer {
        guard let answer = try? JSONValue.parse(response.body), let code = answer["code"]?.text else {
            return .refused(
                MarketplaceRefusal(.item, said: "Lazada answered HTTP \(response.status) without its JSON envelope")
            )
        }
        guard code == "0" else {
            var message = answer["message"]?.text ?? "refused"
            if let detail = answer["detail"]?[0]?["message"]?.text { message += ": \(detail)" }
            return .refused(
                MarketplaceRefusal(
                    LazadaErrors.classify(code: code, type: answer["type"]?.text),
                    message: message,
                    code: code
                )
            )
        }
        return .data(answer["data"] ?? .object([]))
    }

    /// `application/x-www-form-urlencoded` text: everything but unreserved characters percent-encoded.
    static func formEncoded(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: Self.unreserved) ?? text
    }

    /// RFC 3986's unreserved characters: ASCII letters and digits, `-._~`.
    private static let unreserved = CharacterSet(
        charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~"
    )
}
