import Foundation
import Groundwork
import OCOPCatalog
import Publishing
import Transport

/// Google's OAuth2 service-account grant as the core runs it: the key file's RS256-signed JWT posted to the
/// token endpoint (`token_endpoint`, else the key's `token_uri`, else Google's), its token cached under the
/// service account and endpoint. An account that sets `access_token` itself needs no grant.
struct ServiceAccountGrant: AccessTokenGrant {
    func tokenRequest(for account: MarketplaceAccount, now: Date) throws(PublishingError) -> TokenRequest? {
        if account.value("access_token") != nil { return nil }  // given directly (tests, short scripts)
        let key = try ServiceAccountToken.Key(file: try account.require("credentials_file"))
        let endpoint = account.value("token_endpoint") ?? key.tokenURI ?? ServiceAccountToken.defaultTokenEndpoint
        guard let url = URL(string: endpoint) else {
            throw PublishingError(.account, "marketplaces.google-merchant.token_endpoint is not a URL")
        }
        let assertion = try ServiceAccountToken.assertion(key: key, audience: endpoint, now: now)
        let form = "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer&assertion=\(assertion)"
        return TokenRequest(
            cacheKey: "\(key.clientEmail) \(endpoint)",
            request: HTTPRequest(
                method: "POST",
                url: url,
                headers: [("Content-Type", "application/x-www-form-urlencoded")],
                body: Data(form.utf8)
            )
        )
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
