public import Foundation
import Groundwork
public import Publishing
public import Transport

/// Connecting a Shopee shop (Open Platform v2, "Authorization and Authentication"): the seller opens
/// `shop/auth_partner` (a public-API signed link, valid 5 minutes) and comes back to the redirect with `code`
/// and `shop_id`; `auth/token/get` exchanges the code (single use, 10 minutes) for an access token (4 hours)
/// and a refresh token (30 days) whose lifetimes come as `expire_in` seconds; `auth/access_token/get`
/// renews the pair, and the refresh token given with it replaces the old one. All three are public APIs,
/// signed with the partner id, the path and the timestamp only.
public struct ShopeeAuthorization: ShopAuthorization {
    public var displayName: String { "Shopee" }

    let adapter: ShopeeAdapter

    /// Shopee documents a refresh token's life as 30 days; its answers give the access token's only.
    static let refreshLifetime: TimeInterval = 30 * 86_400

    public var codeNeedsShop: Bool { true }
    /// The redirect brings back only `code` and `shop_id`.
    public var returnsState: Bool { false }

    public func authorizationLink(account: MarketplaceAccount, redirect: URL?, state: String, now: Date)
        throws(PublishingError) -> URL
    {
        guard let redirect else {
            throw PublishingError(.account, "shopee: the authorization link needs the address to come back to")
        }
        let path = "/api/v2/shop/auth_partner"
        return try self.signed(path, account: account, now: now, extra: [("redirect", redirect.absoluteString)])
    }

    public func codeRequest(code: String, shop: String?, account: MarketplaceAccount, now: Date)
        throws(PublishingError) -> HTTPRequest
    {
        guard let shop, let shopID = Int64(shop) else {
            throw PublishingError(
                .account,
                "shopee: the code comes with the shop_id from the same redirect: add --shop-id"
            )
        }
        let partner = try Self.partnerID(account)
        return try self.post(
            "/api/v2/auth/token/get",
            body: .object([
                ("code", .string(code)), ("shop_id", .number(String(shopID))), ("partner_id", .number(String(partner))),
            ]),
            account: account,
            now: now
        )
    }

    public func refreshRequest(_ connection: ShopConnection, account: MarketplaceAccount, now: Date)
        throws(PublishingError) -> HTTPRequest
    {
        let partner = try Self.partnerID(account)
        return try self.post(
            "/api/v2/auth/access_token/get",
            body: .object([
                ("refresh_token", .string(connection.refreshToken)), ("partner_id", .number(String(partner))),
                ("shop_id", .number(connection.shop)),
            ]),
            account: account,
            now: now
        )
    }

    public func tokens(from response: HTTPResponse, now: Date) -> Result<IssuedTokens, TokenRefusal> {
        guard let answer = try? JSONValue.parse(response.body), case .object = answer else {
            return .failure(
                TokenRefusal(
                    "Shopee answered HTTP \(response.status) without its JSON envelope",
                    isTemporary: response.status >= 500
                )
            )
        }
        let error = answer["error"]?.text ?? ""
        guard error.isEmpty, (200..<300).contains(response.status),
            let access = answer["access_token"]?.text, !access.isEmpty,
            let refresh = answer["refresh_token"]?.text, !refresh.isEmpty,
            let seconds = answer["expire_in"]?.text.flatMap(Double.init)
        else {
            let message = answer["message"]?.text ?? "HTTP \(response.status)"
            let code = error.isEmpty ? "HTTP \(response.status)" : error
            return .failure(
                TokenRefusal(
                    "\(message) (\(code))",
                    isTemporary: ShopeeErrors.classify(error: error) == .retryable || response.status >= 500
                )
            )
        }
        return .success(
            IssuedTokens(
                accessToken: access,
                accessExpires: now.addingTimeInterval(seconds),
                refreshToken: refresh,
                refreshExpires: now.addingTimeInterval(Self.refreshLifetime),
                shop: answer["shop_id"]?.text
            )
        )
    }

    /// `shop/get_shop_info`, to name the shop.
    public func shopRequest(tokens: IssuedTokens, shop: String?, account: MarketplaceAccount, now: Date)
        throws(PublishingError) -> HTTPRequest?
    {
        var settings = account.setting("access_token", to: tokens.accessToken)
        if let shop { settings = settings.setting("shop_id", to: shop) }
        return self.adapter.request(
            for: MarketplaceCall("GET", "/api/v2/shop/get_shop_info"),
            account: try ShopeeAccount(settings),
            now: now
        )
    }

    public func shop(from response: HTTPResponse, tokens: IssuedTokens, shop: String?) throws(PublishingError)
        -> ConnectedShop
    {
        let id = shop ?? tokens.shop ?? ""
        guard case .data(let data) = self.adapter.answer(to: response) else {
            return ConnectedShop(id: id, name: nil, settings: ["shop_id": id])
        }
        return ConnectedShop(id: id, name: data["shop_name"]?.text, settings: ["shop_id": id])
    }

    /// Shopee answers an expired access token with `invalid_acceess_token` (its own spelling) or
    /// `invalid_access_token`, "Invalid access_token."; older answers say `error_auth` with the same words.
    public func isExpiredAccessToken(_ refusal: MarketplaceRefusal) -> Bool {
        ["invalid_acceess_token", "invalid_access_token"].contains(refusal.code ?? "")
            || (refusal.code == "error_auth" && refusal.said.lowercased().contains("access_token"))
    }

    private static func partnerID(_ account: MarketplaceAccount) throws(PublishingError) -> Int64 {
        guard let partner = Int64(try account.require("partner_id")) else {
            throw PublishingError(.account, "marketplaces.shopee.partner_id must be a number")
        }
        return partner
    }

    /// The public-API signed URL of `path` on the account's endpoint (Shopee's authorization service is its API host).
    private func signed(_ path: String, account: MarketplaceAccount, now: Date, extra: [(String, String)] = [])
        throws(PublishingError) -> URL
    {
        let partner = try Self.partnerID(account)
        let timestamp = Int64(now.timeIntervalSince1970)
        let sign = ShopeeSignature.sign(
            partnerID: partner,
            path: path,
            timestamp: timestamp,
            scope: .public,
            partnerKey: try account.require("partner_key")
        )
        let base = try account.authEndpoint()
        return base.appending(path: String(path.dropFirst())).appending(
            queryItems: [
                URLQueryItem(name: "partner_id", value: String(partner)),
                URLQueryItem(name: "timestamp", value: String(timestamp)), URLQueryItem(name: "sign", value: sign),
            ] + extra.map { URLQueryItem(name: $0.0, value: $0.1) }
        )
    }

    private func post(_ path: String, body: JSONValue, account: MarketplaceAccount, now: Date) throws(PublishingError)
        -> HTTPRequest
    {
        HTTPRequest(
            method: "POST",
            url: try self.signed(path, account: account, now: now),
            headers: [("Content-Type", "application/json")],
            body: Data(body.serialized.utf8)
        )
    }
}

extension ShopeeAdapter {
    public var shopAuthorization: (any ShopAuthorization)? { ShopeeAuthorization(adapter: self) }
}
