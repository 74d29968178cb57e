import Crypto
public import Foundation

/// Lazada Open Platform request signing: the API path, then every parameter but `sign` (and empty ones,
/// which the official SDKs leave out) as `keyvalue` in ASCII order of the keys, then a raw body if there is
/// one; HMAC-SHA256 keyed with the app secret, uppercase hex, sent as `sign` with `sign_method=sha256`.
public enum LazadaSignature {
    /// The string that is signed.
    public static func stringToSign(apiPath: String, parameters: [String: String], body: Data? = nil) -> Data {
        var text = apiPath
        for key in parameters.keys.sorted(by: { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) })
        where key != "sign" {
            guard let value = parameters[key], !key.isEmpty, !value.isEmpty else { continue }
            text += key + value
        }
        var data = Data(text.utf8)
        if let body { data.append(body) }
        return data
    }

    /// The `sign` value: HMAC-SHA256 with `appSecret`, uppercase hex.
    public static func sign(apiPath: String, parameters: [String: String], body: Data? = nil, appSecret: String)
        -> String
    {
        let mac = HMAC<SHA256>.authenticationCode(
            for: self.stringToSign(apiPath: apiPath, parameters: parameters, body: body),
            using: SymmetricKey(data: Data(appSecret.utf8))
        )
        return mac.map { String(format: "%02X", $0) }.joined()
    }
}
