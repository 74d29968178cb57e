import Foundation
import Groundwork
import OCOPCatalog
import Publishing

/// What publishing to Shopee needs of `marketplaces.shopee`: the Open Platform endpoint, the partner's id
/// and key, the shop and its token, and the logistics channels a new item ships with (`logistic_ids`,
/// comma-separated; needed only to create). Left out, the channels are asked of Shopee
/// (`logistics/get_channel_list`) once per run.
public struct ShopeeAccount: Sendable {
    let endpoint: URL
    let partnerID: Int64
    let partnerKey: String
    let shopID: Int64
    let accessToken: String
    /// `add_item`'s `logistic_info`, or why `logistic_ids` cannot give it: checked only when an item is
    /// created, so a run that only updates or removes items needs none.
    var logistics: Result<JSONValue, PublishingError>
    /// Whether the channels are to be asked of Shopee (`logistic_ids` is not configured).
    let discoversLogistics: Bool

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
        self.discoversLogistics = settings.value("logistic_ids") == nil
    }

    /// The account with the channels from Shopee's `get_channel_list` that an item can be put on without
    /// more settings: enabled for the shop, checkout channels (`mask_channel_id` 0, as Shopee's publishing guide
    /// says to choose), and priced by weight and size or a fixed fee (a size to choose or a custom fee needs
    /// what we do not have). None such: the first create stops the run naming the channels; a run that only
    /// updates or removes items never needs them.
    func completed(channels answer: JSONValue) -> ShopeeAccount {
        let channels = answer["logistics_channel_list"]?.elements ?? []
        let usable = channels.filter { channel in
            channel["enabled"] == .bool(true) && (channel["mask_channel_id"]?.text ?? "0") == "0"
                && !["SIZE_SELECTION", "CUSTOM_PRICE"].contains(channel["fee_type"]?.text ?? "")
        }
        var account = self
        let ids = usable.compactMap { $0["logistics_channel_id"]?.text }
        guard ids.isEmpty else {
            account.logistics = .success(
                .array(ids.map { .object([("logistic_id", .number($0)), ("enabled", .bool(true))]) })
            )
            return account
        }
        let enabled = channels.filter { $0["enabled"] == .bool(true) }.map {
            "\($0["logistics_channel_id"]?.text ?? "?") \($0["logistics_channel_name"]?.text ?? "")"
        }
        account.logistics = .failure(
            PublishingError(
                .account,
                enabled.isEmpty
                    ? "shopee: Shopee lists no logistics channel enabled for this shop (logistics/get_channel_list); "
                        + "enable one in Shopee Seller Centre, or set logistic_ids: under marketplaces.shopee in ocop.yaml"
                    : "shopee: none of this shop's enabled logistics channels (\(enabled.joined(separator: ", "))) "
                        + "can be chosen without a parcel size or a shipping fee; set logistic_ids: under "
                        + "marketplaces.shopee in ocop.yaml"
            )
        )
        return account
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
