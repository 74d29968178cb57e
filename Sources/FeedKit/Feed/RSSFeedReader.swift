public import Foundation

/// Reads an RSS 2.0 feed with libxml2's streaming parser, validating against the adapter's XSD as it goes.
///
/// One thread may both parse and assemble items (``next()``); or this thread parses (``nextBatch()``) while
/// another assembles the batches (``makeAssembler()``), as ``FeedFileValidator`` does.
public struct RSSFeedReader: FeedReader, ~Copyable {
    private var reader: XMLReader
    private let dialect: RSSDialect
    private var assembler: RSSItemAssembler
    private var ready: [(listing: Listing, findings: [Finding])] = []
    private var position = 0

    /// Opens `url`; `file` is how messages name it.
    public init(url: URL, file: String, dialect: RSSDialect, schema: XMLSchema?) throws(FeedError) {
        self.reader = try XMLReader(url: url, file: file, schema: schema)
        self.dialect = dialect
        self.assembler = RSSItemAssembler(dialect: dialect)
    }

    /// An assembler for this reader's batches, to run on another thread.
    func makeAssembler() -> RSSItemAssembler {
        RSSItemAssembler(dialect: self.dialect)
    }

    public mutating func next() throws(FeedError) -> (listing: Listing, findings: [Finding])? {
        while self.position == self.ready.count {
            guard let batch = try self.reader.nextBatch() else {
                if self.assembler.isInsideItem { throw Self.unclosedItem }
                return nil
            }
            var ready: [(listing: Listing, findings: [Finding])] = []
            self.assembler.take(batch) { listing, findings in ready.append((listing, findings)) }
            self.ready = ready
            self.position = 0
        }
        defer { self.position += 1 }
        return self.ready[self.position]
    }

    /// The nodes of the next stretch of the feed, for an assembler on another thread; `nil` at the end. Not to be
    /// mixed with ``next()``.
    mutating func nextBatch() throws(FeedError) -> XMLNodeBatch? {
        try self.reader.nextBatch()
    }

    /// Why a feed whose last item was never closed (as ``RSSItemAssembler/isInsideItem`` tells at the end) is
    /// refused.
    static let unclosedItem = FeedError(.malformed, "an <item> is never closed")

    public var fileFindings: [Finding] {
        self.reader.schemaProblems.map { problem in
            Finding(item: "feed", attribute: "", rule: "schema", severity: .error, message: problem)
        }
    }
}
