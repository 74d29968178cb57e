import Foundation
import Groundwork
import OCOPCatalog
import Publishing
import Testing
import TikTokShop
import Transport

/// TikTok Shop's Get Categories: the v2 tree in Vietnamese, a leaf only where the shop may list.
@Suite struct TikTokShopCategoryTreeTests {
    let adapter = TikTokShopAdapter()

    @Test func theTreeCallAsksForTheV2TreeInVietnamese() throws {
        let account = try self.adapter.account(
            MarketplaceAccount(
                marketplace: "tiktok-shop",
                values: [
                    "endpoint": "http://127.0.0.1:1/tiktok", "app_key": "k", "app_secret": "s", "access_token": "t",
                    "shop_cipher": "c", "warehouse_id": "W1",
                ]
            )
        )
        let request = self.adapter.request(for: self.adapter.categoryTreeCall, account: account, now: Date())
        let query = try #require(URLComponents(url: request.url, resolvingAgainstBaseURL: false)?.queryItems)
        #expect(request.method == "GET" && request.url.path == "/tiktok/product/202309/categories")
        #expect(query.contains(URLQueryItem(name: "locale", value: "vi-VN")))
        #expect(query.contains(URLQueryItem(name: "category_version", value: "v2")))
        #expect(query.contains(URLQueryItem(name: "shop_cipher", value: "c")) && query.contains { $0.name == "sign" })
    }

    @Test func aLeafTheShopMayNotListInIsNoLeaf() throws {
        // Get Categories' sample shape (research-15/tiktok-shop.md §2.1), one leaf invite-only.
        let answer = try JSONValue.parse(
            Data(
                #"""
                {"categories":[
                  {"id":"600001","parent_id":"0","local_name":"Thực phẩm & Đồ uống","is_leaf":false,
                   "permission_statuses":["AVAILABLE"]},
                  {"id":"600002","parent_id":"600001","local_name":"Đồ uống","is_leaf":false,
                   "permission_statuses":["AVAILABLE"]},
                  {"id":"605254","parent_id":"600002","local_name":"Trà","is_leaf":true,
                   "permission_statuses":["AVAILABLE"]},
                  {"id":"605255","parent_id":"600002","local_name":"Rượu","is_leaf":true,
                   "permission_statuses":["INVITE_ONLY"]}]}
                """#.utf8
            )
        )
        let nodes = try self.adapter.categoryNodes(from: answer)
        #expect(nodes.map(\.parentID) == [nil, "600001", "600002", "600002"])
        #expect(nodes.map(\.isLeaf) == [false, false, true, false])
        #expect(nodes.map(\.restriction) == [nil, nil, nil, "INVITE_ONLY"])
        #expect(throws: PublishingError.self) { try self.adapter.categoryNodes(from: .object([])) }
    }

    @Test func theAttributesReadTheMandatoryFlagAsTikTokSpellsItAndLeaveSalesProperties() throws {
        // Get Attributes' documented shape (Contract/categories-and-attributes.md §2.2): `is_requried`, sic.
        let answer = try JSONValue.parse(
            Data(
                #"""
                {"attributes":[
                  {"id":"100107","name":"Xuất xứ","type":"PRODUCT_PROPERTY","is_requried":true,
                   "values":[{"id":"1000059","name":"Việt Nam"}],"is_customizable":false,"is_multiple_selection":false},
                  {"id":"100392","name":"Dịp","type":"PRODUCT_PROPERTY","is_requried":false,"values":[],
                   "is_customizable":true},
                  {"id":"100000","name":"Màu sắc","type":"SALES_PROPERTY","is_requried":true,"values":[]}]}
                """#.utf8
            )
        )
        let attributes = try self.adapter.categoryAttributes(from: answer)
        #expect(attributes.map(\.key) == ["100107", "100392"])
        #expect(attributes[0].isMandatory && !attributes[0].acceptsOtherValues)
        #expect(attributes[0].options.map(\.id) == ["1000059"] && attributes[0].options.map(\.name) == ["Việt Nam"])
        #expect(!attributes[1].isMandatory && attributes[1].acceptsOtherValues)
        #expect(
            self.adapter.categoryAttributesCall(leaf: "601102").path == "/product/202309/categories/601102/attributes"
        )
    }
}
