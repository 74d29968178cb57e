import Foundation
import Groundwork
import Lazada
import OCOPCatalog
import Publishing
import Testing
import Transport

/// Lazada's `/category/tree/get`: asked for in Vietnamese, signed like every call, read from its nesting.
@Suite struct LazadaCategoryTreeTests {
    let adapter = LazadaAdapter()

    @Test func theTreeCallIsASignedGetInVietnamese() throws {
        let account = try self.adapter.account(
            MarketplaceAccount(
                marketplace: "lazada",
                values: [
                    "endpoint": "http://127.0.0.1:1/lazada/rest", "app_key": "1", "app_secret": "s",
                    "access_token": "t",
                ]
            )
        )
        let request = self.adapter.request(for: self.adapter.categoryTreeCall, account: account, now: Date())
        let query = try #require(URLComponents(url: request.url, resolvingAgainstBaseURL: false)?.queryItems)
        #expect(request.method == "GET" && request.url.path == "/lazada/rest/category/tree/get")
        #expect(query.contains(URLQueryItem(name: "language_code", value: "vi_VN")))
        #expect(query.contains { $0.name == "sign" })
    }

    @Test func theDocumentedNestingGivesEachChildItsParent() throws {
        // GetCategoryTree's demo (research-15/lazada.md §2.1): no parent id field, leaves marked leaf.
        let answer = try JSONValue.parse(
            Data(
                #"""
                [{"category_id":6588,"name":"Tất & Quần tất","leaf":false,"var":true,
                  "children":[{"category_id":7436,"name":"Tất","leaf":true,"var":true},
                              {"category_id":7435,"name":"Đồ lót","leaf":true,"var":true}]}]
                """#.utf8
            )
        )
        let nodes = try self.adapter.categoryNodes(from: answer)
        #expect(nodes.map(\.id) == ["6588", "7436", "7435"])
        #expect(nodes.map(\.parentID) == [nil, "6588", "6588"])
        #expect(nodes.map(\.isLeaf) == [false, true, true])
        #expect(throws: PublishingError.self) { try self.adapter.categoryNodes(from: .object([])) }
    }
}
