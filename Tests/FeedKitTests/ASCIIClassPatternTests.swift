import Testing

@testable import FeedKit

@Suite struct ASCIIClassPatternTests {
    static let values = ["DL-1", "dl_2", "", "a b", "á", "12", "1\u{301}", "x\r\n", "Z", "-", "a.b", "5é"]

    @Test(arguments: ["[A-Za-z0-9_-]+", "[0-9]+", "[a-z]+", "[-A-F0-9]+"])
    func aClassOfASCIICharactersMatchesWhatTheRegexEngineMatches(pattern: String) throws {
        let simple = try #require(ASCIIClassPattern(pattern))
        let regex = try Regex(pattern)
        for value in Self.values {
            #expect(simple.matchesWhole(value) == ((try? regex.wholeMatch(in: value)) != nil), "\(pattern) on \(value)")
        }
    }

    @Test(arguments: [#"[0-9]+(\.[0-9]{1,2})?"#, #"[0-9]+(\.[0-9]{1,3})?"#, #"[0-9]+(\.[0-9]+)?"#, "[^ ]+"])
    func theOtherCommonPatternsMatchWhatTheRegexEngineMatchesOrLeaveItToIt(pattern: String) throws {
        let simple = try #require(BytePattern(pattern))
        let regex = try Regex(pattern)
        let more = ["12.5", "12.50", "12.505", "0.1234", ".5", "5.", "1.2.3", "١٢", " ", "a \u{301}b", "7"]
        for value in Self.values + more {
            let expected = (try? regex.wholeMatch(in: value)) != nil
            #expect((simple.matchesWhole(value) ?? expected) == expected, "\(pattern) on \(value)")
        }
        // Decided from the bytes, not handed on: every ASCII value, and for `[^ ]+` every value without a space.
        for value in Self.values + more {
            let decidable = pattern == "[^ ]+" ? !value.utf8.contains(0x20) : value.utf8.allSatisfy { $0 < 0x80 }
            #expect((simple.matchesWhole(value) != nil) == decidable, "\(pattern) on \(value)")
        }
    }

    @Test(arguments: [
        "[^0-9]+", "[0-9]*", "[a-z]+x", "\\d+", "[\\w]+", "[9-0]+", "(a|b)+", #"[0-9]+(\.[0-9]{1,})?"#,
        #"[0-9]+(\.[0-9]{1,+2})?"#,
    ])
    func anyOtherPatternIsLeftToTheRegexEngine(pattern: String) {
        #expect(ASCIIClassPattern(pattern) == nil)
        #expect(BytePattern(pattern) == nil)
    }
}
