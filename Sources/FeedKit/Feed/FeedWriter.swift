public import Foundation
public import Groundwork
import OCOPCatalog

/// Writes listings to a feed file, streaming; the file appears complete or not at all.
public protocol FeedWriter: AnyObject {
    /// Writes one item.
    func write(_ listing: Listing) throws(FeedError)
    /// Finishes the file and moves it into place.
    func close() throws(FeedError)
}

/// RSS 2.0 through libxml2's writer: `<rss><channel>` with a title, link and description, then one `<item>`
/// per listing with every attribute in the dialect's namespace (groups as nested elements).
public final class RSSFeedWriter: FeedWriter {
    private let writer: XMLWriter
    private let dialect: RSSDialect

    /// Starts the feed at `url`.
    public init(url: URL, dialect: RSSDialect, title: String, link: String, description: String) throws(FeedError) {
        self.writer = try XMLWriter(destination: url)
        self.dialect = dialect
        try self.writer.startElement("rss")
        try self.writer.attribute("version", "2.0")
        try self.writer.attribute("xmlns:\(dialect.prefix)", dialect.namespace)
        try self.writer.startElement("channel")
        try self.writer.element("title", text: title)
        try self.writer.element("link", text: link)
        try self.writer.element("description", text: description)
    }

    public func write(_ listing: Listing) throws(FeedError) {
        try self.writer.startElement("item")
        try self.write(listing.attributes)
        try self.writer.endElement()
    }

    private func write(_ attributes: [Attribute]) throws(FeedError) {
        for attribute in attributes {
            switch attribute.value {
            case .text(let text):
                try self.writer.element(attribute.name, prefix: self.dialect.prefix, text: text)
            case .group(let members):
                try self.writer.startElement(attribute.name, prefix: self.dialect.prefix)
                try self.write(members)
                try self.writer.endElement()
            }
        }
    }

    public func close() throws(FeedError) {
        try self.writer.endElement()  // channel
        try self.writer.endElement()  // rss
        try self.writer.close()
    }
}

/// API payloads in XML through libxml2's writer: the layout's root, then each listing's JSON written as
/// elements (`PayloadXMLLayout`).
public final class PayloadXMLFeedWriter: FeedWriter {
    private let writer: XMLWriter
    private let layout: PayloadXMLLayout
    private let encode: (Listing) -> JSONValue

    /// Starts the feed at `url`; `encode` turns a listing into its payload JSON.
    public init(url: URL, layout: PayloadXMLLayout, encode: @escaping (Listing) -> JSONValue) throws(FeedError) {
        self.writer = try XMLWriter(destination: url)
        self.layout = layout
        self.encode = encode
        try self.writer.startElement(layout.root)
    }

    public func write(_ listing: Listing) throws(FeedError) {
        let payload = self.encode(listing)
        try self.writer.element(self.layout.item, json: payload[self.layout.item] ?? payload)
    }

    public func close() throws(FeedError) {
        try self.writer.endElement()
        try self.writer.close()
    }
}

/// One JSON object per line, written to a temporary file that is renamed into place.
public final class JSONLinesFeedWriter: FeedWriter {
    private let output: AtomicFileOutput
    private let encode: (Listing) -> JSONValue

    /// Starts the feed at `url`; `encode` turns a listing into its line.
    public init(url: URL, encode: @escaping (Listing) -> JSONValue) throws(FeedError) {
        self.output = try AtomicFileOutput(destination: url)
        self.encode = encode
    }

    public func write(_ listing: Listing) throws(FeedError) {
        try self.output.write(self.encode(listing).serialized + "\n")
    }

    public func close() throws(FeedError) {
        try self.output.close()
    }
}

/// A file written through a buffer into a temporary sibling and renamed into place on ``close()``;
/// abandoned (and removed) when dropped unclosed.
final class AtomicFileOutput {
    private let handle: FileHandle
    private let temporary: URL
    private let destination: URL
    private var buffer: [UInt8] = []
    private var closed = false

    init(destination: URL) throws(FeedError) {
        let temporary = destination.deletingLastPathComponent()
            .appending(path: ".\(destination.lastPathComponent).\(UUID().uuidString).tmp")
        guard FileManager.default.createFile(atPath: temporary.path, contents: nil),
            let handle = FileHandle(forWritingAtPath: temporary.path)
        else {
            throw FeedError(.unwritable, "\(destination.path): cannot write here")
        }
        self.handle = handle
        self.temporary = temporary
        self.destination = destination
    }

    deinit {
        if !self.closed {
            try? self.handle.close()
            try? FileManager.default.removeItem(at: self.temporary)
        }
    }

    func write(_ text: String) throws(FeedError) {
        self.buffer.append(contentsOf: text.utf8)
        if self.buffer.count >= 1 << 16 { try self.flush() }
    }

    private func flush() throws(FeedError) {
        do {
            try self.handle.write(contentsOf: self.buffer)
        } catch {
            throw FeedError(.unwritable, "\(self.destination.path): writing failed (disk full?)")
        }
        self.buffer.removeAll(keepingCapacity: true)
    }

    func close() throws(FeedError) {
        try self.flush()
        self.closed = true
        try? self.handle.close()
        try moveIntoPlace(self.temporary, self.destination)
    }
}
