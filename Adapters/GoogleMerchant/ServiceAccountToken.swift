import Crypto
public import Foundation
import Groundwork
import OCOPCatalog
public import Publishing
import _CryptoExtras

/// Google's OAuth2 service-account flow: a JWT signed RS256 with the service account's private key,
/// exchanged at the token endpoint for an access token (scope `content`).
enum ServiceAccountToken {
    static let scope = "https://www.googleapis.com/auth/content"
    static let defaultTokenEndpoint = "https://oauth2.googleapis.com/token"

    /// The fields of a service-account key file that the flow needs.
    struct Key {
        var clientEmail: String
        var privateKeyPEM: String
        var tokenURI: String?

        /// Reads the JSON key file Google gives for a service account.
        init(file: String) throws(PublishingError) {
            guard let data = FileManager.default.contents(atPath: file) else {
                throw PublishingError(.account, "marketplaces.google-merchant.credentials_file: cannot read \(file)")
            }
            guard let json = try? JSONValue.parse(data), let email = json["client_email"]?.text,
                let key = json["private_key"]?.text
            else {
                throw PublishingError(
                    .account,
                    "\(file) is not a service-account key (client_email and private_key are needed)"
                )
            }
            self.clientEmail = email
            self.privateKeyPEM = key
            self.tokenURI = json["token_uri"]?.text
        }
    }

    /// The signed assertion: `base64url(header).base64url(claims).base64url(RS256 signature)`.
    static func assertion(key: Key, audience: String, now: Date) throws(PublishingError) -> String {
        let issued = Int(now.timeIntervalSince1970)
        let header = JSONValue.object([("alg", .string("RS256")), ("typ", .string("JWT"))])
        let claims = JSONValue.object([
            ("iss", .string(key.clientEmail)), ("scope", .string(Self.scope)), ("aud", .string(audience)),
            ("iat", .number(String(issued))), ("exp", .number(String(issued + 3600))),
        ])
        let signingInput =
            Self.base64URL(Data(header.serialized.utf8)) + "." + Self.base64URL(Data(claims.serialized.utf8))
        do {
            let privateKey = try _RSA.Signing.PrivateKey(pemRepresentation: key.privateKeyPEM)
            let signature = try privateKey.signature(for: Data(signingInput.utf8), padding: .insecurePKCS1v1_5)
            return signingInput + "." + Self.base64URL(signature.rawRepresentation)
        } catch {
            throw PublishingError(.account, "the service account's private_key is not a usable RSA key")
        }
    }

    /// Base64url without padding (RFC 7515).
    static func base64URL(_ data: Data) -> String {
        data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}

/// The service-account assertion for callers outside this module (tests, tools).
public enum ServiceAccountAssertion {
    /// The RS256-signed JWT the key file at `file` makes for `audience`, issued now.
    public static func make(file: String, audience: String, now: Date = Date()) throws(PublishingError) -> String {
        try ServiceAccountToken.assertion(key: ServiceAccountToken.Key(file: file), audience: audience, now: now)
    }
}
