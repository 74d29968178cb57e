public import OCOPCatalog

/// Sorts the catalogue's products into kinds (``ProductKind``) as they stream by, and tells which of them one
/// marketplace's mapping has no rule for. Holds a count per kind and per word, never the products.
public struct ProductKindCensus: Sendable {
    private struct Entry: Sendable {
        var subgroup: String?
        var groups: [ProductGroup] = []
        var products = 0
        var unmapped = 0
        var categories: [String: Int] = [:]
        var tally: ProductKind.Tally
    }

    private let marketplace: MarketplaceID
    private let mapping: Mapping
    /// The mapping's category rules, each giving its own index as its category: asked for a product, it names
    /// the rule that places it, matched exactly as publishing matches.
    private let probe: Mapping
    private let vocabulary: CategoryVocabulary
    private var entries: [String: Entry] = [:]
    private var order: [String] = []

    /// A census for `marketplace` under `mapping` (the user's, else the built-in one).
    public init(marketplace: MarketplaceID, mapping: Mapping, vocabulary: CategoryVocabulary) {
        self.marketplace = marketplace
        self.mapping = mapping
        self.vocabulary = vocabulary
        self.probe = Mapping(
            marketplace: mapping.marketplace,
            categories: mapping.categories.enumerated().map { index, rule in
                Mapping.CategoryRule(keywords: rule.keywords, group: rule.group, category: String(index))
            }
        )
    }

    /// Counts `product`, unless it is not offered on the marketplace or is no physical good (tourism services,
    /// which the tree marketplaces refuse whatever their category).
    public mutating func add(_ product: Product) {
        guard product.isOffered(on: self.marketplace), product.group.isPhysicalGood else { return }
        let subgroup = product.subgroup.map(Self.spelling).flatMap { $0.isEmpty ? nil : $0 }
        let key = subgroup.map { "s:" + $0 } ?? "g:" + product.group.rawValue
        if self.entries[key] == nil {
            self.entries[key] = Entry(subgroup: subgroup, tally: ProductKind.Tally(subgroup: subgroup))
            self.order.append(key)
        }
        var entry = self.entries[key]!  // made just above when missing
        entry.products += 1
        if !entry.groups.contains(product.group) { entry.groups.append(product.group) }
        entry.tally.add(name: product.name, vocabulary: self.vocabulary)
        let override = product.categoryOverrides[self.marketplace]
        let rule = self.probe.category(
            group: product.group.rawValue,
            subgroup: product.subgroup,
            name: product.name,
            override: nil
        ).flatMap(Int.init).map { self.mapping.categories[$0] }
        if override == nil, rule?.keywords == nil { entry.unmapped += 1 }
        if let category = override ?? rule?.category { entry.categories[category, default: 0] += 1 }
        self.entries[key] = entry
    }

    /// The kinds counted: most products first, then by name.
    public var kinds: [ProductKind] {
        self.order.compactMap { self.entries[$0] }.map { entry in
            ProductKind(
                subgroup: entry.subgroup,
                groups: entry.groups,
                products: entry.products,
                unmapped: entry.unmapped,
                current: entry.categories.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key,
                features: entry.tally.features(groups: entry.groups, vocabulary: self.vocabulary)
            )
        }.sorted { ($1.products, $0.name) < ($0.products, $1.name) }
    }

    /// A sub-group as one kind: lowercase NFC, spaces trimmed and single.
    private static func spelling(_ subgroup: String) -> String {
        subgroup.nfc.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}
