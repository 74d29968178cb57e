import Foundation
import FoundationXML
import Groundwork

/// The sandbox's own reading of an XML API payload (Lazada's `<Request><Product>…`) into a JSON tree, the
/// way the marketplace documents the mapping: an element with children is an object, a leaf its text, a
/// repeated element (or one named in `arrays`) a list; a DOCTYPE is refused. Written apart from the adapters'
/// XML code, with Foundation's parser, so that a mistake they share cannot pass unseen.
enum SimulatorXML {
    /// The root element's name and tree; `nil` for a document that is not well-formed or has a DOCTYPE.
    static func parse(_ data: Data, arrays: Set<String>) -> (root: String, value: JSONValue)? {
        // Payloads never need a DOCTYPE; one could declare entities. Refused unread.
        guard data.range(of: Data("<!DOCTYPE".utf8)) == nil else { return nil }
        let builder = TreeBuilder(arrays: arrays)
        let parser = XMLParser(data: data)
        parser.shouldResolveExternalEntities = false
        parser.delegate = builder
        guard parser.parse(), let root = builder.root else { return nil }
        return root
    }

    private final class TreeBuilder: NSObject, XMLParserDelegate {
        let arrays: Set<String>
        var stack: [(name: String, members: [(String, JSONValue)], text: String)] = []
        var root: (root: String, value: JSONValue)?

        init(arrays: Set<String>) {
            self.arrays = arrays
        }

        func parser(
            _ parser: XMLParser,
            didStartElement elementName: String,
            namespaceURI: String?,
            qualifiedName: String?,
            attributes: [String: String] = [:]
        ) {
            self.stack.append((elementName, [], ""))
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if !self.stack.isEmpty { self.stack[self.stack.count - 1].text += string }
        }

        func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
            if !self.stack.isEmpty {
                self.stack[self.stack.count - 1].text += String(decoding: CDATABlock, as: UTF8.self)
            }
        }

        func parser(
            _ parser: XMLParser,
            didEndElement elementName: String,
            namespaceURI: String?,
            qualifiedName: String?
        ) {
            let frame = self.stack.removeLast()
            // Text that is only whitespace (indentation between elements) is no value, as in libxml2's reader.
            let text = frame.text.allSatisfy(\.isWhitespace) ? "" : frame.text
            let value: JSONValue = frame.members.isEmpty ? .string(text) : .object(frame.members)
            guard !self.stack.isEmpty else {
                self.root = (frame.name, value)
                return
            }
            var members = self.stack[self.stack.count - 1].members
            if let index = members.firstIndex(where: { $0.0 == frame.name }) {
                if case .array(let values) = members[index].1 {
                    members[index].1 = .array(values + [value])
                } else {
                    members[index].1 = .array([members[index].1, value])
                }
            } else {
                members.append((frame.name, self.arrays.contains(frame.name) ? .array([value]) : value))
            }
            self.stack[self.stack.count - 1].members = members
        }
    }
}
