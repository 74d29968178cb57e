import Foundation
import Publishing

/// What publishing to a WooCommerce shop needs of `marketplaces.woocommerce`: the REST v3 endpoint and a
/// REST API key pair (sent as Basic over HTTPS, as an OAuth 1.0a signature over HTTP).
public struct WooCommerceAccount: Sendable {
    let endpoint: URL
    let consumerKey: String
    let consumerSecret: String

    /// The account in `settings`, or an error naming the setting to fix.
    init(_ settings: MarketplaceAccount) throws(PublishingError) {
        self.endpoint = try settings.endpoint()
        self.consumerKey = try settings.require("consumer_key")
        self.consumerSecret = try settings.require("consumer_secret")
    }
}
