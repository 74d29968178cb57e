import Foundation
import Groundwork
import Publishing
import Shopee
import TestSupport
import Testing

/// A new item's logistics channels are asked of Shopee when `logistic_ids` is not configured: the shop's
/// enabled checkout channels that need no parcel size or fee to choose; configuration wins.
@Suite struct ShopeeLogisticsTests {
    let adapter = ShopeeAdapter()

    func account(_ extra: [String: String] = [:]) throws -> ShopeeAccount {
        try self.adapter.account(
            MarketplaceAccount(
                marketplace: "shopee",
                values: [
                    "endpoint": "http://127.0.0.1:1/shopee", "partner_id": "2001887", "shop_id": "14701711",
                    "partner_key": "key", "access_token": "token",
                ].merging(extra) { $1 }
            )
        )
    }

    func channels(_ list: [(id: String, enabled: Bool, mask: String, fee: String)]) -> JSONValue {
        .object([
            (
                "logistics_channel_list",
                .array(
                    list.map {
                        .object([
                            ("logistics_channel_id", .number($0.id)),
                            ("logistics_channel_name", .string("Kênh \($0.id)")),
                            ("enabled", .bool($0.enabled)), ("mask_channel_id", .number($0.mask)),
                            ("fee_type", .string($0.fee)),
                        ])
                    }
                )
            )
        ])
    }

    /// The channel ids a new product's `add_item` ships with, or the error that stops the run.
    func addItem(_ account: ShopeeAccount) -> (ids: [String], failure: String?) {
        let change = ConversationWalk.change("KC-1", .create, values: [("item_sku", "KC-1"), ("original_price", "1")])
        let walk = ConversationWalk(self.adapter.conversation(for: change, account: account)) { _ in
            .data(.object([("item_id", .number("800"))]))
        }
        let call = walk.calls.first { $0.path == "/api/v2/product/add_item" }
        if case .stop(let error) = walk.end { return ([], error.message) }
        guard case .json(let body)? = call?.body else { return ([], walk.failure) }
        return (body["logistic_info"]?.elements.compactMap { $0["logistic_id"]?.text } ?? [], walk.failure)
    }

    @Test func enabledCheckoutChannelsPricedByWeightOrFixedAreTaken() throws {
        let account = try self.account()
        #expect(self.adapter.discoveryCalls(for: account).map(\.path) == ["/api/v2/logistics/get_channel_list"])
        let answer = self.channels([
            ("50011", true, "0", "SIZE_INPUT"), ("50012", true, "0", "FIXED_DEFAULT_PRICE"),
            ("50018", false, "0", "SIZE_INPUT"), ("5001", true, "50011", "SIZE_INPUT"),
            ("50021", true, "0", "SIZE_SELECTION"), ("50022", true, "0", "CUSTOM_PRICE"),
        ])
        #expect(self.addItem(try self.adapter.account(account, discovered: [answer])).ids == ["50011", "50012"])
    }

    @Test func configuredChannelsAreNotAskedFor() throws {
        let account = try self.account(["logistic_ids": "50030"])
        #expect(self.adapter.discoveryCalls(for: account).isEmpty)
        #expect(self.addItem(account).ids == ["50030"])
    }

    @Test func aShopWithNoUsableChannelStopsAtItsFirstCreateNamingTheChannels() throws {
        let answer = self.channels([("50021", true, "0", "SIZE_SELECTION"), ("50018", false, "0", "SIZE_INPUT")])
        let account = try self.adapter.account(try self.account(), discovered: [answer])
        let outcome = self.addItem(account)
        #expect(outcome.ids.isEmpty)
        #expect(
            outcome.failure
                == "shopee: none of this shop's enabled logistics channels (50021 Kênh 50021) can be chosen without a "
                + "parcel size or a shipping fee; set logistic_ids: under marketplaces.shopee in ocop.yaml"
        )
    }
}
