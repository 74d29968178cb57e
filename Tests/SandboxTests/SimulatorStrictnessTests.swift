import FeedKit
import Foundation
import Groundwork
import MetaCatalog
import Publishing
import Sandbox
import Shopee
import TestSupport
import Testing
import TikTokShop
import Transport

/// Each simulator refuses a wrong enum value the way its marketplace documents it, in that marketplace's own
/// error shape. Requests are built and signed by the adapters; only the value under test is wrong.
@Suite(.timeLimit(.minutes(1))) struct SimulatorStrictnessTests {
    func send(_ request: HTTPRequest) async throws -> (Int, JSONValue?) {
        let response = try await CurlClient().send(request)
        return (response.status, try? JSONValue.parse(response.body))
    }

    @Test func shopeeRefusesAConditionOutsideNewAndUsed() async throws {
        let adapter = ShopeeAdapter()
        let (status, answer) = try await withSandbox { base in
            let account = try adapter.account(
                MarketplaceAccount(marketplace: "shopee", values: SandboxAccounts.shopee(base))
            )
            let body = JSONValue.object([
                ("item_name", .string("Cà phê rang mộc")), ("condition", .string("BRAND_NEW")),
            ])
            let call = MarketplaceCall("POST", "/api/v2/product/add_item", body: .json(body))
            return try await self.send(adapter.request(for: call, account: account, now: Date()))
        }
        #expect(status == 200)  // Shopee answers a refused parameter inside its envelope
        #expect(answer?["error"] == .string("error_param") && answer?["message"]?.text?.contains("condition") == true)
    }

    @Test func tikTokShopRefusesAWeightUnitItDoesNotList() async throws {
        let adapter = TikTokShopAdapter()
        let (status, answer) = try await withSandbox { base in
            let account = try adapter.account(
                MarketplaceAccount(marketplace: "tiktok-shop", values: SandboxAccounts.tiktokShop(base))
            )
            let weight = JSONValue.object([("value", .string("0.5")), ("unit", .string("KILOGRAMS"))])
            let call = MarketplaceCall(
                "POST",
                "/product/202309/products",
                body: .json(.object([("package_weight", weight)]))
            )
            return try await self.send(adapter.request(for: call, account: account, now: Date()))
        }
        #expect(status == 400 && answer?["code"] == .number("12052001"))
    }

    @Test func metaRefusesAConditionOutsideProductItemsEnum() async throws {
        let adapter = MetaCatalogAdapter()
        var listing = Listing(id: "KC-1")
        for (name, value) in [
            ("id", "KC-1"), ("title", "Cà phê"), ("description", "Cà phê rang mộc"), ("availability", "in stock"),
            ("condition", "brand new"), ("price", "185000 VND"), ("link", "https://shop.vn/kc-1"),
            ("image_link", "https://img.vn/kc-1.jpg"),
        ] {
            listing.add(name, value)
        }
        let change = PlannedChange(code: "KC-1", action: .create, listing: listing, contentHash: "h", remoteID: nil)
        let (status, answer) = try await withSandbox { base in
            let account = try adapter.account(
                MarketplaceAccount(marketplace: "meta-catalog", values: SandboxAccounts.metaCatalog(base))
            )
            let context = BatchRequestContext(listing: Fixtures.sampleContext, now: Date(), nonce: "n")
            return try await self.send(adapter.request(for: [change], account: account, context: context))
        }
        #expect(status == 200)
        let errors = answer?["validation_status"]?[0]?["errors"]?.elements.compactMap { $0["message"]?.text } ?? []
        #expect(errors.contains { $0.contains("Invalid condition: brand new") }, "\(errors)")
    }
}
