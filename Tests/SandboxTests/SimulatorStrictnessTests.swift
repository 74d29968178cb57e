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
import Tiki
import Transport

/// Each simulator refuses a wrong enum value the way its marketplace documents it, in that marketplace's own
/// error shape. Requests are built and signed by the adapters; only the value under test is wrong.
@Suite(.timeLimit(.minutes(1))) struct SimulatorStrictnessTests {
    func send(_ request: HTTPRequest) async throws -> (Int, JSONValue?) {
        let response = try await CurlClient().send(request)
        return (response.status, try? JSONValue.parse(response.body))
    }

    /// An add_item body with every parameter the contract requires, `member` set to `value`.
    func shopeeItem(_ member: String, _ value: JSONValue) -> JSONValue {
        let logistics = JSONValue.object([("logistic_id", .number("50011")), ("enabled", .bool(true))])
        let members: [(String, JSONValue)] = [
            ("original_price", .number("185000")), ("description", .string("Cà phê rang mộc, 500 g")),
            ("weight", .number("0.5")), ("item_name", .string("Cà phê rang mộc")), ("category_id", .number("100888")),
            ("image", .object([("image_id_list", .array([.string("vn-11134207-sandbox-1")]))])),
            ("logistic_info", .array([logistics])),
        ]
        return .object(members.filter { $0.0 != member } + [(member, value)])
    }

    @Test(arguments: [
        ("condition", JSONValue.string("BRAND_NEW"), "condition is not one of NEW, USED"),
        ("item_status", .string("LISTED"), "item_status is not one of NORMAL, UNLIST"),
        ("weight", .string("0.5 kg"), "weight is not of type number"),
        ("category_id", .number("100888.5"), "category_id is not of type integer"),
    ])
    func shopeeRefusesWhatItsAddItemParametersDoNotTake(member: String, value: JSONValue, said: String)
        async throws
    {
        let adapter = ShopeeAdapter()
        let (status, answer) = try await withSandbox { base in
            let account = try adapter.account(
                MarketplaceAccount(marketplace: "shopee", values: SandboxAccounts.shopee(base))
            )
            let call = MarketplaceCall("POST", "/api/v2/product/add_item", body: .json(self.shopeeItem(member, value)))
            return try await self.send(adapter.request(for: call, account: account, now: Date()))
        }
        #expect(status == 200)  // Shopee answers a refused parameter inside its envelope
        #expect(answer?["error"] == .string("error_param"))
        #expect(answer?["message"]?.text == "Wrong parameters, detail: \(said).")
    }

    @Test func shopeeRefusesAnAddItemWithoutARequiredParameter() async throws {
        let adapter = ShopeeAdapter()
        let answer = try await withSandbox { base in
            let account = try adapter.account(
                MarketplaceAccount(marketplace: "shopee", values: SandboxAccounts.shopee(base))
            )
            guard case .object(let members) = self.shopeeItem("condition", .string("NEW")) else {
                return JSONValue.null
            }
            let body = JSONValue.object(members.filter { $0.0 != "logistic_info" })
            let call = MarketplaceCall("POST", "/api/v2/product/add_item", body: .json(body))
            return try await self.send(adapter.request(for: call, account: account, now: Date())).1 ?? .null
        }
        #expect(answer["message"]?.text == "Wrong parameters, detail: logistic_info is required.")
    }

    /// A product request as Tiki's guide writes one, its variant's `member` set to `value` (`nil`: left out).
    func tikiRequest(variant member: String, _ value: JSONValue?) -> JSONValue {
        let variant: [(String, JSONValue)] = [
            ("sku", .string("KC-1")), ("price", .number("185000")), ("quantity", .number("12")),
            ("inventory_type", .string("drop_ship")), ("supplier", .number("239091")),
        ]
        let image = JSONValue.string("https://cdn.ocop.example.vn/kc-1.jpg")
        return .object([
            ("category_id", .number("4370")), ("name", .string("Cà phê rang mộc")), ("description", .string("Cà phê")),
            ("attributes", .object([("origin", .string("Việt Nam"))])), ("image", image), ("images", .array([])),
            ("option_attributes", .array([])),
            ("variants", .array([.object(variant.filter { $0.0 != member } + (value.map { [(member, $0)] } ?? []))])),
        ])
    }

    @Test(arguments: [
        ("inventory_type", JSONValue.string("nonsense"), "variants[0].inventory_type is not one of"),
        ("inventory_type", .string("dropship"), "variants[0].inventory_type is not one of"),
        ("supplier", nil, "variants[0].supplier is required"),
        ("quantity", nil, "variants[0].quantity is required"),
        ("price", .string("185000"), "variants[0].price is not of type integer"),
    ])
    func tikiRefusesWhatItsProductRequestDoesNotTake(member: String, value: JSONValue?, said: String)
        async throws
    {
        let adapter = TikiAdapter()
        let (status, answer) = try await withSandbox { base in
            let account = try adapter.account(
                MarketplaceAccount(marketplace: "tiki", values: SandboxAccounts.tiki(base))
            )
            let body = self.tikiRequest(variant: member, value)
            let call = MarketplaceCall("POST", "/v1/requests", body: .json(body))
            return try await self.send(adapter.request(for: call, account: account, now: Date()))
        }
        #expect(status == 422)  // "Unprocessable Entity: payload is missing or invalid field"
        let errors = answer?["errors"]?.elements.compactMap(\.text) ?? []
        #expect(errors.count == 1 && errors[0].hasPrefix(said), "\(errors)")
    }

    /// A Create Product body with every parameter the contract requires, `member` set to `value`.
    func tikTokProduct(_ member: String, _ value: JSONValue) -> JSONValue {
        let sku = JSONValue.object([
            ("seller_sku", .string("KC-1")),
            ("price", .object([("amount", .string("185000")), ("currency", .string("VND"))])),
            (
                "inventory",
                .array([.object([("warehouse_id", .string("7000714532876273420")), ("quantity", .number("5"))])])
            ),
        ])
        let members: [(String, JSONValue)] = [
            ("title", .string("Cà phê rang mộc Buôn Ma Thuột 500 g")), ("description", .string("Cà phê rang mộc")),
            ("category_id", .string("600001")), ("main_images", .array([.object([("uri", .string("tos-1"))])])),
            ("skus", .array([sku])),
            ("package_weight", .object([("value", .string("0.5")), ("unit", .string("KILOGRAM"))])),
        ]
        return .object(members.filter { $0.0 != member } + [(member, value)])
    }

    @Test(arguments: [
        (
            "package_weight", JSONValue.object([("value", .string("0.5")), ("unit", .string("KILOGRAMS"))]),
            98_001_004,
            "Parameter package_weight.unit is invalid. Reason: is not one of KILOGRAM, POUND, GRAM. Expected: KILOGRAM, POUND, GRAM"
        ),
        (
            "title", .string("Cà phê"), 98_001_004,
            "Parameter title is invalid. Reason: is shorter than 25 characters. Expected: at least 25 characters"
        ),
        (
            "is_cod_allowed", .string("yes"), 98_001_004,
            "Parameter is_cod_allowed is invalid. Reason: is not of type boolean. Expected: boolean"
        ),
        (
            "main_images", .array(Array(repeating: .object([("uri", .string("tos-1"))]), count: 10)), 12_052_306,
            "main product images count exceed limit"
        ),
        ("description", nil, 12_052_015, "The product description is required"),
    ])
    func tikTokShopRefusesWhatCreateProductDoesNotTakeWithItsOwnCode(
        member: String,
        value: JSONValue?,
        code: Int,
        said: String
    ) async throws {
        let adapter = TikTokShopAdapter()
        let (status, answer) = try await withSandbox { base in
            let account = try adapter.account(
                MarketplaceAccount(marketplace: "tiktok-shop", values: SandboxAccounts.tiktokShop(base))
            )
            var body = self.tikTokProduct(member, value ?? .null)
            if value == nil, case .object(let members) = body { body = .object(members.filter { $0.0 != member }) }
            let call = MarketplaceCall("POST", "/product/202309/products", body: .json(body))
            return try await self.send(adapter.request(for: call, account: account, now: Date()))
        }
        // A parameter error comes with HTTP 400; a product check inside the envelope, with 200.
        #expect(status == (code == 98_001_004 ? 400 : 200) && answer?["code"] == .number(String(code)))
        #expect(answer?["message"]?.text == said)
    }

    @Test func tikTokShopRefusesAShopCipherOnTheImageUploadAndTheAdapterSendsNone() async throws {
        let keys = SignedAPICredentials()
        let path = "/product/202309/images/upload"
        let (status, answer) = try await withSandbox { base in
            let account = try TikTokShopAdapter().account(
                MarketplaceAccount(marketplace: "tiktok-shop", values: SandboxAccounts.tiktokShop(base))
            )
            let ours = TikTokShopAdapter().request(for: MarketplaceCall("POST", path), account: account, now: Date())
            #expect(!(ours.url.query ?? "").contains("shop_cipher"))
            var query = [
                "app_key": keys.tiktokAppKey, "timestamp": String(Int64(Date().timeIntervalSince1970)),
                "shop_cipher": "ROW_sandbox",
            ]
            query["sign"] = TikTokShopSignature.sign(
                path: path,
                query: query,
                body: Data(),
                multipart: true,
                appSecret: keys.tiktokAppSecret
            )
            let url = base.appending(path: "tiktok" + path)
                .appending(queryItems: query.map { URLQueryItem(name: $0.key, value: $0.value) })
            let headers = [
                ("Content-Type", "multipart/form-data; boundary=x"), ("x-tts-access-token", keys.tiktokAccessToken),
            ]
            return try await self.send(HTTPRequest(method: "POST", url: url, headers: headers, body: Data()))
        }
        #expect(status == 400 && answer?["code"] == .number("36009004"))
        #expect(
            answer?["message"]?.text
                == "Unexpected identifier. The `shop_cipher` query parameter is not required for this request."
        )
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
        #expect(
            errors == [
                #"Invalid value: Value passed at position 0 (id=KC-1) is invalid: "condition is not one of "#
                    + #"cpo, new, open_box_new, refurbished, used, used_fair, used_good, used_like_new""#
            ]
        )
    }
}
