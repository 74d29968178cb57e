import Foundation
import FuzzTargets
import TestSupport
import Testing

/// Every file of every fuzz corpus (`Tests/Fuzz/<target>/`: the seeds, and each input that once crashed a
/// reader) read again through its target: a trap would end this test process.
@Suite struct FuzzCorpusTests {
    static func corpus(_ target: FuzzTarget) throws -> [URL] {
        let folder = Fixtures.root.appending(path: "Tests/Fuzz/\(target.rawValue)")
        return try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
    }

    @Test(arguments: FuzzTarget.allCases)
    func everyCorpusFileIsReadToTheEndWithoutATrap(target: FuzzTarget) throws {
        let files = try Self.corpus(target)
        #expect(!files.isEmpty)
        for file in files { target.run(try Data(contentsOf: file)) }
    }

    @Test func theSeedsAreReadAsWhatTheyAre() throws {
        let root = Fixtures.root.appending(path: "Tests/Fuzz")
        func read(_ target: FuzzTarget, _ name: String) throws -> Int {
            target.run(try Data(contentsOf: root.appending(path: "\(target.rawValue)/\(name)")))
        }
        #expect(try read(.csv, "two-rows.csv") == 2)
        #expect(try read(.csv, "regression-year-9997.csv") == 2)
        #expect(try read(.jsonCatalog, "products.json") == 2)
        #expect(try read(.jsonlFeed, "three-lines.jsonl") == 3)
        #expect(try read(.xmlFeed, "rss.xml") == 2)
        #expect(try read(.xmlFeed, "doctype.xml") == 0)
    }
}
