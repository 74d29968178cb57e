public import Foundation

/// Reads an RSS 2.0 feed with libxml2's streaming parser, validating against the adapter's XSD as it goes.
///
/// libxml2 parses a stretch of the feed at a time, and ``RSSItemAssembler`` turns its nodes into listings.
public struct RSSFeedReader: FeedReader, ~Copyable {
    private var reader: XMLReader
    private var assembler: RSSItemAssembler
    private var ready: [(listing: Listing, findings: [Finding])] = []
    private var position = 0

    /// Opens `url`; `file` is how messages name it.
    public init(url: URL, file: String, dialect: RSSDialect, schema: XMLSchema?) throws(FeedError) {
        self.reader = try XMLReader(url: url, file: file, schema: schema)
        self.assembler = RSSItemAssembler(dialect: dialect)
    }

    public mutating func next() throws(FeedError) -> (listing: Listing, findings: [Finding])? {
        while self.position == self.ready.count {
            // An item left open at the end cannot reach here: libxml2 refuses a document that ends inside one.
            guard let batch = try self.reader.nextBatch() else { return nil }
            var ready: [(listing: Listing, findings: [Finding])] = []
            self.assembler.take(batch) { listing, findings in ready.append((listing, findings)) }
            self.ready = ready
            self.position = 0
        }
        defer { self.position += 1 }
        return self.ready[self.position]
    }

    public var fileFindings: [Finding] {
        self.reader.schemaProblems.map { problem in
            Finding(item: "feed", attribute: "", rule: "schema", severity: .error, message: problem)
        }
    }
}
