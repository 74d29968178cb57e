public import Foundation
import Groundwork
public import Publishing
public import Transport

/// Connecting a Lazada seller (Open Platform, "Seller authorization introduction"): the seller opens
/// `oauth/authorize` on `auth.lazada.com` and comes back to the app's callback with `code` (single use, 30
/// minutes); `/auth/token/create` on the authorization service (`https://auth.lazada.com/rest`, signed as
/// every Lazada call, without an access token) exchanges it; `/auth/token/refresh` renews the pair and "you
/// must save the latest refresh_token". Lifetimes come as `expires_in` and `refresh_expires_in` seconds, and
/// a refresh does not extend the refresh token's.
public struct LazadaAuthorization: ShopAuthorization {
    public var displayName: String { "Lazada" }

    /// The live authorization service.
    static let liveService = "https://auth.lazada.com/rest"

    public func authorizationLink(account: MarketplaceAccount, redirect: URL?, state: String, now: Date)
        throws(PublishingError) -> URL
    {
        guard let redirect else {
            throw PublishingError(.account, "lazada: the authorization link needs the app's callback address")
        }
        // The page is on the service's host, beside `/rest`: https://auth.lazada.com/oauth/authorize.
        var page = try account.authEndpoint(live: Self.liveService)
        if page.lastPathComponent == "rest" { page.deleteLastPathComponent() }
        return page.appending(path: "oauth/authorize").appending(queryItems: [
            URLQueryItem(name: "response_type", value: "code"), URLQueryItem(name: "force_auth", value: "true"),
            URLQueryItem(name: "redirect_uri", value: redirect.absoluteString),
            URLQueryItem(name: "client_id", value: try account.require("app_key")),
            URLQueryItem(name: "state", value: state),
        ])
    }

    public func codeRequest(code: String, shop: String?, account: MarketplaceAccount, now: Date)
        throws(PublishingError) -> HTTPRequest
    {
        try self.request("/auth/token/create", ["code": code], account: account, now: now)
    }

    public func refreshRequest(_ connection: ShopConnection, account: MarketplaceAccount, now: Date)
        throws(PublishingError) -> HTTPRequest
    {
        try self.request("/auth/token/refresh", ["refresh_token": connection.refreshToken], account: account, now: now)
    }

    public func tokens(from response: HTTPResponse, now: Date) -> Result<IssuedTokens, TokenRefusal> {
        guard let answer = try? JSONValue.parse(response.body), case .object = answer else {
            return .failure(
                TokenRefusal(
                    "Lazada answered HTTP \(response.status) without its JSON envelope",
                    isTemporary: response.status >= 500
                )
            )
        }
        let code = answer["code"]?.text ?? "0"
        guard code == "0", let access = answer["access_token"]?.text, !access.isEmpty,
            let refresh = answer["refresh_token"]?.text, !refresh.isEmpty,
            let seconds = answer["expires_in"]?.text.flatMap(Double.init)
        else {
            let message = answer["message"]?.text ?? "HTTP \(response.status)"
            return .failure(
                TokenRefusal(
                    "\(message) (\(code))",
                    isTemporary: LazadaErrors.classify(code: code, type: answer["type"]?.text) == .retryable
                )
            )
        }
        // "Only when refresh_expires_in > 0 can the access token be refreshed."
        let refreshSeconds = answer["refresh_expires_in"]?.text.flatMap(Double.init) ?? 0
        let country = answer["country"]?.text
        let user =
            (answer["country_user_info"]?.elements ?? []).first { $0["country"]?.text == country }
            ?? answer["country_user_info"]?[0]
        return .success(
            IssuedTokens(
                accessToken: access,
                accessExpires: now.addingTimeInterval(seconds),
                refreshToken: refresh,
                refreshExpires: now.addingTimeInterval(max(0, refreshSeconds)),
                shop: user?["seller_id"]?.text,
                shopName: answer["account"]?.text
            )
        )
    }

    /// Lazada answers an expired or revoked access token with `IllegalAccessToken`.
    public func isExpiredAccessToken(_ refusal: MarketplaceRefusal) -> Bool {
        refusal.code == "IllegalAccessToken"
    }

    /// A call to the authorization service: `app_key`, the millisecond timestamp, `sign_method` and the
    /// parameters, signed as every Lazada call, posted as a form.
    private func request(_ path: String, _ parameters: [String: String], account: MarketplaceAccount, now: Date)
        throws(PublishingError) -> HTTPRequest
    {
        let all = parameters.merging([
            "app_key": try account.require("app_key"), "sign_method": "sha256",
            "timestamp": String(Int64(now.timeIntervalSince1970 * 1000)),
        ]) { _, system in system }
        return LazadaAdapter.signed(
            "POST",
            path,
            all,
            base: try account.authEndpoint(live: Self.liveService),
            appSecret: try account.require("app_secret")
        )
    }
}

extension LazadaAdapter {
    public var shopAuthorization: (any ShopAuthorization)? { LazadaAuthorization() }
}
