public import Foundation

/// One shop connected with `ocop connect`: the token pair the marketplace issued for it and when each part
/// expires. Kept only in the credential store (never in the catalogue, logs, reports, runs or feeds).
public struct ShopConnection: Codable, Hashable, Sendable {
    /// The marketplace id (`shopee`, `lazada`, `tiktok-shop`).
    public var marketplace: String
    /// The shop as the marketplace identifies it (Shopee's shop id, Lazada's seller id, TikTok Shop's shop id).
    public var shop: String
    /// The shop's name as the marketplace gives it, for people.
    public var shopName: String?
    public var accessToken: String
    public var accessExpires: Date
    public var refreshToken: String
    /// When the refresh token stops working; `nil` when the marketplace does not say.
    public var refreshExpires: Date?
    /// When the shop was connected, and when its tokens were last renewed.
    public var connected: Date
    public var renewed: Date?
    /// Account settings the connection supplies when `ocop.yaml` leaves them out (`shop_id`, `shop_cipher`).
    public var settings: [String: String]

    /// Creates a connection.
    public init(
        marketplace: String,
        shop: String,
        shopName: String? = nil,
        tokens: IssuedTokens,
        connected: Date,
        settings: [String: String] = [:]
    ) {
        self.marketplace = marketplace
        self.shop = shop
        self.shopName = shopName
        self.accessToken = tokens.accessToken
        self.accessExpires = tokens.accessExpires
        self.refreshToken = tokens.refreshToken
        self.refreshExpires = tokens.refreshExpires
        self.connected = connected
        self.settings = settings
    }

    /// The connection with the pair a renewal issued.
    public func renewed(with tokens: IssuedTokens, at now: Date) -> ShopConnection {
        var copy = self
        copy.accessToken = tokens.accessToken
        copy.accessExpires = tokens.accessExpires
        copy.refreshToken = tokens.refreshToken
        copy.refreshExpires = tokens.refreshExpires ?? self.refreshExpires
        copy.renewed = now
        return copy
    }

    /// How the shop is named to people: its name and id, or its id.
    public var shopDescription: String {
        self.shopName.map { "\($0) (\(self.shop))" } ?? self.shop
    }

    /// The secrets it holds, for redacting them.
    public var secrets: [String] { [self.accessToken, self.refreshToken] }
}

/// What a marketplace's token endpoint issued: the pair, their expiry times (each marketplace's own way of
/// saying them already turned into dates), and what it says of the shop.
public struct IssuedTokens: Hashable, Sendable {
    public var accessToken: String
    public var accessExpires: Date
    public var refreshToken: String
    public var refreshExpires: Date?
    /// The shop the tokens are for, when the answer names it (Lazada's seller id, TikTok Shop's open id).
    public var shop: String?
    /// The shop's or seller's name, when the answer gives one.
    public var shopName: String?

    /// Creates issued tokens.
    public init(
        accessToken: String,
        accessExpires: Date,
        refreshToken: String,
        refreshExpires: Date?,
        shop: String? = nil,
        shopName: String? = nil
    ) {
        self.accessToken = accessToken
        self.accessExpires = accessExpires
        self.refreshToken = refreshToken
        self.refreshExpires = refreshExpires
        self.shop = shop
        self.shopName = shopName
    }
}
