import Foundation
import Publishing

/// What publishing to Tiki needs of `marketplaces.tiki`: the Open API endpoint and the seller's OAuth2
/// bearer token.
public struct TikiAccount: Sendable {
    let endpoint: URL
    let accessToken: String

    /// The account in `settings`, or an error naming the setting to fix.
    init(_ settings: MarketplaceAccount) throws(PublishingError) {
        self.endpoint = try settings.endpoint()
        self.accessToken = try settings.require("access_token")
    }
}
