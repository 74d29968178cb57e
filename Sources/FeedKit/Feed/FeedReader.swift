public import Foundation
public import Groundwork
import OCOPCatalog

/// Reads the items of a feed file one at a time, with what reading itself found wrong (an attribute in the
/// wrong namespace, a line that is not JSON).
public protocol FeedReader: ~Copyable {
    /// The next item and its reading findings; `nil` at the end.
    mutating func next() throws(FeedError) -> (listing: Listing, findings: [Finding])?
    /// Findings about the file as a whole, complete once `next()` has returned `nil` (schema problems).
    var fileFindings: [Finding] { get }
}

/// Reads an XML feed of API payloads (`PayloadXMLLayout`) with libxml2's streaming reader, validating
/// against the adapter's XSD as it goes; each item element becomes the JSON the adapter reads.
public struct PayloadXMLFeedReader: FeedReader, ~Copyable {
    private var reader: XMLReader
    private let layout: PayloadXMLLayout
    private let decode: (JSONValue) throws(FeedError) -> Listing
    private var itemNumber = 0

    /// Opens `url`; `decode` turns an item's JSON into a listing.
    public init(
        url: URL,
        file: String,
        layout: PayloadXMLLayout,
        schema: XMLSchema?,
        decode: @escaping (JSONValue) throws(FeedError) -> Listing
    ) throws(FeedError) {
        self.reader = try XMLReader(url: url, file: file, schema: schema)
        self.layout = layout
        self.decode = decode
    }

    public mutating func next() throws(FeedError) -> (listing: Listing, findings: [Finding])? {
        while let node = try self.reader.next() {
            guard case .start(let name, _, _) = node, name == self.layout.item else { continue }
            self.itemNumber += 1
            var tree = JSONTreeBuilder(arrays: self.layout.arrays)
            var item: JSONValue?
            if let done = tree.take(node) { item = done.value }
            while item == nil, let inner = try self.reader.next() {
                if let done = tree.take(inner) { item = done.value }
            }
            let label = "item \(self.itemNumber)"
            do throws(FeedError) {
                var listing = try self.decode(.object([(self.layout.item, item ?? .null)]))
                if listing.id.isEmpty { listing.id = label }
                return (listing, [])
            } catch {
                let finding = Finding(item: label, attribute: "", rule: "xml", severity: .error, message: error.message)
                return (Listing(id: label), [finding])
            }
        }
        return nil
    }

    public var fileFindings: [Finding] {
        self.reader.schemaProblems.map { problem in
            Finding(item: "feed", attribute: "", rule: "schema", severity: .error, message: problem)
        }
    }
}

/// Reads a JSON-lines feed one line at a time (memory stays flat), turning each line into a listing through
/// the adapter.
public struct JSONLinesFeedReader: FeedReader {
    private let lines: LineReader
    private let decode: (JSONValue) throws(FeedError) -> Listing
    private var lineNumber = 0

    /// Opens `url`; `decode` turns a line's JSON into a listing.
    public init(url: URL, file: String, decode: @escaping (JSONValue) throws(FeedError) -> Listing) throws(FeedError) {
        self.lines = try LineReader(url: url, file: file)
        self.decode = decode
    }

    public mutating func next() throws(FeedError) -> (listing: Listing, findings: [Finding])? {
        while let line = try self.lines.next() {
            self.lineNumber += 1
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
            let item = "line \(self.lineNumber)"
            let reason: String
            do throws(JSONSyntaxError) {
                let value = try JSONValue.parse(Data(line))
                do throws(FeedError) {
                    var listing = try self.decode(value)
                    if listing.id.isEmpty { listing.id = item }
                    return (listing, [])
                } catch {
                    reason = error.message
                }
            } catch {
                reason = error.message
            }
            let finding = Finding(item: item, attribute: "", rule: "json", severity: .error, message: reason)
            return (Listing(id: item), [finding])
        }
        return nil
    }

    public var fileFindings: [Finding] { [] }
}

/// Reads a file's lines as bytes, a bounded buffer at a time: each byte is looked at once, however long the
/// line, and a line longer than ``maximumLineBytes`` is refused as soon as it is.
final class LineReader {
    /// Far above any real item (Google caps a whole feed file at 100 MB): a longer line is not an item.
    static let maximumLineBytes = 16 << 20

    private let handle: FileHandle
    private let file: String
    private let maximumLineBytes: Int
    private var buffer: [UInt8] = []
    private var position = 0
    /// Where the search for the next newline goes on from: the bytes before it have none.
    private var searched = 0
    private var atEnd = false
    private var lineNumber = 1

    init(url: URL, file: String, maximumLineBytes: Int = LineReader.maximumLineBytes) throws(FeedError) {
        guard let handle = FileHandle(forReadingAtPath: url.path) else {
            throw FeedError(.unreadable, "\(file): cannot open")
        }
        self.handle = handle
        self.file = file
        self.maximumLineBytes = maximumLineBytes
    }

    deinit {
        try? self.handle.close()
    }

    func next() throws(FeedError) -> ArraySlice<UInt8>? {
        while true {
            if let newline = self.buffer[self.searched...].firstIndex(of: 0x0A) {
                defer {
                    self.position = newline + 1
                    self.searched = self.position
                    self.lineNumber += 1
                }
                try self.checkLength(newline - self.position)
                return self.buffer[self.position..<newline]
            }
            self.searched = self.buffer.count
            try self.checkLength(self.buffer.count - self.position)
            if self.atEnd {
                guard self.position < self.buffer.count else { return nil }
                defer {
                    self.position = self.buffer.count
                    self.searched = self.position
                }
                return self.buffer[self.position...]
            }
            let chunk: Data?
            do {
                chunk = try self.handle.read(upToCount: 1 << 16)
            } catch {
                throw FeedError(.unreadable, "\(self.file): cannot read")
            }
            if self.position > 0 {  // once per line: the start of a partial line moves to the front
                self.buffer.removeSubrange(..<self.position)
                self.searched -= self.position
                self.position = 0
            }
            if let chunk, !chunk.isEmpty { self.buffer.append(contentsOf: chunk) } else { self.atEnd = true }
        }
    }

    private func checkLength(_ length: Int) throws(FeedError) {
        guard length > self.maximumLineBytes else { return }
        throw FeedError(
            .malformed,
            "\(self.file): line \(self.lineNumber) is longer than \(self.maximumLineBytes >> 20) MiB; a feed item never is"
        )
    }
}
