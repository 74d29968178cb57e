import Foundation
import Groundwork
import Publishing
import TestSupport
import Testing
import TikTokShop

/// A shop's warehouse is asked of TikTok Shop when `warehouse_id` is not configured: the enabled sales
/// warehouse marked default, else the only enabled one; never a return warehouse; configuration wins.
@Suite struct TikTokShopWarehouseTests {
    let adapter = TikTokShopAdapter()

    func account(_ extra: [String: String] = [:]) throws -> TikTokShopAccount {
        try self.adapter.account(
            MarketplaceAccount(
                marketplace: "tiktok-shop",
                values: [
                    "endpoint": "http://127.0.0.1:1/tiktok", "app_key": "k", "app_secret": "s", "access_token": "t",
                    "shop_cipher": "c",
                ].merging(extra) { $1 }
            )
        )
    }

    func warehouses(_ list: [(id: String, type: String, status: String, isDefault: Bool)]) -> JSONValue {
        .object([
            (
                "warehouses",
                .array(
                    list.map {
                        .object([
                            ("id", .string($0.id)), ("name", .string("Kho \($0.id)")), ("type", .string($0.type)),
                            ("effect_status", .string($0.status)), ("is_default", .bool($0.isDefault)),
                        ])
                    }
                )
            )
        ])
    }

    /// The warehouse the create body of a product puts its stock in, with `account`.
    func warehouseSent(_ account: TikTokShopAccount) -> String? {
        let change = ConversationWalk.change("KC-1", .create, values: [("title", "Cà phê"), ("price", "185000")])
        let walk = ConversationWalk(self.adapter.conversation(for: change, account: account)) { call in
            call.path == "/product/202309/products"
                ? .data(.object([("product_id", .string("P1")), ("skus", .array([]))])) : .data(.object([]))
        }
        let create = walk.calls.first { $0.path == "/product/202309/products" }
        guard case .json(let body)? = create?.body else { return nil }
        return body["skus"]?[0]?["inventory"]?[0]?["warehouse_id"]?.text
    }

    @Test func theDefaultEnabledSalesWarehouseIsTakenAndAReturnWarehouseNever() throws {
        let account = try self.account()
        #expect(self.adapter.discoveryCalls(for: account).map(\.path) == ["/logistics/202309/warehouses"])
        let answer = self.warehouses([
            ("R1", "RETURN_WAREHOUSE", "ENABLED", true), ("S1", "SALES_WAREHOUSE", "ENABLED", false),
            ("S2", "SALES_WAREHOUSE", "ENABLED", true),
        ])
        #expect(self.warehouseSent(try self.adapter.account(account, discovered: [answer])) == "S2")
        let onlyOneEnabled = self.warehouses([
            ("S1", "SALES_WAREHOUSE", "DISABLED", true), ("S2", "SALES_WAREHOUSE", "ENABLED", false),
        ])
        #expect(self.warehouseSent(try self.adapter.account(account, discovered: [onlyOneEnabled])) == "S2")
    }

    @Test func aConfiguredWarehouseIsNotAskedFor() throws {
        let account = try self.account(["warehouse_id": "W9"])
        #expect(self.adapter.discoveryCalls(for: account).isEmpty)
        #expect(self.warehouseSent(account) == "W9")
    }

    @Test(arguments: [
        (
            [("S1", "SALES_WAREHOUSE", "ENABLED", false), ("S2", "SALES_WAREHOUSE", "ENABLED", false)],
            "tiktok-shop: this shop has 2 sales warehouses and none is the default (S1 Kho S1, S2 Kho S2); set "
                + "warehouse_id: under marketplaces.tiktok-shop in ocop.yaml to the one your stock is in"
        ),
        (
            [("R1", "RETURN_WAREHOUSE", "ENABLED", true), ("S1", "SALES_WAREHOUSE", "RESTRICTED", true)],
            "tiktok-shop: TikTok Shop lists no enabled sales warehouse for this shop "
                + "(GET /logistics/202309/warehouses); add one in TikTok Shop Seller Center, or set "
                + "warehouse_id: under marketplaces.tiktok-shop in ocop.yaml"
        ),
    ])
    func aShopWithoutOneClearSalesWarehouseIsToldWhatToSet(
        list: [(id: String, type: String, status: String, isDefault: Bool)],
        said: String
    ) throws {
        let account = try self.account()
        #expect {
            try self.adapter.account(account, discovered: [self.warehouses(list)])
        } throws: {
            ($0 as? PublishingError)?.message == said
        }
    }
}
