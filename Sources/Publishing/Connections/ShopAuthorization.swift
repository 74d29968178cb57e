public import Foundation
public import Transport

/// How a marketplace lets a seller connect a shop once (OAuth's authorization-code grant, each in its own
/// words) and how its tokens are renewed. The adapter describes each request and reads each answer; the
/// core (`ocop connect`, ``ConnectionKeeper``) sends them and keeps what they give in the ``CredentialStore``.
public protocol ShopAuthorization: Sendable {
    /// The marketplace as people know it (`Shopee`).
    var displayName: String { get }
    /// Whether the code a redirect carries is tied to a shop id that has to come with it (Shopee's `shop_id`).
    var codeNeedsShop: Bool { get }
    /// Whether the redirect gives back the `state` the link carried (Lazada, TikTok Shop); otherwise it has to
    /// be part of the redirect address itself (Shopee).
    var returnsState: Bool { get }
    /// Whether the marketplace's authorization link carries the redirect address (Shopee, Lazada); otherwise
    /// it is the one registered for the app (TikTok Shop).
    var linkCarriesRedirect: Bool { get }
    /// The link the seller opens to log in and allow the app; the marketplace then sends the browser to
    /// `redirect` with the code.
    func authorizationLink(account: MarketplaceAccount, redirect: URL?, state: String, now: Date)
        throws(PublishingError) -> URL
    /// The request exchanging `code` (with `shop`, where it needs one) for the first token pair.
    func codeRequest(code: String, shop: String?, account: MarketplaceAccount, now: Date) throws(PublishingError)
        -> HTTPRequest
    /// The request renewing `connection`'s pair with its refresh token.
    func refreshRequest(_ connection: ShopConnection, account: MarketplaceAccount, now: Date)
        throws(PublishingError) -> HTTPRequest
    /// The pair the token endpoint's answer issues, its lifetimes read as the marketplace documents them
    /// (seconds from `now`, or absolute times), or the marketplace's refusal.
    func tokens(from response: HTTPResponse, now: Date) -> Result<IssuedTokens, TokenRefusal>
    /// The call that names the connected shop (its name, and settings such as TikTok Shop's cipher), made once
    /// after the code is exchanged; `nil` when the token answer says enough.
    func shopRequest(tokens: IssuedTokens, shop: String?, account: MarketplaceAccount, now: Date)
        throws(PublishingError) -> HTTPRequest?
    /// What `shopRequest`'s answer says of the shop.
    func shop(from response: HTTPResponse, tokens: IssuedTokens, shop: String?) throws(PublishingError) -> ConnectedShop
    /// Whether the marketplace refused an API call because the access token expired (renew, send again).
    func isExpiredAccessToken(_ refusal: MarketplaceRefusal) -> Bool
}

extension ShopAuthorization {
    public var codeNeedsShop: Bool { false }
    public var linkCarriesRedirect: Bool { true }
    public var returnsState: Bool { true }

    public func shopRequest(tokens: IssuedTokens, shop: String?, account: MarketplaceAccount, now: Date)
        throws(PublishingError) -> HTTPRequest?
    {
        nil
    }

    public func shop(from response: HTTPResponse, tokens: IssuedTokens, shop: String?) throws(PublishingError)
        -> ConnectedShop
    {
        ConnectedShop(id: shop ?? tokens.shop ?? "", name: tokens.shopName)
    }
}

/// The shop a connection is for, as the marketplace names it, and the account settings it supplies.
public struct ConnectedShop: Hashable, Sendable {
    public var id: String
    public var name: String?
    public var settings: [String: String]

    /// Creates a shop.
    public init(id: String, name: String?, settings: [String: String] = [:]) {
        self.id = id
        self.name = name
        self.settings = settings
    }
}

/// A token endpoint refusing a code or a refresh token, in its own words.
public struct TokenRefusal: Error, Hashable, Sendable {
    /// What the marketplace said, with its code (`Invalid refresh_token (error_auth)`).
    public var said: String
    /// Whether it was the marketplace's trouble (busy, a server fault), so the same request may work later;
    /// otherwise the code or refresh token itself was refused.
    public var isTemporary: Bool

    /// Creates a refusal.
    public init(_ said: String, isTemporary: Bool = false) {
        self.said = said
        self.isTemporary = isTemporary
    }
}
