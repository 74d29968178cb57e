import Foundation
import TestSupport
import Testing

@testable import OCOPCatalog

/// The reader copies runs of plain bytes at once and reads the file 64 KiB at a time: quotes, doubled quotes
/// and line breaks must read the same wherever a chunk ends.
@Suite struct CSVRecordReaderTests {
    /// The records of `text`: each one's line and fields.
    func records(_ text: String) throws -> [(line: Int, fields: [String])] {
        let folder = try TemporaryFolder()
        var reader = try CSVRecordReader(url: try folder.write("r.csv", text), file: "r.csv")
        var records: [(line: Int, fields: [String])] = []
        while let record = try reader.next() {
            records.append((record.line, record.fields.map { String(decoding: $0, as: UTF8.self) }))
        }
        return records
    }

    @Test(arguments: 0...6)
    func aQuotedValueAcrossTheEndOfAChunkReadsWhole(shift: Int) throws {
        // The doubled quote, the closing quote and the delimiter fall on either side of byte 65,536.
        let head = "h1,h2\n1,\""
        let filler = String(repeating: "y", count: 65_536 - head.utf8.count - 3 + shift)
        let text = head + filler + "\"\"q\nr\",\"s\"\r\n2,x\"y\n\n3,\"\"\n"
        let records = try self.records(text)
        #expect(records.map(\.line) == [1, 2, 4, 6])
        #expect(records[1].fields == ["1", filler + "\"q\nr", "s"])
        #expect(records[2].fields == ["2", "x\"y"])
        #expect(records[3].fields == ["3", ""])
    }

    @Test func textAfterAClosingQuoteAndAnUnclosedQuoteAreRefusedWithTheirLines() throws {
        #expect(throws: CatalogError.self) { try self.records("a,b\n\"x\"y,z\n") }
        let error = try #require(throws: CatalogError.self) { try self.records("a,b\n1,2\n\"open,\n\n") }
        #expect(error.message.contains("r.csv:3"))
    }

    @Test(arguments: [65_535, 65_536, 65_537])
    func aQuoteThatEndsTheFileClosesItsValue(size: Int) throws {
        // The file's last byte is the closing quote, at, before or after the end of the first chunk.
        let head = "h1,h2\n1,\""
        let filler = String(repeating: "z", count: size - head.utf8.count - 1)
        let records = try self.records(head + filler + "\"")
        #expect(records.map(\.line) == [1, 2])
        #expect(records[1].fields == ["1", filler])
        #expect(try self.records("a,b\n1,\"x\"\"\"").last?.fields == ["1", "x\""])
    }
}
