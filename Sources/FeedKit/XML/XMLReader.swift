import CFeedXML
public import Foundation

/// Streams the nodes of an XML document through libxml2's SAX2 parser, safely: no network, no entity
/// expansion, no DTD loading, and any DOCTYPE refused before anything it declares is used. When given a
/// schema it validates while reading.
///
/// An element with nothing inside (`<x/>`, or `<x></x>` and `<x> </x>` alike) is one `start` marked empty,
/// with no `end`; text of blanks only is left out (as between elements), and adjacent text is one node.
public struct XMLReader: ~Copyable {
    /// A node as the reader stands on it.
    public enum Node: Equatable, Sendable {
        case start(name: String, namespace: String?, isEmpty: Bool)
        case text(String)
        case end(name: String, namespace: String?)
    }

    private let stream: OpaquePointer
    private let file: String
    /// A schema this reader validates against, kept alive while the reader uses it.
    private let schema: XMLSchema?
    /// Element names and namespace URIs as Swift strings, by the stream's index for them: each distinct
    /// name is converted once.
    private var names: [String] = []
    /// The batch ``next()`` hands out node by node, and where in it it stands.
    private var batch: XMLNodeBatch?
    private var position = 0

    /// Opens `url`; `file` is how messages name it.
    public init(url: URL, file: String, schema: XMLSchema? = nil) throws(FeedError) {
        guard FileManager.default.isReadableFile(atPath: url.path) else {
            throw FeedError(.unreadable, "\(file): cannot open")
        }
        try Self.refuseDoctype(url, file: file)
        guard let stream = cfx_stream_open(url.path, schema?.handle) else {
            throw FeedError(.unreadable, "\(file): cannot open")
        }
        self.stream = stream
        self.file = file
        self.schema = schema
    }

    /// Reads the document `data` (an API payload); `file` is how messages name it. A DOCTYPE is refused.
    public init(data: Data, file: String) throws(FeedError) {
        let opened = data.withUnsafeBytes { bytes in
            bytes.baseAddress.flatMap { cfx_stream_open_memory($0.assumingMemoryBound(to: CChar.self), bytes.count) }
        }
        guard let stream = opened else { throw FeedError(.malformed, "\(file): empty or unreadable XML") }
        self.stream = stream
        self.file = file
        self.schema = nil
    }

    deinit {
        cfx_stream_close(self.stream)
    }

    /// Refuses an empty document, and one whose prolog has a DOCTYPE, before libxml2 (or its schema validator) sees any of
    /// it: feeds never need one, and it is how external entities and entity bombs arrive. The C reader
    /// refuses a DOCTYPE node too; this check makes sure nothing in it is ever parsed.
    private static func refuseDoctype(_ url: URL, file: String) throws(FeedError) {
        guard let handle = FileHandle(forReadingAtPath: url.path) else {
            throw FeedError(.unreadable, "\(file): cannot open")
        }
        defer { try? handle.close() }
        let prolog = [UInt8]((try? handle.read(upToCount: 1 << 16)) ?? Data())
        // Feeds are UTF-8; the byte scanner in front of libxml2 (and every marketplace's spec) expects it.
        if prolog.starts(with: [0xFE, 0xFF]) || prolog.starts(with: [0xFF, 0xFE]) || prolog.prefix(4).contains(0) {
            throw FeedError(.malformed, "\(file): the feed is not UTF-8 (UTF-16?); save it as UTF-8")
        }
        var index = prolog.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        func starts(_ text: String) -> Bool { prolog[index...].starts(with: Array(text.utf8)) }
        func skip(past terminator: String) {
            let bytes = Array(terminator.utf8)
            while index < prolog.count, !prolog[index...].starts(with: bytes) { index += 1 }
            index += bytes.count
        }
        while index < prolog.count {
            if [0x20, 0x09, 0x0A, 0x0D].contains(prolog[index]) {
                index += 1
            } else if starts("<?") {
                skip(past: "?>")
            } else if starts("<!--") {
                skip(past: "-->")
            } else {
                if starts("<!DOCTYPE") || starts("<!doctype") {
                    let line = prolog[..<index].filter { $0 == 0x0A }.count + 1
                    throw FeedError(
                        .hostileXML,
                        "\(file): line \(line): a DOCTYPE is not allowed in a feed (it could declare external or expanding entities); nothing was read"
                    )
                }
                return
            }
        }
        if prolog.count < 1 << 16 { throw FeedError.noItems(file) }  // the whole file was read, and held no element
    }

    /// The next element start, text or element end; `nil` at the end of the document.
    public mutating func next() throws(FeedError) -> Node? {
        if self.position == (self.batch?.nodes.count ?? 0) {
            guard let batch = try self.nextBatch() else { return nil }
            self.batch = batch
            self.position = 0
        }
        guard let batch = self.batch else { return nil }
        let node = batch.nodes[self.position]
        self.position += 1
        let namespace = node.namespace_uri < 0 ? nil : self.names[Int(node.namespace_uri)]
        switch node.kind {
        case Int32(CFX_NODE_ELEMENT):
            return .start(name: self.names[Int(node.name)], namespace: namespace, isEmpty: node.is_empty != 0)
        case Int32(CFX_NODE_END_ELEMENT):
            return .end(name: self.names[Int(node.name)], namespace: namespace)
        default:
            return .text(batch.text(of: node))
        }
    }

    /// The nodes of the next stretch of the document (the names in them converted), valid until the next call;
    /// `nil` at the end. Not to be mixed with ``next()`` on one reader.
    mutating func nextBatch() throws(FeedError) -> XMLNodeBatch? {
        guard let count = try self.fill() else { return nil }
        let known = self.names.count
        while self.names.count < Int(cfx_stream_name_count(self.stream)) {
            self.names.append(String(cString: cfx_stream_name(self.stream, Int32(self.names.count))))
        }
        return XMLNodeBatch(
            nodes: UnsafeBufferPointer(start: cfx_stream_nodes(self.stream), count: count),
            text: UnsafeRawPointer(cfx_stream_text(self.stream)),
            newNames: Array(self.names[known...])
        )
    }

    /// Parses on: how many nodes are ready, `nil` at the end.
    private func fill() throws(FeedError) -> Int? {
        let filled = cfx_stream_fill(self.stream)
        guard filled >= 0 else { throw self.failure() }
        return filled == 0 ? nil : Int(filled)
    }

    private func failure() -> FeedError {
        let message = cfx_stream_error(self.stream).map { String(cString: $0) } ?? "malformed XML"
        let code: FeedError.Code = message.contains("DOCTYPE") ? .hostileXML : .malformed
        return FeedError(code, "\(self.file): \(message)")
    }

    /// The schema-validity problems met so far, each `line N: message`.
    public var schemaProblems: [String] {
        (0..<cfx_stream_schema_problem_count(self.stream)).compactMap { index in
            cfx_stream_schema_problem(self.stream, index).map { String(cString: $0) }
        }
    }
}
