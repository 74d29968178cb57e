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

    @Test func theGuidesAttributesReadAsTheCategorysOwnWithTheirLabelsAndEnglishOptions() throws {
        // GetCategoryAttributes' guide sample (Contract/categories-and-attributes.md §2.2): numbers as strings on
        // the API page, the platform's own fields among the category's.
        let answer = try JSONValue.parse(
            Data(
                #"""
                [{"id":"100005571","name":"name","label":"Name","input_type":"text","attribute_type":"normal",
                  "is_mandatory":"1","options":[]},
                 {"id":100005515,"name":"warranty_type","label":"Loại bảo hành","input_type":"singleSelect",
                  "attribute_type":"normal","is_mandatory":1,"is_sale_prop":0,
                  "options":[{"id":75172,"name":"Không bảo hành","en_name":"No Warranty"}]},
                 {"id":100005683,"name":"color_family","label":"Color","input_type":"multiEnumInput",
                  "attribute_type":"sku","is_mandatory":0,"is_sale_prop":1,"options":[]},
                 {"id":100005497,"name":"package_length","label":"Package Length (cm)","input_type":"numeric",
                  "attribute_type":"sku","is_mandatory":1,"options":[]},
                 {"id":7,"name":"shelf_life","label":"Hạn sử dụng","input_type":"text","attribute_type":"normal",
                  "is_mandatory":"0","options":[]}]
                """#.utf8
            )
        )
        let attributes = try self.adapter.categoryAttributes(from: answer)
        #expect(attributes.map(\.key) == ["warranty_type", "shelf_life"])
        #expect(attributes[0].name == "Loại bảo hành" && attributes[0].isMandatory && !attributes[0].acceptsOtherValues)
        #expect(
            attributes[0].options.map(\.name) == ["Không bảo hành"]
                && attributes[0].options.map(\.englishName) == ["No Warranty"]
        )
        #expect(!attributes[1].isMandatory && attributes[1].acceptsOtherValues)
        let call = self.adapter.categoryAttributesCall(leaf: "10003102")
        #expect(call.path == "/category/attributes/get")
        #expect(call.parameters == ["primary_category_id": "10003102", "language_code": "vi_VN"])
    }

    @Test func a57AnswerMeansALeafWithNoAttributesAndAnyOtherRefusalDoesNot() throws {
        // GetCategoryAttributes' error table: 57 "E057: No attribute sets linked to that category".
        func refusal(_ body: String) -> MarketplaceRefusal? {
            guard case .refused(let refusal) = self.adapter.answer(to: HTTPResponse(status: 200, body: Data(body.utf8)))
            else { return nil }
            return refusal
        }
        let none = try #require(refusal(#"{"code":"57","message":"E057: No attribute sets linked to that category"}"#))
        #expect(self.adapter.meansNoAttributes(none))
        let inactive = try #require(refusal(#"{"code":"4228","message":"Query category is not active"}"#))
        #expect(!self.adapter.meansNoAttributes(inactive))
    }
}
