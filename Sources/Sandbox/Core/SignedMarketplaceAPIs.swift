import Crypto
import Foundation
import Hummingbird

/// The keys the sandbox holds for the marketplaces that sign every request.
public struct SignedAPICredentials: Hashable, Sendable {
    public var lazadaAppKey = "123456"
    public var lazadaAppSecret = "sandbox-lazada-secret"
    /// The seller token Lazada's APIs take besides the ones `ocop connect` obtains.
    public var lazadaAccessToken = "sandbox-lazada-access-token"
    public var tiktokAppKey = "29a39d"
    public var tiktokAppSecret = "sandbox-tiktok-secret"
    public var tiktokAccessToken = "sandbox-tiktok-access-token"
    /// The app's service id (its authorization link), and the redirect registered for it, if any.
    public var tiktokServiceID = "7000000000000000001"
    public var tiktokRedirect: String?
    public var shopeePartnerID: Int64 = 2_001_887
    public var shopeePartnerKey = "sandbox-shopee-partner-key"
    public var shopeeShopID: Int64 = 14_701_711
    public var shopeeAccessToken = "sandbox-shopee-access-token"
    /// Tiki signs nothing: its bearer token.
    public var tikiAccessToken = "sandbox-tiki-access-token"

    /// The sandbox's default keys.
    public init() {}
}

/// What the signed marketplaces' sandboxes share.
enum SignedMarketplaceAPIs {
    /// HMAC-SHA256 of `data`, lowercase hex.
    static func hmac(_ data: Data, key: String) -> String {
        HMAC<SHA256>.authenticationCode(for: data, using: SymmetricKey(data: Data(key.utf8)))
            .map { String(format: "%02x", $0) }.joined()
    }
}
