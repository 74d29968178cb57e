import Foundation
import Groundwork
import Testing

@Suite struct JSONValueTests {
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

    @Test(arguments: [
        ("{\"a\":1,}", "byte 8"), ("[1 2]", "byte 4"), ("\"\\x\"", "unknown escape"), ("01", "malformed"),
        ("{\"a\":\"b\"} x", "after the value"), (String(repeating: "[", count: 100), "nested deeper"),
        ("\"\u{01}\"", "control character"), ("\"\\ud800\"", "surrogate"),
    ])
    func malformedJSONIsOneLineWithItsPlace(text: String, expected: String) {
        let error = #expect(throws: JSONSyntaxError.self) { try JSONValue.parse(Data(text.utf8)) }
        #expect(error?.message.contains(expected) == true, "\(error?.message ?? "")")
    }

    @Test func stringsEscapesAndSurrogatePairsDecode() throws {
        let value = try JSONValue.parse(Data(#"{"z": "C\u00e0 ph\u00ea \ud83d\ude00 \"x\"\n", "a": -1.5e3}"#.utf8))
        #expect(value == .object([("z", .string("Cà phê 😀 \"x\"\n")), ("a", .number("-1.5e3"))]))
    }
}
