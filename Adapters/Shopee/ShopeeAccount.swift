import Foundation
import Groundwork
import OCOPCatalog
import Publishing

/// What publishing to Shopee needs of `marketplaces.shopee`: the Open Platform endpoint, the partner's id
/// and key, the shop and its token, and the logistics channels a new item ships with (`logistic_ids`,
/// comma-separated; needed only to create).
public struct ShopeeAccount: Sendable {
    let endpoint: URL
    let partnerID: Int64
    let partnerKey: String
    let shopID: Int64
    let accessToken: String
    /// `add_item`'s `logistic_info`, or why `logistic_ids` cannot give it: checked only when an item is
    /// created, so a run that only updates or removes items needs none.
    let logistics: Result<JSONValue, PublishingError>

    /// The account in `settings`, or an error naming the setting to fix.
    init(_ settings: MarketplaceAccount) throws(PublishingError) {
        func number(_ key: String) throws(PublishingError) -> Int64 {
            guard let value = Int64(try settings.require(key)) else {
                throw PublishingError(.account, "marketplaces.shopee.\(key) must be a number")
            }
            return value
        }
        self.endpoint = try settings.endpoint()
        self.partnerID = try number("partner_id")
        self.shopID = try number("shop_id")
        self.partnerKey = try settings.require("partner_key")
        self.accessToken = try settings.require("access_token")
        self.logistics = Self.logistics(settings.value("logistic_ids"))
    }

    /// `logistic_ids` (comma-separated channel ids) as `logistic_info`.
    private static func logistics(_ text: String?) -> Result<JSONValue, PublishingError> {
        guard let text else {
            return .failure(PublishingError(.account, "marketplaces.shopee.logistic_ids is not set in ocop.yaml"))
        }
        let ids = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        guard !ids.isEmpty, ids.allSatisfy({ Int($0) != nil }) else {
            return .failure(
                PublishingError(.account, "marketplaces.shopee.logistic_ids must be channel ids such as 50011,50012")
            )
        }
        return .success(.array(ids.map { .object([("logistic_id", .number($0)), ("enabled", .bool(true))]) }))
    }
}
