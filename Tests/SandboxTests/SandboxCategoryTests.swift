import Foundation
import Groundwork
import Lazada
import Publishing
import Sandbox
import Shopee
import TestSupport
import Testing
import Transport

/// The sandbox's category trees: a create into a category with others under it is refused in the
/// marketplace's own words, and a renumbered leaf's old id is no longer taken. Requests are built and signed
/// by the adapters.
@Suite(.timeLimit(.minutes(1))) struct SandboxCategoryTests {
    /// Lazada's `/product/create` payload with `category` as its PrimaryCategory.
    static func lazadaCreate(_ category: String) -> MarketplaceCall {
        let payload = JSONValue.object([
            (
                "Request",
                .object([
                    (
                        "Product",
                        .object([
                            ("PrimaryCategory", .string(category)),
                            (
                                "Images",
                                .object([("Image", .array([.string("https://vn-live-02.slatic.net/p/a.jpg")]))])
                            ),
                            (
                                "Attributes",
                                .object([("name", .string("Cà phê Chồn 250 g")), ("brand_id", .string("0"))])
                            ),
                            (
                                "Skus",
                                .object([
                                    (
                                        "Sku",
                                        .array([.object([("SellerSku", .string("KC-1")), ("price", .string("1"))])])
                                    )
                                ])
                            ),
                        ])
                    )
                ])
            )
        ])
        return MarketplaceCall("POST", "/product/create", parameters: ["payload": payload.serialized])
    }

    func post(_ request: HTTPRequest) async throws -> JSONValue {
        var request = request
        request.isIdempotent = false
        return try JSONValue.parse(try await CurlClient().send(request).body)
    }

    @Test func lazadaRefusesANonLeafWith4134AndARenumberedLeafsOldIDWith201() async throws {
        let adapter = LazadaAdapter()
        let (notLeaf, renumbered) = try await withSandbox { base in
            let account = try adapter.account(
                MarketplaceAccount(marketplace: "lazada", values: SandboxAccounts.lazada(base))
            )
            // Thực Phẩm và Đồ Uống > Thực phẩm khô has leaves under it
            let notLeaf = try await self.post(
                adapter.request(for: Self.lazadaCreate("10003106"), account: account, now: Date())
            )
            var renumber = HTTPRequest(
                method: "POST",
                url: base.appending(path: "sandbox/categories/lazada/renumber"),
                headers: [("Content-Type", "application/json")],
                body: Data(#"{"category_id": "10003102", "new_id": "10009902"}"#.utf8)
            )
            renumber.isIdempotent = false
            #expect(try await CurlClient().send(renumber).status == 200)
            let renumbered = try await self.post(
                adapter.request(for: Self.lazadaCreate("10003102"), account: account, now: Date())
            )
            return (notLeaf, renumbered)
        }
        #expect(notLeaf["code"]?.text == "4134" && notLeaf["message"]?.text == "Please select the last level category.")
        #expect(renumbered["code"]?.text == "201" && renumbered["message"]?.text == "Invalid CategoryId 10003102")
    }

    @Test func shopeeRefusesANonLeafAsAnInvalidCategory() async throws {
        let adapter = ShopeeAdapter()
        let answer = try await withSandbox { base in
            let account = try adapter.account(
                MarketplaceAccount(marketplace: "shopee", values: SandboxAccounts.shopee(base))
            )
            let logistics = JSONValue.object([("logistic_id", .number("50011")), ("enabled", .bool(true))])
            let item = JSONValue.object([
                ("original_price", .number("185000")), ("description", .string("Cà phê rang mộc, 500 g")),
                ("weight", .number("0.5")), ("item_name", .string("Cà phê rang mộc")),
                ("category_id", .number("101601")),  // Thực Phẩm và Đồ Uống > Đồ uống
                ("image", .object([("image_id_list", .array([.string("vn-11134207-sandbox-1")]))])),
                ("logistic_info", .array([logistics])),
            ])
            let call = MarketplaceCall("POST", "/api/v2/product/add_item", body: .json(item), isIdempotent: false)
            return try await self.post(adapter.request(for: call, account: account, now: Date()))
        }
        #expect(answer["error"]?.text == "error_invalid_category")
        #expect(answer["message"]?.text == "Invalid category ID 101601.")
    }
}
