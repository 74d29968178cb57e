import FeedKit
import Foundation
import MetaCatalog
import TestSupport
import Testing

/// Feed files no marketplace would take are refused with one line, quickly and in bounded memory (issue 18).
@Suite(.timeLimit(.minutes(1))) struct FeedLimitTests {
    let folder: TemporaryFolder
    let validator: FeedFileValidator

    init() throws {
        self.folder = try TemporaryFolder()
        self.validator = try FeedFileValidator(
            adapter: MetaCatalogAdapter(),
            mapping: try Fixtures.mapping("meta-catalog")
        )
    }

    @Test(arguments: [("empty.xml", ""), ("blank.xml", "  \n\n "), ("empty.jsonl", ""), ("blank.jsonl", "\n \n\t\n")])
    func anEmptyOrBlankFeedIsAnErrorNotAValidFeedOfNoItems(name: String, text: String) throws {
        let file = try self.folder.write(name, text)
        let error = try #require(throws: FeedError.self) { try self.validator.validate(file, file: name) }
        #expect(error.message == "\(name): the feed has no items (an empty file?)")
    }

    @Test func aPriceNoMarketplaceCanEncodeBreaksTheRuleInsteadOfBeingDroppedFromThePayload() {
        #expect(ValueFormat.price.problem(with: "1000000000000 VND") == nil)
        #expect(ValueFormat.price.problem(with: "185000.50 VND") == nil)
        #expect(
            ValueFormat.price.problem(with: "9300000000000 VND")
                == "is more than 1000000000000, more than marketplaces can encode"
        )
        #expect(ValueFormat.price.problem(with: "1000000000000.5 VND") != nil)
        #expect(ValueFormat.price.problem(with: "1000000000000.00 VND") == nil)
        #expect(ValueFormat.price.problem(with: "99999999999999999999 VND") != nil)
    }

    @Test func aJSONLineLongerThanAnyItemIsRefusedWithoutReadingItAll() throws {
        let file = self.folder.url.appending(path: "long.jsonl")
        #expect(FileManager.default.createFile(atPath: file.path, contents: Data("{\"id\": \"A\"}\n".utf8)))
        let handle = try FileHandle(forWritingTo: file)
        try handle.seekToEnd()
        let spaces = Data(repeating: 0x20, count: 1 << 20)
        for _ in 0..<40 { try handle.write(contentsOf: spaces) }  // one 40 MiB line
        try handle.close()
        let error = try #require(throws: FeedError.self) { try self.validator.validate(file, file: "long.jsonl") }
        #expect(error.message == "long.jsonl: line 2 is longer than 16 MiB; a feed item never is")
    }
}
