import Foundation
import Groundwork
import Publishing

/// What publishing to TikTok Shop needs of `marketplaces.tiktok-shop`: the Partner API endpoint, the app's
/// key and secret, the seller's token, the shop's cipher and the warehouse its stock is in. Left out, the
/// warehouse is asked of TikTok Shop (`GET /logistics/202309/warehouses`) once per run.
public struct TikTokShopAccount: Sendable {
    let endpoint: URL
    let appKey: String
    let appSecret: String
    let accessToken: String
    let shopCipher: String
    var warehouse: String?

    /// The account in `settings`, or an error naming the setting to fix.
    init(_ settings: MarketplaceAccount) throws(PublishingError) {
        self.endpoint = try settings.endpoint()
        self.appKey = try settings.require("app_key")
        self.appSecret = try settings.require("app_secret")
        self.accessToken = try settings.require("access_token")
        self.shopCipher = try settings.require("shop_cipher")
        self.warehouse = settings.value("warehouse_id")
    }

    /// The account with the shop's default sales warehouse from Get Warehouse List: the enabled sales
    /// warehouse marked `is_default`, else the only enabled one; otherwise an error naming them. (TikTok
    /// documents that a product listed without a warehouse goes to the default one, and that a return
    /// warehouse has an id of its own, never to be used for stock.)
    func completed(warehouses answer: JSONValue) throws(PublishingError) -> TikTokShopAccount {
        let sales = (answer["warehouses"]?.elements ?? []).filter {
            $0["type"]?.text == "SALES_WAREHOUSE" && $0["effect_status"]?.text == "ENABLED"
        }
        let chosen = sales.first { $0["is_default"] == .bool(true) } ?? (sales.count == 1 ? sales.first : nil)
        if let id = chosen?["id"]?.text, !id.isEmpty {
            var account = self
            account.warehouse = id
            return account
        }
        guard !sales.isEmpty else {
            throw PublishingError(
                .account,
                "tiktok-shop: TikTok Shop lists no enabled sales warehouse for this shop "
                    + "(GET /logistics/202309/warehouses); add one in TikTok Shop Seller Center, or set "
                    + "warehouse_id: under marketplaces.tiktok-shop in ocop.yaml"
            )
        }
        let names = sales.map { "\($0["id"]?.text ?? "?") \($0["name"]?.text ?? "")" }.joined(separator: ", ")
        throw PublishingError(
            .account,
            "tiktok-shop: this shop has \(sales.count) sales warehouses and none is the default (\(names)); set "
                + "warehouse_id: under marketplaces.tiktok-shop in ocop.yaml to the one your stock is in"
        )
    }
}
