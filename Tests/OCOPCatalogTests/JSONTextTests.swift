import Testing

@testable import OCOPCatalog

@Suite struct JSONTextTests {
    @Test(arguments: [[], ["https://a.vn/1.jpg"], ["a\"b\\c", "dòng\nhai", "\u{01}"]])
    func stringArraysRoundTrip(values: [String]) {
        #expect(JSONText.parseStrings(JSONText.array(values)) == values)
    }

    @Test func stringObjectsRoundTripAndGarbageIsRefused() {
        let members = ["google-merchant": "1868", "shopee": "100\"629"]
        #expect(JSONText.parseStringObject(JSONText.object(members)) == members)
        #expect(JSONText.parseStrings("[\"a\",]") == nil)
        #expect(JSONText.parseStrings("[\"a\"] x") == nil)
    }
}
