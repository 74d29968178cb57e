import FeedKit
import Foundation
import TestSupport
import Testing

@Suite struct JSONTests {
    @Test func serializationKeepsMemberOrderAndEscapesOnlyWhatJSONNeeds() {
        let value = JSONValue.object([
            ("b", .string("Cà phê \"Buôn Ma Thuột\"\n/")),
            ("a", .array([.number("185000000000"), .bool(true), .null])),
        ])
        #expect(value.serialized == "{\"b\":\"Cà phê \\\"Buôn Ma Thuột\\\"\\n/\",\"a\":[185000000000,true,null]}")
    }

    @Test func parsingKeepsLargeIntegersExact() throws {
        let value = try JSONValue.parse(Data("{\"amountMicros\": 185000000000000, \"x\": [1.5, \"y\"]}".utf8))
        #expect(value["amountMicros"] == .number("185000000000000"))
        #expect(value["x"] == .array([.number("1.5"), .string("y")]))
    }

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

@Suite struct JSONParserTests {
    @Test(arguments: [
        ("{\"a\":1,}", "byte 8"), ("[1 2]", "byte 4"), ("\"\\x\"", "unknown escape"), ("01", "malformed"),
        ("{\"a\":\"b\"} x", "after the value"), (String(repeating: "[", count: 100), "nested deeper"),
        ("\"\u{01}\"", "control character"), ("\"\\ud800\"", "surrogate"),
    ])
    func malformedJSONIsOneLineWithItsPlace(text: String, expected: String) {
        let error = #expect(throws: FeedError.self) { try JSONValue.parse(Data(text.utf8)) }
        #expect(error?.message.contains(expected) == true, "\(error?.message ?? "")")
    }

    @Test func stringsEscapesAndSurrogatePairsDecode() throws {
        let value = try JSONValue.parse(Data(#"{"z": "C\u00e0 ph\u00ea \ud83d\ude00 \"x\"\n", "a": -1.5e3}"#.utf8))
        #expect(value == .object([("z", .string("Cà phê 😀 \"x\"\n")), ("a", .number("-1.5e3"))]))
    }
}
