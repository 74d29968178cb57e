/// The placeholder leaf ids the built-in mappings gave before they named categories by path: still taken as
/// leaves beside the served trees (``SandboxCategoryTree``), so a mapping or catalogue written with them keeps
/// publishing to the sandbox; any other id is judged by the tree.
enum SandboxCategories {
    static let leaves: [String: Set<String>] = [
        "shopee": Set(stride(from: 100_870, through: 100_896, by: 2).map(String.init)),
        "lazada": Set(stride(from: 10_002_011, through: 10_002_037, by: 2).map(String.init)),
        "tiktok-shop": Set((700_437...700_450).map(String.init)),
        "tiki": Set((4368...4381).map(String.init)),
    ]

    static func isLeaf(_ id: String?, on marketplace: String) -> Bool {
        id.map { self.leaves[marketplace]?.contains($0) ?? false } ?? false
    }
}
