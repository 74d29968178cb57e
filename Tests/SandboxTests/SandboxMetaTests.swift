import Foundation
import Groundwork
import OCOPCatalog
import Sandbox
import TestSupport
import Testing
import Transport

@Suite(.timeLimit(.minutes(1))) struct SandboxMetaTests {
    let client = CurlClient()

    func post(_ base: URL, token: String, body: String) async throws -> HTTPResponse {
        try await self.client.send(
            HTTPRequest(
                method: "POST",
                url: base.appending(path: "graph/v21.0/789/items_batch"),
                headers: [("Authorization", "Bearer \(token)"), ("Content-Type", "application/json")],
                body: Data(body.utf8)
            )
        )
    }

    @Test func aWrongTokenIsRefusedAsMetaRefusesIt() async throws {
        let response = try await withSandbox { base in try await self.post(base, token: "stolen", body: "{}") }
        #expect(response.status == 401)
        #expect(try JSONValue.parse(response.body)["error"]?["code"] == .number("190"))
    }

    @Test func itemsAreKeptAndInvalidOnesAreNamedPerRetailerID() async throws {
        let body = #"""
            {"item_type":"PRODUCT_ITEM","allow_upsert":true,"requests":[
             {"method":"CREATE","data":{"id":"A1","title":"Cà phê","description":"d","availability":"in stock","condition":"new","price":"185000 VND","link":"https://a.vn/a","image_link":"https://a.vn/a.jpg"}},
             {"method":"CREATE","data":{"id":"B2","title":"Mật ong","availability":"in_stock","price":"185.000 ₫"}}]}
            """#
        let (response, state) = try await withSandbox { base in
            let response = try await self.post(base, token: "sandbox-meta-token", body: body)
            let state = try await self.client.send(HTTPRequest(url: base.appending(path: "sandbox/meta-catalog")))
            return (response, state)
        }
        #expect(response.status == 200)
        let statuses = try JSONValue.parse(response.body)["validation_status"]
        guard case .array(let list)? = statuses, let first = list.first else {
            Issue.record("no validation_status")
            return
        }
        #expect(list.count == 1 && first["retailer_id"] == .string("B2"))
        let held = try JSONValue.parse(state.body)
        #expect(held["items"]?["A1"]?["price"] == .string("185000 VND"))
        #expect(held["items"]?["B2"] == nil)
    }

    @Test func aBodyThatIsNotABatchIsABadRequest() async throws {
        let response = try await withSandbox { base in
            try await self.post(base, token: "sandbox-meta-token", body: "[1,2]")
        }
        #expect(response.status == 400)
    }
}
