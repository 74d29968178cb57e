public import OCOPCatalog

/// A leaf of a marketplace's tree proposed for a kind of product, with how well their words agree.
public struct CategorySuggestion: Hashable, Sendable, Codable {
    /// The leaf's id on the marketplace.
    public var id: String
    /// Its path of names, `Thực Phẩm và Đồ Uống > Thực phẩm khô > Hạt > Hạt mắc ca`.
    public var path: String
    /// From 0 to 1: 1 when every word of the kind is in the leaf's own name and the leaf's name says nothing else.
    public var score: Double

    /// A suggestion.
    public init(id: String, path: String, score: Double) {
        self.id = id
        self.path = path
        self.score = score
    }
}

/// Finds the leaves of a marketplace's category tree whose names best agree with a kind of product, by the
/// marketplace's own (Vietnamese) names: accents and case forgiven as ``CategoryWord`` says, word order
/// ignored, synonyms (``CategoryVocabulary``) counted as one thing.
///
/// The score of a leaf is the share of the kind's weight found along the leaf's path, a word in the leaf's own
/// name counting in full and one in a category above it half as much per level up; times ½ + ½ × the share of
/// the leaf's own name the kind accounts for, so that `Hạt mắc ca` beats `Hạt` for `mắc ca`. Only leaves are
/// ever proposed (a marketplace takes products nowhere else; TikTok Shop's unavailable leaves are no leaves).
public struct CategorySuggester: Sendable {
    private struct Leaf: Sendable {
        var id: String
        var path: String
        var depth: Int
        /// What its path says, each thing at its strongest.
        var features: [CategoryFeature]
        /// What its own name says (synonym lines and whole words, not their parts).
        var own: [CategoryFeature]
    }

    private let leaves: [Leaf]
    /// Each leaf (by index) that says something with this key.
    private let index: [String: [Int]]

    /// How much a word weighs in the category one level above the leaf, beside the leaf's own name.
    static let levelDecay = 0.5
    /// The least a leaf may score beside the best one and still be proposed: below it, a leaf shares no more
    /// than the OCOP group's words with the kind, which would only be noise.
    static let relevance = 0.4

    /// A suggester over `tree`'s leaves.
    public init(tree: CategoryTree, vocabulary: CategoryVocabulary) {
        var leaves: [Leaf] = []
        for node in tree.nodes where node.isLeaf {
            let names = tree.names(of: node.id)
            var features: [CategoryFeature] = []
            var weight = 1.0
            for name in names.reversed() {
                features += vocabulary.features(of: name, weight: weight)
                weight *= Self.levelDecay
            }
            let own = vocabulary.features(of: node.name, weight: 1).filter { $0.weight == 1 }
            leaves.append(
                Leaf(
                    id: node.id,
                    path: names.joined(separator: " > "),
                    depth: names.count,
                    features: CategoryFeature.strongest(features),
                    own: CategoryFeature.strongest(own)
                )
            )
        }
        var index: [String: [Int]] = [:]
        for (position, leaf) in leaves.enumerated() {
            for key in Set(leaf.features.map(\.key)) { index[key, default: []].append(position) }
        }
        self.leaves = leaves
        self.index = index
    }

    /// Up to `count` leaves that best agree with `kind`, best first (ties: the shallower, then the tree's order);
    /// none that shares nothing with it, nor any scoring less than ``relevance`` times the best.
    public func suggestions(for kind: ProductKind, count: Int = 3) -> [CategorySuggestion] {
        let total = kind.features.reduce(0) { $0 + $1.weight }
        guard total > 0 else { return [] }
        let candidates = Set(kind.features.flatMap { self.index[$0.key] ?? [] }).sorted()
        var scored: [(leaf: Int, score: Double)] = []
        for position in candidates {
            let leaf = self.leaves[position]
            var found = 0.0
            for feature in kind.features {
                let best = leaf.features.filter { $0.matches(feature) }.map(\.weight).max() ?? 0
                found += feature.weight * best
            }
            let named = leaf.own.count { own in kind.features.contains { $0.matches(own) } }
            let precision = leaf.own.isEmpty ? 0 : Double(named) / Double(leaf.own.count)
            let score = found / total * (0.5 + 0.5 * precision)
            if score > 0 { scored.append((position, score)) }
        }
        scored.sort { first, second in
            let (a, b) = (self.leaves[first.leaf], self.leaves[second.leaf])
            return (second.score, a.depth, first.leaf) < (first.score, b.depth, second.leaf)
        }
        let least = (scored.first?.score ?? 0) * Self.relevance
        return scored.prefix(max(count, 0)).filter { $0.score >= least }.map { entry in
            let leaf = self.leaves[entry.leaf]
            return CategorySuggestion(id: leaf.id, path: leaf.path, score: (entry.score * 100).rounded() / 100)
        }
    }
}
