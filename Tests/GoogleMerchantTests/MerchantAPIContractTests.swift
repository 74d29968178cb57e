import Foundation
import Groundwork
import TestSupport
import Testing

/// The adapter's Merchant API bodies judged against the contract written from Google's own protos
/// (`Adapters/GoogleMerchant/Contract/merchant-api-products-v1.json`), not against our sandbox.
@Suite struct MerchantAPIContractTests {
    let contract: JSONValue
    let feed: [JSONValue]

    init() throws {
        let folder = Fixtures.root.appending(path: "Adapters/GoogleMerchant/Contract")
        self.contract = try JSONValue.parse(
            try Data(contentsOf: folder.appending(path: "merchant-api-products-v1.json"))
        )
        let text = try String(contentsOf: Fixtures.feeds.appending(path: "google-merchant.jsonl"), encoding: .utf8)
        self.feed = try text.split(separator: "\n").map { try JSONValue.parse(Data($0.utf8)) }
    }

    func names(_ path: [String]) -> Set<String> {
        var value: JSONValue? = self.contract
        for key in path { value = value?[key] }
        return Set(value?.elements.compactMap(\.text) ?? [])
    }

    @Test func everyFieldOfEverySampleBodyIsAFieldOfProductInputV1() throws {
        #expect(self.feed.count == 40)
        let inputFields = self.names(["ProductInput", "fields"])
        let attributeFields = self.names(["ProductAttributes", "fields"])
        #expect(attributeFields.count == 145 && !attributeFields.contains("shipsFromCountry"))
        for body in self.feed {
            guard case .object(let members) = body, case .object(let attributes)? = body["productAttributes"] else {
                Issue.record("not a ProductInput: \(body.serialized.prefix(80))")
                continue
            }
            #expect(Set(members.map(\.0)).isSubset(of: inputFields))
            let unknown = Set(attributes.map(\.0)).subtracting(attributeFields)
            #expect(unknown.isEmpty, "\(body["offerId"]?.text ?? ""): \(unknown)")
        }
    }

    @Test func enumsAndUnitsAreTheOnesTheContractLists() {
        for body in self.feed {
            let attributes = body["productAttributes"]
            for field in ["availability", "condition"] {
                if let value = attributes?[field]?.text { #expect(self.names(["enums", field]).contains(value)) }
            }
            for field in ["shippingWeight", "shippingLength", "shippingWidth", "shippingHeight"] {
                if let unit = attributes?[field]?["unit"]?.text {
                    #expect(self.names(["units", field]).contains(unit))
                }
            }
        }
    }
}
