import Foundation
import Publishing

/// What publishing to Google needs of `marketplaces.google-merchant`: the Merchant API endpoint, the merchant
/// account and its API data source, the content language and feed label products go under, and the access
/// token the service-account grant obtained (or one the account sets itself).
public struct GoogleMerchantAccount: Sendable {
    let endpoint: URL
    let merchant: String
    /// `accounts/{merchant}/dataSources/{id}`.
    let dataSource: String
    let language: String
    let feedLabel: String
    let accessToken: String

    /// The account in `settings`, or an error naming the setting to fix.
    init(_ settings: MarketplaceAccount) throws(PublishingError) {
        self.endpoint = try settings.endpoint()
        self.merchant = try settings.require("account")
        self.dataSource = "accounts/\(self.merchant)/dataSources/\(try settings.require("data_source"))"
        self.language = settings.value("content_language") ?? "vi"
        self.feedLabel = settings.value("feed_label") ?? "VN"
        self.accessToken = try settings.require("access_token")
    }
}
