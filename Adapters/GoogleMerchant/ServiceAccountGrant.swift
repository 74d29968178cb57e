import Foundation
import Groundwork
import OCOPCatalog
import Publishing
import Transport

/// Google's OAuth2 service-account grant as the core runs it: the key file's RS256-signed JWT posted to the
/// token endpoint (`token_endpoint`, else the key's `token_uri`, else Google's), its token cached under the
/// service account and endpoint. An account that sets `access_token` itself needs no grant.
struct ServiceAccountGrant: AccessTokenGrant {
    func cacheKey(for account: MarketplaceAccount) throws(PublishingError) -> String? {
        if account.value("access_token") != nil { return nil }  // given directly (tests, short scripts)
        let (key, endpoint) = try Self.keyAndEndpoint(account)
        return "\(key.clientEmail) \(endpoint)"
    }

    func tokenRequest(for account: MarketplaceAccount, now: Date) throws(PublishingError) -> HTTPRequest {
        let (key, endpoint) = try Self.keyAndEndpoint(account)
        guard let url = URL(string: endpoint) else {
            throw PublishingError(.account, "marketplaces.google-merchant.token_endpoint is not a URL")
        }
        let assertion = try ServiceAccountToken.assertion(key: key, audience: endpoint, now: now)
        let form = "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer&assertion=\(assertion)"
        return HTTPRequest(
            method: "POST",
            url: url,
            headers: [("Content-Type", "application/x-www-form-urlencoded")],
            body: Data(form.utf8)
        )
    }

    /// The service account's key file and the token endpoint it is exchanged at.
    private static func keyAndEndpoint(_ account: MarketplaceAccount) throws(PublishingError)
        -> (ServiceAccountToken.Key, String)
    {
        let key = try ServiceAccountToken.Key(file: try account.require("credentials_file"))
        return (key, account.value("token_endpoint") ?? key.tokenURI ?? ServiceAccountToken.defaultTokenEndpoint)
    }

    func token(from response: HTTPResponse) throws(PublishingError) -> (token: String, lifetime: TimeInterval) {
        let answer = try? JSONValue.parse(response.body)
        guard response.status == 200, let token = answer?["access_token"]?.text else {
            let reason = answer?["error_description"]?.text ?? "HTTP \(response.status)"
            throw PublishingError(.account, "google-merchant: the service account was refused: \(reason)")
        }
        return (token, answer?["expires_in"]?.text.flatMap(Double.init) ?? 3600)
    }
}
