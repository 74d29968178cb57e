import Crypto
import Foundation
import Hummingbird
import OCOPCatalog

/// The keys the sandbox holds for the marketplaces that sign every request.
public struct SignedAPICredentials: Hashable, Sendable {
    public var lazadaAppKey = "123456"
    public var lazadaAppSecret = "sandbox-lazada-secret"
    public var tiktokAppKey = "29a39d"
    public var tiktokAppSecret = "sandbox-tiktok-secret"
    public var shopeePartnerID: Int64 = 2_001_887
    public var shopeePartnerKey = "sandbox-shopee-partner-key"
    public var shopeeShopID: Int64 = 14_701_711
    public var shopeeAccessToken = "sandbox-shopee-access-token"

    /// The sandbox's default keys.
    public init() {}
}

/// Lazada and TikTok Shop as far as their signatures go: each checks a request's signature,
/// timestamp and (where signed) body with the sandbox's own code, exactly as the marketplace documents it,
/// and answers in the marketplace's own error shape. `GET /lazada/rest/seller/get`,
/// `POST /lazada/rest/product/create` (form `payload`), `POST /tiktok/product/202309/products`.
enum SignedMarketplaceAPIs {
    // MARK: - TikTok Shop

    static func tiktok(_ request: Request, keys: SignedAPICredentials) async throws -> Response {
        var query: [String: String] = [:]
        for (name, value) in request.uri.queryParameters {
            query[String(name)] = String(value).removingPercentEncoding ?? String(value)
        }
        let body = Data(try await request.body.collect(upTo: 8 << 20).readableBytesView)
        func refuse(_ status: Int, _ code: String, _ message: String) -> Response {
            Self.json(status, .object([("code", .number(code)), ("message", .string(message))]))
        }
        guard query["app_key"] == keys.tiktokAppKey else { return refuse(401, "36009004", "Invalid app_key") }
        guard let timestamp = query["timestamp"].flatMap(Double.init),
            (-300...30).contains(timestamp - Date().timeIntervalSince1970)
        else { return refuse(401, "36009004", "Invalid timestamp: too old or more than 30 s ahead") }
        var text = request.uri.path.replacingOccurrences(of: "/tiktok", with: "", options: .anchored)
        for key in query.keys.sorted() where key != "sign" && key != "access_token" { text += key + (query[key] ?? "") }
        var signed = Data((keys.tiktokAppSecret + text).utf8)
        if !(request.headers[.contentType] ?? "").hasPrefix("multipart/form-data") { signed.append(body) }
        signed.append(Data(keys.tiktokAppSecret.utf8))
        guard query["sign"] == Self.hmac(signed, key: keys.tiktokAppSecret) else {
            return refuse(401, "106001", "Invalid sign")
        }
        return Self.json(200, .object([("code", .number("0")), ("message", .string("Success"))]))
    }

    // MARK: -

    /// HMAC-SHA256 of `data`, lowercase hex.
    static func hmac(_ data: Data, key: String) -> String {
        HMAC<SHA256>.authenticationCode(for: data, using: SymmetricKey(data: Data(key.utf8)))
            .map { String(format: "%02x", $0) }.joined()
    }

    private static func json(_ status: Int, _ value: JSONValue) -> Response {
        SandboxServer.json(status, Data(value.serialized.utf8))
    }
}
