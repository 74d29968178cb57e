import Foundation
import Groundwork
import Lazada
import OCOPCatalog
import Publishing
import TestSupport
import Testing

/// Lazada's calls for one product, walked as a value.
@Suite struct LazadaConversationTests {
    let adapter = LazadaAdapter()

    func walk(_ change: PlannedChange, format: String = "json", answer: (MarketplaceCall) -> StepAnswer) throws
        -> ConversationWalk
    {
        let account = try self.adapter.account(
            MarketplaceAccount(
                marketplace: "lazada",
                values: [
                    "endpoint": "http://127.0.0.1:1/lazada/rest", "app_key": "1", "app_secret": "s",
                    "access_token": "t",
                    "payload_format": format,
                ]
            )
        )
        return ConversationWalk(self.adapter.conversation(for: change, account: account), answer: answer)
    }

    static let product = [
        ("SellerSku", "KC-1"), ("price", "185000"), ("quantity", "3"), ("image", "https://img.vn/a.jpg"),
    ]

    static func answer(_ call: MarketplaceCall) -> StepAnswer {
        switch call.path {
        case "/image/migrate": .data(.object([("image", .object([("url", .string("https://lzd.vn/a.jpg"))]))]))
        case "/product/create":
            .data(.object([("item_id", .number("9")), ("sku_list", .array([.object([("sku_id", .number("90"))])]))]))
        case "/products/get":
            .data(
                .object([
                    (
                        "products",
                        .array([
                            .object([
                                ("item_id", .number("9")),
                                (
                                    "skus",
                                    .array([.object([("SkuId", .number("90")), ("SellerSku", .string("KC-1"))])])
                                ),
                            ])
                        ])
                    )
                ])
            )
        default: .data(.object([]))
        }
    }

    @Test func imagesAreMigratedOnceThenTheProductIsCreated() throws {
        let walk = try self.walk(ConversationWalk.change("KC-1", .create, values: Self.product)) { Self.answer($0) }
        #expect(walk.steps == ["POST /image/migrate", "POST /product/create"])
        #expect(walk.references?.item == "9" && walk.references?.skus == ["90"])
        #expect(walk.references?.images == ["https://img.vn/a.jpg": "https://lzd.vn/a.jpg"])
        #expect(walk.calls.last?.parameters["payload"]?.contains("https://lzd.vn/a.jpg") == true)
    }

    @Test func aCreateRefusedBecauseTheSellerSkuIsTakenUpdatesTheItemLazadaHas() throws {
        let walk = try self.walk(ConversationWalk.change("KC-1", .create, values: Self.product)) { call in
            call.path == "/product/create"
                ? .refused(MarketplaceRefusal(.item, message: "SellerSku repeat", code: "4105")) : Self.answer(call)
        }
        #expect(
            walk.steps == [
                "POST /image/migrate", "POST /product/create", "GET /products/get", "POST /product/update",
                "POST /product/price_quantity/update",
            ]
        )
        #expect(walk.references?.item == "9" && walk.end == .succeeded(walk.references))
    }

    @Test func aWithdrawnProductIsDeactivatedByItsItemIdInApiRequestBody() throws {
        let walk = try self.walk(ConversationWalk.change("KC-1", .delete, references: RemoteReferences(item: "9"))) {
            Self.answer($0)
        }
        #expect(walk.steps == ["POST /product/deactivate"] && walk.end == .succeeded(nil))
        let body = try #require(walk.calls.first?.parameters["apiRequestBody"])
        #expect(try JSONValue.parse(Data(body.utf8))["Request"]?["Product"]?["ItemId"] == .string("9"))
        #expect(walk.calls.first?.parameters["payload"] == nil)
    }

    @Test func anXMLAccountSendsXMLPayloads() throws {
        let walk = try self.walk(ConversationWalk.change("KC-1", .create, values: Self.product), format: "xml") {
            Self.answer($0)
        }
        #expect(walk.calls.last?.parameters["payload"]?.hasPrefix("<?xml") == true)
    }
}
