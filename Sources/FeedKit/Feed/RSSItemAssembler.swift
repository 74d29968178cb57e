import CFeedXML
import OCOPCatalog

/// Turns the nodes of an RSS 2.0 feed into listings, a batch (one chunk of the file) at a time.
///
/// It works on the stream's nodes as they come (names by index, texts by place), so that only what becomes part
/// of a listing turns into a `String`, and comparing names is comparing numbers.
struct RSSItemAssembler {
    let dialect: RSSDialect
    /// The stream's names, by its index for them, and what each is to RSS.
    private var names: [String] = []
    private var roles: [Role] = []
    /// The elements open inside the item being read; empty between items.
    private var stack: [Frame] = []
    /// The item's elements outside the dialect's namespace (name and namespace indexes).
    private var misplaced: [(name: Int32, namespace: Int32)] = []
    private var itemNumber = 0

    private enum Role {
        case item
        /// `title`, `link` and `description`: RSS's own elements, allowed in an item without a namespace.
        case rssElement
        /// The dialect's namespace URI.
        case dialect
        case other
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

    init(dialect: RSSDialect) {
        self.dialect = dialect
    }

    /// Reads `batch`, handing each item it ends to `emit` with what reading it found wrong.
    mutating func take(_ batch: XMLNodeBatch, emit: (Listing, [Finding]) -> Void) {
        for name in batch.newNames {
            self.names.append(name)
            self.roles.append(self.role(of: name))
        }
        for node in batch.nodes {
            if self.stack.isEmpty {
                // Between items: only the next <item> matters.
                guard node.kind == Int32(CFX_NODE_ELEMENT), node.namespace_uri < 0, self.roles[Int(node.name)] == .item
                else { continue }
                self.itemNumber += 1
                if node.is_empty != 0 {
                    emit(Listing(id: ""), [])
                } else {
                    var item = Frame(name: node.name)
                    item.members.reserveCapacity(32)
                    self.stack.append(item)
                    self.misplaced.removeAll(keepingCapacity: true)
                }
                continue
            }
            switch node.kind {
            case Int32(CFX_NODE_ELEMENT):
                if !self.stack[self.stack.count - 1].isGroup {
                    self.stack[self.stack.count - 1].isGroup = true
                    self.stack[self.stack.count - 1].members.reserveCapacity(4)  // a group's usual few members
                }
                let isMisplaced =
                    self.stack.count == 1
                    && !(node.namespace_uri >= 0 && self.roles[Int(node.namespace_uri)] == .dialect)
                    && !(node.namespace_uri < 0 && self.roles[Int(node.name)] == .rssElement)
                if isMisplaced { self.misplaced.append((node.name, node.namespace_uri)) }
                if node.is_empty == 0 {
                    self.stack.append(Frame(name: node.name, isDropped: isMisplaced))
                } else if !isMisplaced {
                    self.stack[self.stack.count - 1].members.append(.text(self.names[Int(node.name)], ""))
                }
            case Int32(CFX_NODE_TEXT):
                self.stack[self.stack.count - 1].text += batch.text(of: node)
            default:
                let frame = self.stack.removeLast()
                if self.stack.isEmpty {
                    let (listing, findings) = self.finish(frame.members)
                    emit(listing, findings)
                    continue
                }
                if frame.isDropped { continue }
                let value: Attribute.Value = frame.isGroup ? .group(frame.members) : .text(frame.text.trimmingSpaces)
                self.stack[self.stack.count - 1].members.append(Attribute(self.names[Int(frame.name)], value))
            }
        }
    }

    private func finish(_ members: [Attribute]) -> (Listing, [Finding]) {
        var listing = Listing(id: "", attributes: members)
        listing.id = listing.value("id") ?? ""
        let item = listing.id.isEmpty ? "#\(self.itemNumber)" : listing.id
        let findings = self.misplaced.map { element in
            let name = self.names[Int(element.name)]
            let namespace = element.namespace < 0 ? nil : self.names[Int(element.namespace)]
            return Finding(
                item: item,
                attribute: name,
                rule: "namespace",
                severity: .error,
                message:
                    "<\(name)> is in namespace \(namespace ?? "(none)"), not \(self.dialect.prefix): (\(self.dialect.namespace)); the marketplace drops it",
                value: namespace
            )
        }
        return (listing, findings)
    }

    private func role(of name: String) -> Role {
        if name == "item" { return .item }
        if ["title", "link", "description"].contains(name) { return .rssElement }
        return name == self.dialect.namespace ? .dialect : .other
    }
}
