public import Foundation

/// One category of a marketplace's own tree, as its category call lists it.
public struct CategoryNode: Hashable, Sendable, Codable {
    /// The marketplace's id for the category (digits, as text).
    public var id: String
    /// The category above it; `nil` at the first level.
    public var parentID: String?
    /// Its name in Vietnamese (the language the call asked for).
    public var name: String
    /// Whether products may be put in it (only leaves take products on every marketplace we publish to).
    public var isLeaf: Bool
    /// Why a last-level category takes no product from this shop, as the marketplace says it (TikTok Shop's
    /// `permission_statuses`, `INVITE_ONLY`); `nil` when nothing is said. Such a category is no leaf here.
    public var restriction: String?

    /// Creates a node.
    public init(id: String, parentID: String?, name: String, isLeaf: Bool, restriction: String? = nil) {
        self.id = id
        self.parentID = parentID
        self.name = name
        self.isLeaf = isLeaf
        self.restriction = restriction
    }
}

/// A marketplace's category tree as last synced (`ocop categories sync`): its nodes, and when they were
/// fetched. Finds a category by id or by its path of names, `Thực Phẩm và Đồ Uống > Đồ uống > Cà phê`, with
/// case, accents and spacing forgiven.
public struct CategoryTree: Sendable {
    /// The marketplace id (`lazada`).
    public var marketplace: String
    /// When the tree was fetched.
    public var fetched: Date
    /// Every node, in the marketplace's order.
    public let nodes: [CategoryNode]
    /// The attributes of the leaves in use when the tree was synced, by leaf id (a leaf absent here was not
    /// asked about; one present with none asks for none).
    public var attributes: [String: [CategoryAttribute]] = [:]
    private let byID: [String: CategoryNode]
    /// Each node's id by its folded path (``pathKey(_:)``), leaves or not.
    private let nodesByPath: [String: String]

    /// A tree of `nodes` fetched at `fetched`.
    public init(marketplace: String, fetched: Date, nodes: [CategoryNode]) {
        self.marketplace = marketplace
        self.fetched = fetched
        self.nodes = nodes
        let byID = Dictionary(nodes.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        self.byID = byID
        var all: [String: String] = [:]
        // Two categories whose paths differ only in what is forgiven (`Bánh, kẹo` and `Bánh kẹo`) are told
        // apart by neither: such a path resolves to nothing (the product is held back), never to the first.
        var ambiguous: Set<String> = []
        for node in nodes {
            let key = Self.pathKey(Self.names(of: node.id, in: byID))
            if let other = all[key], other != node.id { ambiguous.insert(key) } else { all[key] = node.id }
        }
        for key in ambiguous { all[key] = nil }
        self.nodesByPath = all
    }

    /// The node with `id`.
    public func node(_ id: String) -> CategoryNode? { self.byID[id] }

    /// The names from the first level down to `id`'s category (empty when the tree has no such id).
    public func names(of id: String) -> [String] { Self.names(of: id, in: self.byID) }

    /// `id`'s path as people read it: `Thực Phẩm và Đồ Uống > Đồ uống > Cà phê`.
    public func path(of id: String) -> String? {
        let names = self.names(of: id)
        return names.isEmpty ? nil : names.joined(separator: " > ")
    }

    /// The id of the leaf at `path` (names separated by `>`), case, accents and spacing forgiven.
    public func leafID(atPath path: String) -> String? {
        self.nodeID(atPath: path).flatMap { self.byID[$0]?.isLeaf == true ? $0 : nil }
    }

    /// The id of the category at `path`, a leaf or not.
    public func nodeID(atPath path: String) -> String? {
        self.nodesByPath[Self.pathKey(Self.split(path))]
    }

    /// Every leaf: its id and its path.
    public var leaves: [(id: String, path: String)] {
        self.nodes.filter(\.isLeaf).map { ($0.id, self.path(of: $0.id) ?? $0.name) }
    }

    /// Whether `category` names a category by its names rather than by its id (anything but digits).
    public static func isPath(_ category: String) -> Bool {
        !category.isEmpty && !category.allSatisfy(\.isASCIIDigit)
    }

    /// The names of a path written `A > B > C`, trimmed.
    public static func split(_ path: String) -> [String] {
        path.split(separator: ">").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
    }

    /// The key two paths share when they differ only in case, accents and spacing.
    public static func pathKey(_ names: [String]) -> String {
        names.map(\.foldedHeading).joined(separator: ">")
    }

    private static func names(of id: String, in byID: [String: CategoryNode]) -> [String] {
        var names: [String] = []
        var next: String? = id
        var seen: Set<String> = []
        while let current = next, let node = byID[current], seen.insert(current).inserted {
            names.insert(node.name, at: 0)
            next = node.parentID
        }
        return names
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { self.isASCII && self.isNumber }
}
