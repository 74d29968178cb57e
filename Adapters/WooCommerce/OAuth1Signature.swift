import Crypto
public import Foundation

/// WooCommerce's one-legged OAuth 1.0a, for stores reached over plain HTTP (over HTTPS it takes Basic
/// authentication instead): parameters sorted after RFC 3986 encoding, a base string of method, URL and
/// parameters, and an HMAC keyed with `consumer_secret&`, base64-encoded.
public enum OAuth1Signature {
    /// The two methods WooCommerce accepts.
    public enum Method: String, Sendable {
        case hmacSHA1 = "HMAC-SHA1"
        case hmacSHA256 = "HMAC-SHA256"
    }

    /// RFC 3986 percent-encoding: everything but `A-Z a-z 0-9 - . _ ~`.
    public static func encode(_ text: String) -> String {
        var encoded = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                encoded.append(Character(UnicodeScalar(byte)))
            default:
                encoded += String(format: "%%%02X", byte)
            }
        }
        return encoded
    }

    /// The string that is signed: `METHOD&url&params`, the URL without its query.
    public static func baseString(method: String, url: URL, parameters: [(name: String, value: String)]) -> String {
        var components = URLComponents(url: url, resolvingAgainstBaseURL: false)
        components?.query = nil
        let address = components?.string ?? url.absoluteString
        let encoded: [(name: String, value: String)] = parameters.map { (self.encode($0.name), self.encode($0.value)) }
        let sorted = encoded.sorted { left, right in
            left.name == right.name ? left.value < right.value : left.name < right.name
        }
        let pairs = sorted.map { "\($0.name)=\($0.value)" }.joined(separator: "&")
        return "\(method.uppercased())&\(self.encode(address))&\(self.encode(pairs))"
    }

    /// The base64 signature of `base` with `consumer_secret&` as key.
    public static func sign(_ base: String, consumerSecret: String, method: Method) -> String {
        let key = SymmetricKey(data: Data((consumerSecret + "&").utf8))
        let data = Data(base.utf8)
        switch method {
        case .hmacSHA1: return Data(HMAC<Insecure.SHA1>.authenticationCode(for: data, using: key)).base64EncodedString()
        case .hmacSHA256: return Data(HMAC<SHA256>.authenticationCode(for: data, using: key)).base64EncodedString()
        }
    }

    /// The query parameters that authenticate a request to `url` (whose own query is signed too): the
    /// `oauth_*` values, `oauth_signature` last.
    public static func parameters(
        method: String,
        url: URL,
        consumerKey: String,
        consumerSecret: String,
        timestamp: Int,
        nonce: String,
        signatureMethod: Method = .hmacSHA256
    ) -> [(name: String, value: String)] {
        let query = (URLComponents(url: url, resolvingAgainstBaseURL: false)?.queryItems ?? []).map {
            (name: $0.name, value: $0.value ?? "")
        }
        let oauth: [(name: String, value: String)] = [
            ("oauth_consumer_key", consumerKey), ("oauth_nonce", nonce),
            ("oauth_signature_method", signatureMethod.rawValue), ("oauth_timestamp", String(timestamp)),
        ]
        let base = self.baseString(method: method, url: url, parameters: query + oauth)
        return oauth + [("oauth_signature", self.sign(base, consumerSecret: consumerSecret, method: signatureMethod))]
    }
}
