import FeedKit
import Foundation
import Groundwork
import OCOPCatalog
import TestSupport
import Testing

@Suite struct JSONTests {
    @Test func flatJSONRoundTripsRepeatedAttributesAndGroups() {
        let attributes: [Attribute] = [
            .text("id", "A"), .text("additional_image_link", "https://a.vn/1.jpg"),
            .text("additional_image_link", "https://a.vn/2.jpg"),
            Attribute("shipping", .group([.text("country", "VN"), .text("price", "30000 VND")])),
        ]
        let encoded = FlatJSON.encode(attributes)
        #expect(
            encoded["additional_image_link"] == .array([.string("https://a.vn/1.jpg"), .string("https://a.vn/2.jpg")])
        )
        #expect(Set(FlatJSON.decode(encoded)) == Set(attributes))
    }

    @Test func jsonLinesAreReadAcrossBufferBoundariesOneAtATime() throws {
        let folder = try TemporaryFolder()
        let long = String(repeating: "x", count: 100_000)
        let text = "{\"id\": \"A\", \"note\": \"\(long)\"}\n\nnot json\n{\"id\": \"B\"}"
        let file = try folder.write("feed.jsonl", text)
        var reader = try JSONLinesFeedReader(url: file, file: "feed.jsonl") { value throws(FeedError) in
            Listing(id: value["id"]?.text ?? "", attributes: FlatJSON.decode(value))
        }
        var items: [(String, [String])] = []
        while let (listing, findings) = try reader.next() { items.append((listing.id, findings.map(\.rule))) }
        #expect(items.map(\.0) == ["A", "line 3", "B"])
        #expect(items.map(\.1) == [[], ["json"], []])
    }
}
