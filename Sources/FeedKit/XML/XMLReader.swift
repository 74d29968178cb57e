import CFeedXML
public import Foundation

/// Streams the nodes of an XML file through libxml2's `xmlTextReader`, safely: no network, no entity
/// expansion, no DTD loading, and any DOCTYPE refused before anything it declares is used. When given a
/// schema it validates while reading.
public struct XMLReader: ~Copyable {
    /// A node as the reader stands on it.
    public enum Node: Equatable, Sendable {
        case start(name: String, namespace: String?, isEmpty: Bool)
        case text(String)
        case end(name: String, namespace: String?)
    }

    private let handle: OpaquePointer
    private let file: String
    /// A schema this reader validates against, kept alive while the reader uses it.
    private let schema: XMLSchema?
    /// Element names and namespace URIs as Swift strings, by the address libxml2 interns them at (the
    /// reader's dictionary gives each distinct name one address for the reader's life), so each is
    /// converted once instead of once per element.
    private let names = NameCache()

    /// Opens `url`; `file` is how messages name it.
    public init(url: URL, file: String, schema: XMLSchema? = nil) throws(FeedError) {
        guard FileManager.default.isReadableFile(atPath: url.path) else {
            throw FeedError(.unreadable, "\(file): cannot open")
        }
        try Self.refuseDoctype(url, file: file)
        guard let handle = cfx_reader_open(url.path, schema?.handle) else {
            throw FeedError(.unreadable, "\(file): cannot open")
        }
        self.handle = handle
        self.file = file
        self.schema = schema
    }

    /// Reads the document `data` (an API payload); `file` is how messages name it. A DOCTYPE is refused.
    public init(data: Data, file: String) throws(FeedError) {
        let opened = data.withUnsafeBytes { bytes in
            bytes.baseAddress.flatMap { cfx_reader_open_memory($0.assumingMemoryBound(to: CChar.self), bytes.count) }
        }
        guard let handle = opened else { throw FeedError(.malformed, "\(file): empty or unreadable XML") }
        self.handle = handle
        self.file = file
        self.schema = nil
    }

    deinit {
        cfx_reader_close(self.handle)
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

    /// The line the reader is on.
    public var line: Int { Int(cfx_reader_line(self.handle)) }

    /// The next element start, text or element end; `nil` at the end of the document.
    public func next() throws(FeedError) -> Node? {
        while true {
            switch cfx_reader_next(self.handle) {
            case 0:
                return nil
            case 1:
                break
            default:
                let message = cfx_reader_error(self.handle).map { String(cString: $0) } ?? "malformed XML"
                let code: FeedError.Code = message.contains("DOCTYPE") ? .hostileXML : .malformed
                throw FeedError(code, "\(self.file): \(message)")
            }
            switch cfx_reader_node_type(self.handle) {
            case Int32(CFX_NODE_ELEMENT):
                return .start(
                    name: self.names.string(cfx_reader_local_name(self.handle)) ?? "",
                    namespace: self.names.string(cfx_reader_namespace(self.handle)),
                    isEmpty: cfx_reader_is_empty_element(self.handle) == 1
                )
            case Int32(CFX_NODE_TEXT), Int32(CFX_NODE_CDATA):
                return .text(self.string(cfx_reader_value(self.handle)) ?? "")
            case Int32(CFX_NODE_END_ELEMENT):
                return .end(
                    name: self.names.string(cfx_reader_local_name(self.handle)) ?? "",
                    namespace: self.names.string(cfx_reader_namespace(self.handle))
                )
            default:
                continue  // whitespace, comments, processing instructions
            }
        }
    }

    /// The schema-validity problems met so far, each `line N: message`.
    public var schemaProblems: [String] {
        (0..<cfx_reader_schema_problem_count(self.handle)).compactMap { index in
            cfx_reader_schema_problem(self.handle, index).map { String(cString: $0) }
        }
    }

    private func string(_ pointer: UnsafePointer<CChar>?) -> String? {
        pointer.map { String(cString: $0) }
    }
}

/// Interned C strings of one reader as Swift strings (see `XMLReader.names`).
private final class NameCache {
    private var strings: [UnsafePointer<CChar>: String] = [:]

    func string(_ pointer: UnsafePointer<CChar>?) -> String? {
        guard let pointer else { return nil }
        if let known = self.strings[pointer] { return known }
        let string = String(cString: pointer)
        if self.strings.count < 4096 { self.strings[pointer] = string }  // a bound, for feeds with endless names
        return string
    }
}
