import CFeedXML
import Foundation

/// One XML part of a workbook, streamed through the libxml2 reader the feeds use (no network, no entities,
/// a DOCTYPE refused): start tags with their attributes, text, end tags.
struct XMLPart: ~Copyable {
    enum Event {
        case start(name: String, isEmpty: Bool)
        case text(String)
        case end(name: String)
    }

    private let handle: OpaquePointer
    private let name: String

    /// Reads `data`, the part `name` of a workbook (for messages).
    init(_ data: Data, name: String) throws(CatalogError) {
        let opened = data.withUnsafeBytes { bytes in
            bytes.baseAddress.flatMap {
                cfx_reader_open_memory($0.assumingMemoryBound(to: CChar.self), bytes.count)
            }
        }
        guard let opened else { throw CatalogError(.invalidInput, "\(name) cannot be read as XML") }
        self.handle = opened
        self.name = name
    }

    deinit { cfx_reader_close(self.handle) }

    /// The next event, or `nil` at the end of the part.
    mutating func next() throws(CatalogError) -> Event? {
        while true {
            switch cfx_reader_next(self.handle) {
            case 0: return nil
            case 1: break
            default:
                let reason = cfx_reader_error(self.handle).map { String(cString: $0) } ?? "not well-formed XML"
                throw CatalogError(.invalidInput, "\(self.name): \(reason)")
            }
            let name = cfx_reader_local_name(self.handle).map { String(cString: $0) } ?? ""
            switch cfx_reader_node_type(self.handle) {
            case Int32(CFX_NODE_ELEMENT):
                return .start(name: name, isEmpty: cfx_reader_is_empty_element(self.handle) == 1)
            case Int32(CFX_NODE_END_ELEMENT):
                return .end(name: name)
            case Int32(CFX_NODE_TEXT), Int32(CFX_NODE_CDATA), 13, 14:  // 13, 14: (significant) whitespace
                return .text(cfx_reader_value(self.handle).map { String(cString: $0) } ?? "")
            default:
                continue
            }
        }
    }

    /// The attribute `name` (qualified, as `r:id`) of the element the part stands on.
    func attribute(_ name: String) -> String? {
        guard let value = cfx_reader_attribute(self.handle, name) else { return nil }
        defer { cfx_free(value) }
        return String(cString: value)
    }
}
