import Foundation
import Groundwork
import Publishing
import Sandbox
import TestSupport
import Testing
import Transport
import WooCommerce

/// WooCommerce's batch takes what its schema would refuse (no validation runs on batch items), so our own
/// tests judge every product object we send by the REST v3 product schema in the contract; the sandbox takes
/// the rest the way the store does.
@Suite struct WooCommerceContractTests {
    let product: JSONSchema
    let sent: [JSONValue]

    init() throws {
        let contract = try #require(try WooCommerceAdapter().apiContract())
        self.product = try #require(contract.schema("POST", "/products/batch")?.property("create")?.items)
        let text = try String(contentsOf: Fixtures.feeds.appending(path: "woocommerce.jsonl"), encoding: .utf8)
        self.sent = try text.split(separator: "\n").map { try JSONValue.parse(Data($0.utf8)) }
    }

    @Test func everyProductObjectWeSendKeepsTheProductSchemaAndNamesOnlyItsProperties() {
        #expect(self.sent.count == 41)
        for object in self.sent {
            let violation = self.product.violation(of: object, refusingUnknown: true)
            #expect(violation == nil, "\(object["sku"]?.text ?? ""): \(violation?.description ?? "")")
        }
    }

    @Test(arguments: [
        ("type", JSONValue.string("simple_product"), "type is not one of simple, grouped, external, variable"),
        ("stock_quantity", .string("many"), "stock_quantity is not of type integer"),
        ("regular_price", .number("185000"), "regular_price is not of type string"),
        ("ocop_star", .string("4"), "ocop_star is not a known field"),
    ])
    func theSchemaRefusesWhatTheStoreWouldSilentlyTakeOrDrop(member: String, value: JSONValue, said: String) throws {
        let first = try #require(self.sent.first)
        guard case .object(let members) = first else {
            Issue.record("the first product object is not an object: \(first.serialized.prefix(60))")
            return
        }
        let object = JSONValue.object(members.filter { $0.0 != member } + [(member, value)])
        #expect(self.product.violation(of: object, refusingUnknown: true)?.description == said)
    }

    @Test func theSandboxTakesABatchItemAsTheStoreDoesAndRefusesOnlyWhatItsSettersRefuse() async throws {
        let body = JSONValue.object([
            (
                "create",
                .array([
                    .object([
                        ("sku", .string("KC-1")), ("name", .string("Cà phê")), ("type", .string("simple_product")),
                        ("status", .string("live")), ("stock_quantity", .string("many")),
                    ]),
                    .object([
                        ("sku", .string("KC-2")), ("name", .string("Trà")), ("catalog_visibility", .string("all")),
                    ]),
                    .object([("sku", .string("KC-1")), ("name", .string("Cà phê again"))]),
                ])
            )
        ])
        let (answer, held) = try await withSandbox { base in
            let request = HTTPRequest(
                method: "POST",
                url: base.appending(path: "woocommerce/wp-json/wc/v3/products/batch"),
                headers: [
                    ("Authorization", "Basic " + Data("ck_sandbox:cs_sandbox".utf8).base64EncodedString()),
                    ("Content-Type", "application/json"),
                ],
                body: Data(body.serialized.utf8)
            )
            let response = try await CurlClient().send(request)
            #expect(response.status == 200)  // the batch answers 200 whatever its items became
            return (try JSONValue.parse(response.body), try await SandboxPublishing.state(base, "woocommerce"))
        }
        let created = answer["create"]?.elements ?? []
        #expect(created.count == 3)
        // WC_Product_Simple for an unknown type, a draft for an unknown status, intval("many") = 0.
        let stored = held["items"]?["KC-1"]
        #expect(stored?["type"] == .string("simple") && stored?["status"] == .string("draft"))
        #expect(stored?["stock_quantity"] == .number("0"))
        #expect(created[1]["error"]?["code"] == .string("product_invalid_catalog_visibility"))
        #expect(created[2]["error"]?["code"] == .string("product_invalid_sku"))
        #expect(created[2]["error"]?["data"]?["resource_id"] == created[0]["id"])
    }
}
