import Groundwork

/// The category trees the sandbox's marketplaces serve: realistic Vietnamese names, each marketplace's own
/// ids (different from the old placeholder ids, so that only a synced tree finds them), and a
/// test-only way to renumber a leaf (`POST /sandbox/categories/<marketplace>/renumber`).
public actor SandboxCategoryTree {
    /// One category: its id, its parent's, its names in Vietnamese and English, and whether it is a leaf.
    struct Node: Hashable, Sendable {
        var id: String
        var parentID: String?
        var name: String
        var englishName: String
        var isLeaf: Bool
    }

    /// How a category id stands on a marketplace.
    enum Standing: Hashable, Sendable {
        case leaf, notLeaf, unknown
    }

    /// The tree's shape as paths (Vietnamese and English names per level); leaves are the paths no other
    /// path extends.
    static let shape: [[(vi: String, en: String)]] = {
        let food = ("Thực Phẩm và Đồ Uống", "Food & Beverages")
        let drinks = ("Đồ uống", "Beverages")
        let dry = ("Thực phẩm khô", "Dry Food")
        let nuts = ("Hạt", "Nuts")
        let health = ("Sức Khỏe", "Health")
        let home = ("Nhà Cửa & Đời Sống", "Home & Living")
        return [
            [food], [food, drinks], [food, drinks, ("Cà phê", "Coffee")], [food, drinks, ("Trà", "Tea")],
            [food, drinks, ("Rượu & Đồ uống có cồn", "Alcoholic Beverages")],
            [food, drinks, ("Nước ép & Nước trái cây", "Juices")],
            [food, dry], [food, dry, nuts], [food, dry, nuts, ("Hạt mắc ca", "Macadamia")],
            [food, dry, nuts, ("Hạt điều", "Cashew")], [food, dry, ("Mật ong", "Honey")],
            [food, dry, ("Gạo", "Rice")], [food, dry, ("Gia vị", "Spices")],
            [food, dry, ("Trái cây sấy", "Dried Fruit")], [food, dry, ("Ca cao & Sô cô la", "Cocoa & Chocolate")],
            [food, dry, ("Yến sào", "Bird's Nest")], [food, ("Thực phẩm khác", "Other Food")],
            [health], [health, ("Dược liệu & Tinh dầu", "Herbal & Essential Oils")],
            [home], [home, ("Thủ công mỹ nghệ", "Handicrafts")], [home, ("Cây cảnh & Hoa", "Plants & Flowers")],
            [food, drinks, ("Đồ uống khác", "Other Beverages")],
        ].map { $0.map { (vi: $0.0, en: $0.1) } }
    }()

    /// Each marketplace's first id; the nodes are numbered from it in the order of ``shape``.
    static let firstIDs: [String: Int] = [
        "shopee": 101_600, "lazada": 10_003_100, "tiktok-shop": 601_100, "tiki": 8_400,
    ]

    /// The nodes of `marketplace`'s tree as first served.
    static func initialNodes(_ marketplace: String) -> [Node] {
        guard let first = Self.firstIDs[marketplace] else { return [] }
        var ids: [String: String] = [:]
        let keys = Self.shape.map { $0.map(\.vi).joined(separator: ">") }
        for (offset, key) in keys.enumerated() { ids[key] = String(first + offset) }
        return Self.shape.enumerated().map { offset, path in
            let key = keys[offset]
            let parent = path.count > 1 ? ids[path.dropLast().map(\.vi).joined(separator: ">")] : nil
            let isLeaf = !keys.contains { $0.hasPrefix(key + ">") }
            return Node(
                id: ids[key] ?? "",
                parentID: parent,
                name: path.last?.vi ?? "",
                englishName: path.last?.en ?? "",
                isLeaf: isLeaf
            )
        }
    }

    /// The nodes of `marketplace`'s tree as the sandbox first serves it, `(id, parent id, Vietnamese name, is
    /// leaf)`: for tests that need the synced tree without a sandbox running.
    public static func servedNodes(_ marketplace: String) -> [(
        id: String, parentID: String?, name: String, isLeaf: Bool
    )] {
        Self.initialNodes(marketplace).map { ($0.id, $0.parentID, $0.name, $0.isLeaf) }
    }

    private var trees: [String: [Node]] = [:]
    /// The attributes (codes) a leaf was made to require, by `marketplace/leaf id`.
    var required: [String: Set<String>] = [:]

    /// `marketplace`'s tree now (renumberings applied).
    func nodes(_ marketplace: String) -> [Node] {
        if let tree = self.trees[marketplace] { return tree }
        let tree = Self.initialNodes(marketplace)
        self.trees[marketplace] = tree
        return tree
    }

    /// How `id` stands on `marketplace`: a leaf of its tree now, or of the built-in mappings' placeholder
    /// leaves (``SandboxCategories``) that publishes without a synced tree still send; a category of its tree
    /// with others under it; or unknown (renumbered away, or never there).
    func standing(_ id: String?, on marketplace: String) -> Standing {
        guard let id else { return .unknown }
        if SandboxCategories.isLeaf(id, on: marketplace) { return .leaf }
        guard let node = self.nodes(marketplace).first(where: { $0.id == id }) else { return .unknown }
        return node.isLeaf ? .leaf : .notLeaf
    }

    /// Gives the leaf `id` of `marketplace` the id `newID` (as a marketplace does when it reorganises its
    /// tree); `false` when `id` is no leaf there or `newID` is taken.
    func renumber(_ id: String, to newID: String, on marketplace: String) -> Bool {
        var tree = self.nodes(marketplace)
        guard let index = tree.firstIndex(where: { $0.id == id && $0.isLeaf }), !newID.isEmpty,
            !tree.contains(where: { $0.id == newID })
        else { return false }
        tree[index].id = newID
        self.trees[marketplace] = tree
        return true
    }
}
