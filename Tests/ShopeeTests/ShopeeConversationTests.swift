import FeedKit
import Groundwork
import OCOPCatalog
import Publishing
import Shopee
import TestSupport
import Testing

/// Shopee's calls for one product, walked as a value: no server, no clock.
@Suite struct ShopeeConversationTests {
    let adapter = ShopeeAdapter()
    let account: ShopeeAccount

    init() throws {
        self.account = try self.adapter.account(
            MarketplaceAccount(
                marketplace: "shopee",
                values: [
                    "endpoint": "http://127.0.0.1:1/shopee", "partner_id": "2001887", "shop_id": "14701711",
                    "partner_key": "key", "access_token": "token", "logistic_ids": "50011",
                ]
            )
        )
    }

    func walk(_ change: PlannedChange, answer: (MarketplaceCall) -> StepAnswer) -> ConversationWalk {
        ConversationWalk(self.adapter.conversation(for: change, account: self.account), answer: answer)
    }

    static let product = [("item_sku", "KC-1"), ("original_price", "185000"), ("stock", "12")]
    static let images = [("image", "https://img.vn/a.jpg"), ("image", "https://img.vn/b.jpg")]

    static func answer(_ call: MarketplaceCall) -> StepAnswer {
        switch call.path {
        case "/api/v2/media_space/upload_image":
            .data(.object([("image_info", .object([("image_id", .string("img-\(call.body.encoded.data.count)"))]))]))
        case "/api/v2/product/add_item": .data(.object([("item_id", .number("800"))]))
        case "/api/v2/product/search_item": .data(.object([("item_id_list", .array([.number("801")]))]))
        default: .data(.object([]))
        }
    }

    @Test func aNewProductUploadsEachImageThenAddsTheItemOnce() {
        let walk = self.walk(ConversationWalk.change("KC-1", .create, values: Self.product + Self.images)) {
            Self.answer($0)
        }
        #expect(
            walk.steps == [
                "download https://img.vn/a.jpg", "POST /api/v2/media_space/upload_image",
                "download https://img.vn/b.jpg", "POST /api/v2/media_space/upload_image",
                "POST /api/v2/product/add_item",
            ]
        )
        #expect(walk.calls.last?.isIdempotent == false)  // add_item has no idempotency key
        #expect(walk.references?.item == "800" && walk.references?.images.count == 2)
        if case .json(let body) = walk.calls.last?.body {
            #expect(body["logistic_info"]?[0]?["logistic_id"] == .number("50011"))
        } else {
            Issue.record("add_item carries no JSON body")
        }
    }

    @Test func aLostAddItemIsNotSentAgainButLookedForByTheNextRun() {
        let lost = self.walk(ConversationWalk.change("KC-1", .create, values: Self.product)) { call in
            call.path == "/api/v2/product/add_item" ? .lost("timed out") : Self.answer(call)
        }
        #expect(lost.failure?.contains("the next run looks for the item") == true)
        #expect(lost.references?.unconfirmed == true && lost.references?.item == nil)

        // The next run: Shopee did create it, so search_item finds it and the item is updated, not added.
        let next = self.walk(
            ConversationWalk.change("KC-1", .update, values: Self.product, references: lost.references)
        ) { Self.answer($0) }
        #expect(
            next.steps == [
                "GET /api/v2/product/search_item", "POST /api/v2/product/update_item",
                "POST /api/v2/product/update_price",
                "POST /api/v2/product/update_stock",
            ]
        )
        #expect(next.references?.item == "801" && next.references?.unconfirmed == nil)
    }

    @Test func imagesShopeeHasAreNeverUploadedAgain() {
        var known = RemoteReferences(item: "800")
        known.images = ["https://img.vn/a.jpg": "img-a", "https://img.vn/b.jpg": "img-b"]
        let walk = self.walk(
            ConversationWalk.change("KC-1", .update, values: Self.product + Self.images, references: known)
        ) { Self.answer($0) }
        #expect(!walk.steps.contains { $0.hasPrefix("download") })
        #expect(walk.references?.images == known.images)
    }

    @Test func anItemRefusalKeepsTheImagesAlreadyUploaded() {
        let walk = self.walk(ConversationWalk.change("KC-1", .create, values: Self.product + Self.images)) { call in
            call.path == "/api/v2/product/add_item"
                ? .refused(MarketplaceRefusal(.item, message: "category is invalid", code: "error_invalid_category"))
                : Self.answer(call)
        }
        #expect(walk.failure == "category is invalid (error_invalid_category)")
        #expect(walk.references?.images.count == 2 && walk.references?.item == nil)
    }

    @Test func aRefusedDeleteKeepsTheImagesShopeeHolds() {
        var known = RemoteReferences(item: "800")
        known.images = ["https://img.vn/a.jpg": "img-a"]
        let walk = self.walk(ConversationWalk.change("KC-1", .delete, references: known)) { _ in
            .refused(MarketplaceRefusal(.item, message: "item is in a promotion", code: "error_item_promotion"))
        }
        #expect(walk.failure == "item is in a promotion (error_item_promotion)")
        #expect(walk.references == known)  // if the product comes back, its images are not uploaded again
    }

    @Test func aWithdrawnItemIsDeletedAndOneNeverCreatedNeedsNoCall() {
        let deleted = self.walk(ConversationWalk.change("KC-1", .delete, references: RemoteReferences(item: "800"))) {
            Self.answer($0)
        }
        #expect(deleted.steps == ["POST /api/v2/product/delete_item"] && deleted.end == .succeeded(nil))
        let never = self.walk(ConversationWalk.change("KC-1", .delete)) { Self.answer($0) }
        #expect(never.steps.isEmpty && never.end == .succeeded(nil))
    }
}
