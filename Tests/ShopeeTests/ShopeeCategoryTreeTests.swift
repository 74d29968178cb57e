import Foundation
import Groundwork
import OCOPCatalog
import Publishing
import Shopee
import Testing
import Transport

/// Shopee's `get_category`: asked for in Vietnamese, signed as a shop API, read from its flat list.
@Suite struct ShopeeCategoryTreeTests {
    let adapter = ShopeeAdapter()

    @Test func theTreeCallIsASignedShopGetInVietnamese() throws {
        let account = try self.adapter.account(
            MarketplaceAccount(
                marketplace: "shopee",
                values: [
                    "endpoint": "http://127.0.0.1:1/shopee", "partner_id": "2001887", "shop_id": "14701711",
                    "partner_key": "key", "access_token": "token",
                ]
            )
        )
        let request = self.adapter.request(for: self.adapter.categoryTreeCall, account: account, now: Date())
        let query = try #require(URLComponents(url: request.url, resolvingAgainstBaseURL: false)?.queryItems)
        #expect(request.method == "GET" && request.url.path == "/shopee/api/v2/product/get_category")
        #expect(query.contains(URLQueryItem(name: "language", value: "vi")))
        #expect(
            query.contains { $0.name == "sign" } && query.contains(URLQueryItem(name: "shop_id", value: "14701711"))
        )
    }

    @Test func theGuidesExampleReadsAsATreeWithItsLeaf() throws {
        // The developer guide's shape (research-15/shopee.md §2.1), names as language=vi gives them.
        let answer = try JSONValue.parse(
            Data(
                #"""
                {"category_list":[
                  {"category_id":100629,"parent_category_id":0,"original_category_name":"Food & Beverages",
                   "display_category_name":"Thực phẩm và đồ uống","has_children":true},
                  {"category_id":100860,"parent_category_id":100629,"original_category_name":"Beverages",
                   "display_category_name":"Đồ uống","has_children":true},
                  {"category_id":100871,"parent_category_id":100860,"original_category_name":"Tea",
                   "display_category_name":"Trà","has_children":false}]}
                """#.utf8
            )
        )
        let tree = CategoryTree(
            marketplace: "shopee",
            fetched: Date(),
            nodes: try self.adapter.categoryNodes(from: answer)
        )
        #expect(tree.nodes.map(\.isLeaf) == [false, false, true])
        #expect(tree.node("100629")?.parentID == nil)
        #expect(tree.leafID(atPath: "Thực phẩm và đồ uống > Đồ uống > Trà") == "100871")
        #expect(throws: PublishingError.self) { try self.adapter.categoryNodes(from: .object([])) }
    }

    @Test func aCategoryThatDoesNotSayItHasNoChildrenIsNoLeaf() throws {
        // Only `has_children: false` makes a leaf: a missing or odd field must not send products to a parent.
        let answer = try JSONValue.parse(
            Data(
                #"""
                {"category_list":[{"category_id":1,"parent_category_id":0,"display_category_name":"A"},
                  {"category_id":2,"parent_category_id":1,"display_category_name":"B","has_children":1},
                  {"category_id":3,"parent_category_id":1,"display_category_name":"C","has_children":false}]}
                """#.utf8
            )
        )
        #expect(try self.adapter.categoryNodes(from: answer).map(\.isLeaf) == [false, false, true])
    }

    @Test func theAttributeTreeReadsMandatoryVietnameseNamesAndWhetherOnlyListedValuesAreTaken() throws {
        // get_attribute_tree's shape (Contract/categories-and-attributes.md §2.2) with a Vietnamese multi_lang.
        let answer = try JSONValue.parse(
            Data(
                #"""
                {"list":[{"category_id":101602,"warning":"","attribute_tree":[
                  {"attribute_id":100037,"mandatory":true,"name":"Country of Origin",
                   "multi_lang":[{"language":"vi","value":"Xuất xứ"}],
                   "attribute_value_list":[{"value_id":1001,"name":"Vietnam","multi_lang":[{"language":"vi","value":"Việt Nam"}]}],
                   "attribute_info":{"input_type":1,"input_validation_type":2,"format_type":1}},
                  {"attribute_id":100095,"mandatory":false,"name":"Shelf Life","attribute_value_list":[],
                   "attribute_info":{"input_type":3}}]}]}
                """#.utf8
            )
        )
        let attributes = try self.adapter.categoryAttributes(from: answer)
        #expect(attributes.map(\.key) == ["100037", "100095"])
        #expect(attributes[0].name == "Xuất xứ" && attributes[0].englishName == "Country of Origin")
        #expect(attributes[0].isMandatory && !attributes[0].acceptsOtherValues)
        #expect(attributes[0].options.map(\.id) == ["1001"] && attributes[0].options.map(\.name) == ["Việt Nam"])
        #expect(attributes[1].name == "Shelf Life" && !attributes[1].isMandatory && attributes[1].acceptsOtherValues)
        #expect(throws: PublishingError.self) { try self.adapter.categoryAttributes(from: .object([])) }
    }
}
