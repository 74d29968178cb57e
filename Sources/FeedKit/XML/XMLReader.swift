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

    /// Opens `url`; `file` is how messages name it.
    public init(url: URL, file: String, schema: XMLSchema? = nil) throws(FeedError) {
        guard FileManager.default.isReadableFile(atPath: url.path),
            let handle = cfx_reader_open(url.path, schema?.handle)
        else {
            throw FeedError(.unreadable, "\(file): cannot open")
        }
        self.handle = handle
        self.file = file
        self.schema = schema
    }

    deinit {
        cfx_reader_close(self.handle)
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
                    name: self.string(cfx_reader_local_name(self.handle)) ?? "",
                    namespace: self.string(cfx_reader_namespace(self.handle)),
                    isEmpty: cfx_reader_is_empty_element(self.handle) == 1
                )
            case Int32(CFX_NODE_TEXT), Int32(CFX_NODE_CDATA):
                return .text(self.string(cfx_reader_value(self.handle)) ?? "")
            case Int32(CFX_NODE_END_ELEMENT):
                return .end(
                    name: self.string(cfx_reader_local_name(self.handle)) ?? "",
                    namespace: self.string(cfx_reader_namespace(self.handle))
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
