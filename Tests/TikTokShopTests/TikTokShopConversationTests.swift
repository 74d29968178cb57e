import Groundwork
import OCOPCatalog
import Publishing
import TestSupport
import Testing
import TikTokShop

/// TikTok Shop's calls for one product, walked as a value.
@Suite struct TikTokShopConversationTests {
    let adapter = TikTokShopAdapter()

    func walk(_ change: PlannedChange) throws -> ConversationWalk {
        let account = try self.adapter.account(
            MarketplaceAccount(
                marketplace: "tiktok-shop",
                values: [
                    "endpoint": "http://127.0.0.1:1/tiktok", "app_key": "k", "app_secret": "s", "access_token": "t",
                    "shop_cipher": "c", "warehouse_id": "W1",
                ]
            )
        )
        return ConversationWalk(self.adapter.conversation(for: change, account: account)) { call in
            switch call.path {
            case "/product/202309/images/upload": .data(.object([("uri", .string("tos-1"))]))
            case "/product/202309/products":
                .data(.object([("product_id", .string("P1")), ("skus", .array([.object([("id", .string("S1"))])]))]))
            default: .data(.object([]))
            }
        }
    }

    static let product = [("title", "Cà phê"), ("price", "185000"), ("image", "https://img.vn/a.jpg")]

    @Test func aNewProductIsCreatedWithAnIdempotencyKeyAfterItsImage() throws {
        let walk = try self.walk(ConversationWalk.change("KC-1", .create, values: Self.product))
        #expect(
            walk.steps == [
                "download https://img.vn/a.jpg", "POST /product/202309/images/upload", "POST /product/202309/products",
            ]
        )
        guard case .json(let body)? = walk.calls.last?.body else { throw TestFailure("the create has no JSON body") }
        #expect(body["idempotency_key"]?.text?.hasPrefix("ocop-KC-1-") == true)
        #expect(walk.references?.item == "P1" && walk.references?.skus == ["S1"])
    }

    @Test func aProductTikTokHasIsEditedInFullByItsSKUsID() throws {
        var known = RemoteReferences(item: "P1")
        known.skus = ["S1"]
        known.images = ["https://img.vn/a.jpg": "tos-1"]
        let walk = try self.walk(ConversationWalk.change("KC-1", .update, values: Self.product, references: known))
        #expect(walk.steps == ["PUT /product/202509/products/P1"])
        guard case .json(let body)? = walk.calls.last?.body else { throw TestFailure("the edit has no JSON body") }
        #expect(body["skus"]?[0]?["id"] == .string("S1"))
    }
}

struct TestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
