import Foundation
import Groundwork
import OCOPCatalog
import Publishing
import Testing
import Tiki
import Transport

/// Tiki's v1 categories: asked for in Vietnamese (its default is English), `primary` marking the leaves.
@Suite struct TikiCategoryTreeTests {
    let adapter = TikiAdapter()

    @Test func theTreeCallAsksInVietnameseWithTheBearerToken() throws {
        let account = try self.adapter.account(
            MarketplaceAccount(
                marketplace: "tiki",
                values: ["endpoint": "http://127.0.0.1:9/tiki", "access_token": "t"]
            )
        )
        let request = self.adapter.request(for: self.adapter.categoryTreeCall, account: account, now: Date())
        #expect(
            request.method == "GET" && request.url.absoluteString == "http://127.0.0.1:9/tiki/v1/categories?lang=vi"
        )
        #expect(request.headers.contains { $0.0 == "Authorization" && $0.1 == "Bearer t" })
    }

    @Test func theDocumentedListReadsPrimaryAsLeaf() throws {
        // The v1 guide's shape (research-15/tiki.md §2.1): a bare array, parent ids, primary 1 or 0.
        let answer = try JSONValue.parse(
            Data(
                #"[{"id":320,"name":"Sách","parent":2,"primary":0},{"id":218,"name":"Sách y học","parent":320,"primary":1}]"#
                    .utf8
            )
        )
        let nodes = try self.adapter.categoryNodes(from: answer)
        #expect(nodes.map(\.isLeaf) == [false, true])
        #expect(nodes.map(\.parentID) == ["2", "320"])
        #expect(throws: PublishingError.self) { try self.adapter.categoryNodes(from: .object([])) }
    }

    @Test func theCategoryDetailsAttributesReadAsRequiredOrNotLeavingTheAdaptersOwn() throws {
        // v1 category detail (Contract/categories-and-attributes.md §2.2 [K2]).
        let answer = try JSONValue.parse(
            Data(
                #"""
                {"id":218,"name":"Sách thiếu nhi","parent":320,"primary":1,
                 "attributes":[{"id":498,"code":"author","display_name":"Tác giả","is_required":1},
                               {"id":1300,"code":"book_cover","display_name":"Loại bìa","is_required":0},
                               {"id":12,"code":"origin","display_name":"Xuất xứ","is_required":1}]}
                """#.utf8
            )
        )
        let attributes = try self.adapter.categoryAttributes(from: answer)
        #expect(attributes.map(\.key) == ["author", "book_cover"])
        #expect(attributes[0].name == "Tác giả" && attributes[0].isMandatory && !attributes[1].isMandatory)
        #expect(self.adapter.categoryAttributesCall(leaf: "218").path == "/v1/categories/218")
    }
}
