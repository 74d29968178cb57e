import Crypto
public import Foundation

/// TikTok Shop (API 202309+) request signing: the path, then every query parameter but `sign` and
/// `access_token` as `keyvalue` in key order, then the raw body unless the request is multipart, the whole
/// wrapped in the app secret on both sides; HMAC-SHA256 keyed with the app secret, lowercase hex.
public enum TikTokShopSignature {
    /// The string before wrapping: path, sorted parameters, body.
    public static func stringToSign(path: String, query: [String: String], body: Data?, multipart: Bool = false)
        -> Data
    {
        var text = path
        for key in query.keys.sorted() where key != "sign" && key != "access_token" {
            text += key + (query[key] ?? "")
        }
        var data = Data(text.utf8)
        if let body, !multipart { data.append(body) }
        return data
    }

    /// The `sign` query value.
    public static func sign(
        path: String,
        query: [String: String],
        body: Data? = nil,
        multipart: Bool = false,
        appSecret: String
    ) -> String {
        var wrapped = Data(appSecret.utf8)
        wrapped.append(self.stringToSign(path: path, query: query, body: body, multipart: multipart))
        wrapped.append(Data(appSecret.utf8))
        let mac = HMAC<SHA256>.authenticationCode(for: wrapped, using: SymmetricKey(data: Data(appSecret.utf8)))
        return mac.map { String(format: "%02x", $0) }.joined()
    }
}
