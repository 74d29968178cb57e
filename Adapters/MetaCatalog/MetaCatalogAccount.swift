import Foundation
import Publishing

/// What publishing to Meta needs of `marketplaces.meta-catalog`: the Graph API endpoint (with its version),
/// the catalogue's id and a token allowed to manage it.
public struct MetaCatalogAccount: Sendable {
    let endpoint: URL
    let catalogID: String
    let accessToken: String

    /// The account in `settings`, or an error naming the setting to fix.
    init(_ settings: MarketplaceAccount) throws(PublishingError) {
        self.endpoint = try settings.endpoint()
        self.catalogID = try settings.require("catalog_id")
        self.accessToken = try settings.require("access_token")
    }
}
