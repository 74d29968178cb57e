import Foundation
import Publishing

/// What publishing to TikTok Shop needs of `marketplaces.tiktok-shop`: the Partner API endpoint, the app's
/// key and secret, the seller's token, the shop's cipher and the warehouse its stock is in.
public struct TikTokShopAccount: Sendable {
    let endpoint: URL
    let appKey: String
    let appSecret: String
    let accessToken: String
    let shopCipher: String
    let warehouse: String

    /// The account in `settings`, or an error naming the setting to fix.
    init(_ settings: MarketplaceAccount) throws(PublishingError) {
        self.endpoint = try settings.endpoint()
        self.appKey = try settings.require("app_key")
        self.appSecret = try settings.require("app_secret")
        self.accessToken = try settings.require("access_token")
        self.shopCipher = try settings.require("shop_cipher")
        self.warehouse = try settings.require("warehouse_id")
    }
}
