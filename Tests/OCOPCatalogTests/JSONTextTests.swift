import Groundwork
import Testing

@testable import OCOPCatalog

@Suite struct JSONTextTests {
    @Test(arguments: [[], ["https://a.vn/1.jpg"], ["a\"b\\c", "dòng\nhai", "\u{01}"]])
    func stringArraysRoundTrip(values: [String]) {
        #expect(JSONText.parseStrings(JSONText.array(values)) == values)
    }

    /// Lists of strings with nothing to escape are written without JSONValue, exactly as it writes them.
    @Test(arguments: [[], [""], ["https://a.vn/1.jpg", "ố/ệ?x=1"], ["a\"b", "c"], ["a", "dòng\nhai"]])
    func arraysAreWrittenAsJSONValueWritesThem(values: [String]) {
        #expect(JSONText.array(values) == JSONValue.array(values.map(JSONValue.string)).serialized)
        #expect(JSONText.object([:]) == JSONValue.object([]).serialized)
    }

    @Test func stringObjectsRoundTripAndGarbageIsRefused() {
        let members = ["google-merchant": "1868", "shopee": "100\"629"]
        #expect(JSONText.parseStringObject(JSONText.object(members)) == members)
        #expect(JSONText.parseStrings("[\"a\",]") == nil)
        #expect(JSONText.parseStrings("[\"a\"] x") == nil)
    }

    /// Lists as the catalogue writes them are read from their bytes; anything else goes to the parser, with
    /// the same answer.
    @Test func plainListsReadAsTheParserReadsThem() {
        #expect(JSONText.parseStrings(#"[",","]","[","ố"]"#) == [",", "]", "[", "ố"])
        #expect(JSONText.parseStrings(#"[ "a" , "b" ]"#) == ["a", "b"])
        #expect(JSONText.parseStrings(#"["a\u0041"]"#) == ["aA"])
        for garbage in [#"["a]"#, #"["a"b]"#, #"["a",,"b"]"#, #"[,"a"]"#, #"["a" "b"]"#, "[\"\u{01}\"]", "[", "]"] {
            #expect(JSONText.parseStrings(garbage) == nil, "\(garbage)")
        }
    }
}
