import CFeedXML
public import Foundation
import OCOPCatalog

/// Reads an RSS 2.0 feed with libxml2's streaming parser, validating against the adapter's XSD as it goes.
///
/// It works on the stream's nodes as they come (names by index, texts by place), so that only what becomes
/// part of a listing turns into a `String`: comparing names is comparing numbers.
public struct RSSFeedReader: FeedReader, ~Copyable {
    private var reader: XMLReader
    private let dialect: RSSDialect
    private var itemNumber = 0
    /// What each name of the stream is to RSS, by the stream's index for it.
    private var roles: [Role] = []
    /// The elements open inside the item being read, kept from item to item with its room.
    private var stack: [Frame] = []

    private enum Role {
        case item
        /// `title`, `link` and `description`: RSS's own elements, allowed in an item without a namespace.
        case rssElement
        /// The dialect's namespace URI.
        case dialect
        case other
    }

    /// Opens `url`; `file` is how messages name it.
    public init(url: URL, file: String, dialect: RSSDialect, schema: XMLSchema?) throws(FeedError) {
        self.reader = try XMLReader(url: url, file: file, schema: schema)
        self.dialect = dialect
    }

    /// A frame of the element being read inside an item.
    private struct Frame {
        var name: Int32
        var text = ""
        var members: [Attribute] = []
        var isGroup = false
        /// Outside the dialect's namespace: reported, and dropped as the marketplace drops it.
        var isDropped = false
    }

    public mutating func next() throws(FeedError) -> (listing: Listing, findings: [Finding])? {
        // Find the next <item>.
        while let node = try self.reader.nextNode() {
            guard node.kind == Int32(CFX_NODE_ELEMENT), node.namespace_uri < 0, self.role(node.name) == .item else {
                continue
            }
            self.itemNumber += 1
            if node.is_empty != 0 { return (Listing(id: ""), []) }
            return try self.readItem()
        }
        return nil
    }

    private mutating func readItem() throws(FeedError) -> (listing: Listing, findings: [Finding]) {
        var item = Frame(name: -1)
        item.members.reserveCapacity(32)
        self.stack.removeAll(keepingCapacity: true)
        self.stack.append(item)
        var misplaced: [(name: Int32, namespace: Int32)] = []
        while let node = try self.reader.nextNode() {
            switch node.kind {
            case Int32(CFX_NODE_ELEMENT):
                if !self.stack[self.stack.count - 1].isGroup {
                    self.stack[self.stack.count - 1].isGroup = true
                    self.stack[self.stack.count - 1].members.reserveCapacity(4)  // a group's usual few members
                }
                let isMisplaced =
                    self.stack.count == 1 && !self.isInDialect(node)
                    && !(node.namespace_uri < 0 && self.role(node.name) == .rssElement)
                if isMisplaced { misplaced.append((node.name, node.namespace_uri)) }
                if node.is_empty == 0 {
                    self.stack.append(Frame(name: node.name, isDropped: isMisplaced))
                } else if !isMisplaced {
                    self.stack[self.stack.count - 1].members.append(.text(self.reader.name(node.name), ""))
                }
            case Int32(CFX_NODE_TEXT):
                self.stack[self.stack.count - 1].text += self.reader.text(of: node)
            default:
                let frame = self.stack.removeLast()
                if self.stack.isEmpty { return self.finish(frame.members, misplaced: misplaced) }
                if frame.isDropped { continue }
                let value: Attribute.Value = frame.isGroup ? .group(frame.members) : .text(Self.trimmed(frame.text))
                self.stack[self.stack.count - 1].members.append(Attribute(self.reader.name(frame.name), value))
            }
        }
        throw FeedError(.malformed, "an <item> is never closed")
    }

    private mutating func finish(_ members: [Attribute], misplaced: [(name: Int32, namespace: Int32)])
        -> (listing: Listing, findings: [Finding])
    {
        var listing = Listing(id: "", attributes: members)
        listing.id = listing.value("id") ?? ""
        let item = listing.id.isEmpty ? "#\(self.itemNumber)" : listing.id
        var findings: [Finding] = []
        for element in misplaced {
            let name = self.reader.name(element.name)
            let namespace = element.namespace < 0 ? nil : self.reader.name(element.namespace)
            findings.append(
                Finding(
                    item: item,
                    attribute: name,
                    rule: "namespace",
                    severity: .error,
                    message:
                        "<\(name)> is in namespace \(namespace ?? "(none)"), not \(self.dialect.prefix): (\(self.dialect.namespace)); the marketplace drops it",
                    value: namespace
                )
            )
        }
        return (listing, findings)
    }

    /// `text` without leading and trailing spaces: itself, not a copy, when it has none (nearly every value).
    private static func trimmed(_ text: String) -> String {
        let scalars = text.unicodeScalars
        if let first = scalars.first, let last = scalars.last, !first.isSpace, !last.isSpace { return text }
        return text.trimmingSpaces
    }

    private mutating func isInDialect(_ node: cfx_node) -> Bool {
        node.namespace_uri >= 0 && self.role(node.namespace_uri) == .dialect
    }

    private mutating func role(_ index: Int32) -> Role {
        while self.roles.count <= Int(index) {
            let name = self.reader.name(Int32(self.roles.count))
            self.roles.append(
                name == "item"
                    ? .item
                    : ["title", "link", "description"].contains(name)
                        ? .rssElement : name == self.dialect.namespace ? .dialect : .other
            )
        }
        return self.roles[Int(index)]
    }

    public var fileFindings: [Finding] {
        self.reader.schemaProblems.map { problem in
            Finding(item: "feed", attribute: "", rule: "schema", severity: .error, message: problem)
        }
    }
}
