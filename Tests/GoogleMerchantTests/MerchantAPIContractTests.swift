import Foundation
import GoogleMerchant
import Groundwork
import TestSupport
import Testing

/// The adapter's Merchant API bodies judged against the contract written from Google's own protos
/// (`Adapters/GoogleMerchant/Contract/merchant-api-products-v1.json`), not against our sandbox.
@Suite struct MerchantAPIContractTests {
    let contract: APIContract
    let feed: [JSONValue]
    static let insert = "/products/v1/accounts/123/productInputs:insert"

    init() throws {
        self.contract = try #require(try GoogleMerchantAdapter().apiContract())
        let text = try String(contentsOf: Fixtures.feeds.appending(path: "google-merchant.jsonl"), encoding: .utf8)
        self.feed = try text.split(separator: "\n").map { try JSONValue.parse(Data($0.utf8)) }
    }

    @Test func everySampleBodyIsAProductInputOfMerchantAPIV1() {
        #expect(self.feed.count == 40)
        for body in self.feed {
            let violation = self.contract.violation(of: body, "POST", Self.insert)
            #expect(violation == nil, "\(body["offerId"]?.text ?? ""): \(violation?.description ?? "")")
        }
    }

    @Test func productAttributesHasTheProtosFieldsAndNoXMLFeedOnlyOnes() throws {
        let input = try #require(self.contract.schema("POST", Self.insert))
        let attributes = try #require(input.property("productAttributes"))
        #expect(attributes.properties.count == 145)
        #expect(attributes.property("shipsFromCountry") == nil && attributes.property("shippingWeight") != nil)
    }

    @Test func aDeleteNeedsItsDataSource() {
        let delete = "/products/v1/accounts/123/productInputs/vi~VN~KC-1"
        #expect(
            self.contract.violation(of: .object([]), "DELETE", delete, part: "query")?.description
                == "dataSource is required"
        )
        let named = JSONValue.object([("dataSource", .string("accounts/123/dataSources/456"))])
        #expect(self.contract.violation(of: named, "DELETE", delete, part: "query") == nil)
    }
}
