import Crypto
import Foundation

/// Shopee Open Platform v2 request signing: `partner_id`, the API path, the timestamp, then for shop APIs the
/// access token and shop id (merchant APIs: the merchant id), concatenated without separators; HMAC-SHA256
/// keyed with the partner key, lowercase hex. The body is not signed.
public enum ShopeeSignature {
    /// Whose call it is: that decides what follows the timestamp.
    public enum Scope: Sendable {
        /// Public APIs (authorisation, tokens, media upload): nothing follows.
        case `public`
        /// Shop APIs: the access token, then the shop id.
        case shop(accessToken: String, shopID: Int64)
        /// Merchant APIs (cross-border): the access token, then the merchant id.
        case merchant(accessToken: String, merchantID: Int64)
    }

    /// The base string.
    public static func baseString(partnerID: Int64, path: String, timestamp: Int64, scope: Scope) -> String {
        let prefix = "\(partnerID)\(path)\(timestamp)"
        switch scope {
        case .public: return prefix
        case .shop(let token, let shop): return prefix + token + String(shop)
        case .merchant(let token, let merchant): return prefix + token + String(merchant)
        }
    }

    /// The `sign` query value.
    public static func sign(partnerID: Int64, path: String, timestamp: Int64, scope: Scope, partnerKey: String)
        -> String
    {
        let base = self.baseString(partnerID: partnerID, path: path, timestamp: timestamp, scope: scope)
        let mac = HMAC<SHA256>.authenticationCode(
            for: Data(base.utf8),
            using: SymmetricKey(data: Data(partnerKey.utf8))
        )
        return mac.map { String(format: "%02x", $0) }.joined()
    }
}
