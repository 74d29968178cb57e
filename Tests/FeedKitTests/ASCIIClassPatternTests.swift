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

    @Test(arguments: ["[^0-9]+", "[0-9]*", "[a-z]+x", "\\d+", "[\\w]+", "[9-0]+", "(a|b)+"])
    func anyOtherPatternIsLeftToTheRegexEngine(pattern: String) {
        #expect(ASCIIClassPattern(pattern) == nil)
    }
}
