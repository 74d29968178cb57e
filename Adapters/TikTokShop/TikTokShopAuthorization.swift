public import Foundation
import Groundwork
public import Publishing
public import Transport

/// Connecting a TikTok shop (Partner Center, "Authorization overview 202407"): the seller opens the app's
/// service authorization link (`services.tiktokshop.com/open/authorize?service_id=…`) and comes back to the
/// redirect registered for the app with `code`; `GET /api/v2/token/get` on the authorization service
/// (`https://auth.tiktok-shops.com`) exchanges it with `grant_type=authorized_code`, and
/// `/api/v2/token/refresh` with `grant_type=refresh_token` renews the pair. Unlike Shopee and Lazada, the
/// answer's `access_token_expire_in` and `refresh_token_expire_in` are absolute Unix times. The shop's cipher,
/// needed by every shop API, comes from Get Authorized Shops (`/authorization/202309/shops`).
public struct TikTokShopAuthorization: ShopAuthorization {
    public var displayName: String { "TikTok Shop" }

    static let liveService = "https://auth.tiktok-shops.com"
    static let livePage = "https://services.tiktokshop.com/open/authorize"

    public var linkCarriesRedirect: Bool { false }

    public func authorizationLink(account: MarketplaceAccount, redirect: URL?, state: String, now: Date)
        throws(PublishingError) -> URL
    {
        let page = account.value("authorize_url") ?? Self.livePage
        guard let url = URL(string: page), url.scheme != nil else {
            throw PublishingError(.account, "marketplaces.tiktok-shop.authorize_url is not a URL")
        }
        return url.appending(queryItems: [
            URLQueryItem(name: "service_id", value: try account.require("service_id")),
            URLQueryItem(name: "state", value: state),
        ])
    }

    public func codeRequest(code: String, shop: String?, account: MarketplaceAccount, now: Date)
        throws(PublishingError) -> HTTPRequest
    {
        try self.request("/api/v2/token/get", ["auth_code": code, "grant_type": "authorized_code"], account: account)
    }

    public func refreshRequest(_ connection: ShopConnection, account: MarketplaceAccount, now: Date)
        throws(PublishingError) -> HTTPRequest
    {
        try self.request(
            "/api/v2/token/refresh",
            ["refresh_token": connection.refreshToken, "grant_type": "refresh_token"],
            account: account
        )
    }

    public func tokens(from response: HTTPResponse, now: Date) -> Result<IssuedTokens, TokenRefusal> {
        guard let answer = try? JSONValue.parse(response.body), let code = answer["code"]?.text.flatMap(Int.init) else {
            return .failure(
                TokenRefusal(
                    "TikTok Shop answered HTTP \(response.status) without its JSON envelope",
                    isTemporary: response.status >= 500
                )
            )
        }
        let data = answer["data"]
        guard code == 0, let access = data?["access_token"]?.text, !access.isEmpty,
            let refresh = data?["refresh_token"]?.text, !refresh.isEmpty,
            let expires = data?["access_token_expire_in"]?.text.flatMap(Double.init)
        else {
            return .failure(
                TokenRefusal(
                    "\(answer["message"]?.text ?? "refused") (\(code))",
                    isTemporary: TikTokShopErrors.classify(code: code, status: response.status) == .retryable
                )
            )
        }
        return .success(
            IssuedTokens(
                accessToken: access,
                accessExpires: Date(timeIntervalSince1970: expires),
                refreshToken: refresh,
                refreshExpires: data?["refresh_token_expire_in"]?.text.flatMap(Double.init).map {
                    Date(timeIntervalSince1970: $0)
                },
                shop: data?["open_id"]?.text,
                shopName: data?["seller_name"]?.text
            )
        )
    }

    /// Get Authorized Shops, for the shop's id, name and cipher.
    public func shopRequest(tokens: IssuedTokens, shop: String?, account: MarketplaceAccount, now: Date)
        throws(PublishingError) -> HTTPRequest?
    {
        TikTokShopAdapter.signed(
            "GET",
            "/authorization/202309/shops",
            query: ["app_key": try account.require("app_key"), "timestamp": String(Int64(now.timeIntervalSince1970))],
            body: (nil, Data()),
            base: try account.endpoint(),
            appSecret: try account.require("app_secret"),
            accessToken: tokens.accessToken
        )
    }

    public func shop(from response: HTTPResponse, tokens: IssuedTokens, shop: String?) throws(PublishingError)
        -> ConnectedShop
    {
        let answer = try? JSONValue.parse(response.body)
        let shops = answer?["data"]?["shops"]?.elements ?? []
        guard answer?["code"]?.text == "0", let chosen = shops.first(where: { $0["id"]?.text == shop }) ?? shops.first,
            let cipher = chosen["cipher"]?.text, !cipher.isEmpty
        else {
            throw PublishingError(
                .account,
                "tiktok-shop: TikTok Shop lists no shop this app may use (GET /authorization/202309/shops: "
                    + "\(answer?["message"]?.text ?? "HTTP \(response.status)")); authorize the shop again"
            )
        }
        return ConnectedShop(
            id: chosen["id"]?.text ?? tokens.shop ?? "",
            name: chosen["name"]?.text ?? tokens.shopName,
            settings: ["shop_cipher": cipher]
        )
    }

    /// TikTok Shop answers an expired access token with 105002 ("Expired credentials").
    public func isExpiredAccessToken(_ refusal: MarketplaceRefusal) -> Bool {
        refusal.code == "105002"
    }

    /// A call to the authorization service: the app's key and secret with the parameters, in the query.
    private func request(_ path: String, _ parameters: [String: String], account: MarketplaceAccount)
        throws(PublishingError) -> HTTPRequest
    {
        let query = parameters.merging([
            "app_key": try account.require("app_key"), "app_secret": try account.require("app_secret"),
        ]) { _, app in app }
        return HTTPRequest(
            url: try account.authEndpoint(live: Self.liveService).appending(path: String(path.dropFirst())).appending(
                queryItems: query.sorted { $0.key < $1.key }.map { URLQueryItem(name: $0.key, value: $0.value) }
            )
        )
    }
}

extension TikTokShopAdapter {
    public var shopAuthorization: (any ShopAuthorization)? { TikTokShopAuthorization() }
}
