import Groundwork
import OCOPCatalog
import Testing

@testable import FeedKit

/// The content hash is taken of bytes written straight from the listing; they must be exactly those of the
/// flat JSON value serialized, or every ledger entry would look changed after an upgrade.
@Suite struct ListingContentHashTests {
    static let listings: [Listing] = [
        Listing(id: "A"),
        Listing(id: "", attributes: [.text("", "")]),
        Listing(
            id: "KC-\"quoted\"\\slash",
            attributes: [
                .text("id", "KC-1"), .text("title", "Cà phê Buôn Ma Thuột \"đặc biệt\""),
                .text("description", "line one\nline two\r\n\ttabbed \u{01}\u{1F} and \\ back"),
                .text("additional_image_link", "https://a.vn/1.jpg"), .text("price", "120000 VND"),
                .text("additional_image_link", "https://a.vn/2.jpg"),
                Attribute(
                    "product_detail",
                    .group([.text("section_name", "Chứng nhận OCOP"), .text("attribute_name", "Hạng sao")])
                ),
                Attribute(
                    "product_detail",
                    .group([.text("section_name", "S"), .text("x", "1"), .text("x", "2"), .text("y", "")])
                ),
                .text("additional_image_link", "https://a.vn/3.jpg"), .text("emoji", "🇻🇳 e\u{301}"),
                Attribute("empty_group", .group([])),
                .text("a_very_long_attribute_name_beyond_small", "x"),
                .text("a_very_long_attribute_name_beyond_small", "y"),
                .text("long", String(repeating: "Cà phê Buôn Ma Thuột ", count: 40)),
                .text(
                    "late_escape",
                    String(repeating: "x", count: 47) + "\\" + String(repeating: "ố", count: 9) + "\u{7F}\u{1F}"
                ),
            ]
        ),
    ]

    @Test(arguments: Self.listings) func bytesAreTheSerializedFlatJSON(listing: Listing) {
        let expected = JSONValue.object([
            ("id", .string(listing.id)), ("attributes", FlatJSON.encode(listing.attributes)),
        ]).serialized
        var bytes: [UInt8] = Array(#"{"id":"#.utf8)
        FlatJSON.writeString(listing.id, into: &bytes)
        bytes.append(contentsOf: #","attributes":"#.utf8)
        FlatJSON.write(listing.attributes, into: &bytes)
        bytes.append(UInt8(ascii: "}"))
        #expect(bytes == Array(expected.utf8))
    }

    /// Escapes are looked for eight bytes at a time: one at every place in a word, beside bytes just above
    /// and below what needs one, is found, and nothing else is escaped.
    @Test(arguments: ["\"", "\\", "\n", "\u{1F}", "\u{00}", "!", "#", "[", "]", "\u{7F}", "ố", " "])
    func escapesAreFoundAtEveryPlaceInAWord(special: String) {
        for place in 0..<24 {
            let text = String(repeating: "a", count: place) + special + String(repeating: "~", count: 23 - place)
            var bytes: [UInt8] = []
            FlatJSON.writeString(text, into: &bytes)
            #expect(bytes == Array(JSONValue.string(text).serialized.utf8), "\(place)")
        }
    }

    @Test func hashIsLowercaseHexOfSixtyFourDigits() {
        let hash = Self.listings[2].contentHash
        #expect(hash.utf8.count == 64)
        #expect(hash.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) })
        #expect(hash == Listing(id: Self.listings[2].id, attributes: Self.listings[2].attributes).contentHash)
        #expect(hash != Self.listings[0].contentHash)
    }
}
