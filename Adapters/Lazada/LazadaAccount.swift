import Foundation
import OCOPCatalog
import Publishing

/// What publishing to Lazada needs of `marketplaces.lazada`: the Open Platform endpoint, the app's key and
/// secret, the seller's token, and how product payloads are written (`payload_format`: `json`, the default,
/// or `xml`).
public struct LazadaAccount: Sendable {
    let endpoint: URL
    let appKey: String
    let appSecret: String
    let accessToken: String
    let payloadFormat: String

    /// The account in `settings`, or an error naming the setting to fix.
    init(_ settings: MarketplaceAccount) throws(PublishingError) {
        self.endpoint = try settings.endpoint()
        self.appKey = try settings.require("app_key")
        self.appSecret = try settings.require("app_secret")
        self.accessToken = try settings.require("access_token")
        self.payloadFormat = settings.value("payload_format") ?? "json"
        guard ["json", "xml"].contains(self.payloadFormat) else {
            throw PublishingError(.account, "marketplaces.lazada.payload_format must be json or xml")
        }
    }
}
