import Foundation
import Groundwork
import Lazada
import Publishing
import Sandbox
import TestSupport
import Testing
import Transport

/// The Lazada simulator takes the calls as Lazada's references document them and refuses the retired ones
/// with Lazada's own codes: DeactivateProduct's one parameter is `apiRequestBody`, GetProductItem needs
/// `item_id` (`seller_sku` is gone since 2023-11-15).
@Suite(.timeLimit(.minutes(1))) struct LazadaContractTests {
    let adapter = LazadaAdapter()

    func send(_ call: MarketplaceCall, _ base: URL) async throws -> JSONValue? {
        let account = try self.adapter.account(
            MarketplaceAccount(marketplace: "lazada", values: SandboxAccounts.lazada(base))
        )
        let request = self.adapter.request(for: call, account: account, now: Date())
        return try? JSONValue.parse(try await CurlClient().send(request).body)
    }

    @Test func theRetiredCallsAreRefusedAsLazadaRefusesThem() async throws {
        let (deactivate, lookup) = try await withSandbox { base in
            (
                try await self.send(
                    MarketplaceCall("POST", "/product/deactivate", parameters: ["payload": "{}"]),
                    base
                ),
                try await self.send(
                    MarketplaceCall("GET", "/product/item/get", parameters: ["seller_sku": "KC-1"]),
                    base
                )
            )
        }
        #expect(deactivate?["code"] == .string("MissingParameter"))
        #expect(deactivate?["message"]?.text?.contains("apiRequestBody") == true)
        #expect(lookup?["code"] == .string("MissingParameter"))
        #expect(lookup?["message"]?.text?.contains("item_id") == true)
    }

    @Test func theDocumentedCallsAreTakenAndAnsweredWithLazadasCodes() async throws {
        let body = #"<?xml version="1.0" encoding="UTF-8"?><Request><Product><ItemId>42</ItemId></Product></Request>"#
        let (deactivate, missingItem, products) = try await withSandbox { base in
            (
                try await self.send(
                    MarketplaceCall("POST", "/product/deactivate", parameters: ["apiRequestBody": body]),
                    base
                ),
                try await self.send(
                    MarketplaceCall(
                        "POST",
                        "/product/deactivate",
                        parameters: ["apiRequestBody": #"{"Request":{"Product":{}}}"#]
                    ),
                    base
                ),
                try await self.send(
                    MarketplaceCall(
                        "GET",
                        "/products/get",
                        parameters: ["filter": "all", "sku_seller_list": #"["KC-1"]"#]
                    ),
                    base
                )
            )
        }
        #expect(deactivate?["code"] == .string("E0002"))  // taken, and the item is not the seller's
        #expect(missingItem?["code"] == .string("E0001"))
        #expect(products?["code"] == .string("0") && products?["data"]?["products"] == .array([]))
    }
}
