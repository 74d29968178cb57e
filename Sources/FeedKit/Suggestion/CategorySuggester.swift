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
        /// How many things its own name says (synonym lines and whole words, not their parts).
        var ownCount: Int
    }

    /// One thing a leaf's path says: the leaf, the word (`nil` for a synonym line), its weight at its strongest
    /// along the path, and its place among the things the leaf's own name says, if it is one of them.
    private struct Posting: Sendable {
        var leaf: Int
        var word: CategoryWord?
        var weight: Double
        var own: Int?
    }

    private let leaves: [Leaf]
    /// What the leaves say, by key (``CategoryFeature/key``): a kind meets only the leaves sharing a key with it.
    private let postings: [String: [Posting]]

    /// How much a word weighs in the category one level above the leaf, beside the leaf's own name.
    static let levelDecay = 0.5
    /// The least a leaf may score beside the best one and still be proposed: below it, a leaf shares no more
    /// than the OCOP group's words with the kind, which would only be noise.
    static let relevance = 0.4

    /// A suggester over `tree`'s leaves.
    public init(tree: CategoryTree, vocabulary: CategoryVocabulary) {
        var named: [String: [CategoryFeature]] = [:]  // each category's own name, read once however many leaves
        func features(of node: CategoryNode) -> [CategoryFeature] {
            if let known = named[node.id] { return known }
            let said = vocabulary.features(of: node.name, weight: 1)
            named[node.id] = said
            return said
        }
        var leaves: [Leaf] = []
        var postings: [String: [Posting]] = [:]
        for node in tree.nodes where node.isLeaf {
            var path: [CategoryNode] = []
            var next: CategoryNode? = node
            while let current = next, path.count < 64 {  // a loop of parents is cut, not followed forever
                path.append(current)
                next = current.parentID.flatMap(tree.node)
            }
            var said: [CategoryFeature] = []
            var weight = 1.0
            for category in path {
                said += features(of: category).map { feature in
                    var weighed = feature
                    weighed.weight *= weight
                    return weighed
                }
                weight *= Self.levelDecay
            }
            let own = CategoryFeature.strongest(features(of: node).filter { $0.weight == 1 })
            let position = leaves.count
            for feature in CategoryFeature.strongest(said) {
                let ownIndex = own.firstIndex { $0.key == feature.key && $0.word == feature.word }
                postings[feature.key, default: []].append(
                    Posting(leaf: position, word: feature.word, weight: feature.weight, own: ownIndex)
                )
            }
            leaves.append(
                Leaf(
                    id: node.id,
                    path: path.reversed().map(\.name).joined(separator: " > "),
                    depth: path.count,
                    ownCount: own.count
                )
            )
        }
        self.leaves = leaves
        self.postings = postings
    }

    /// Up to `count` leaves that best agree with `kind`, best first (ties: the shallower, then the tree's order);
    /// none that shares nothing with it, nor any scoring less than ``relevance`` times the best.
    public func suggestions(for kind: ProductKind, count: Int = 3) -> [CategorySuggestion] {
        let total = kind.features.reduce(0) { $0 + $1.weight }
        guard total > 0 else { return [] }
        // By leaf, in arrays rather than dictionaries (a kind may meet thousands of leaves through its group's
        // words): the kind's weight found along its path, the best weight of the thing being looked for, and
        // which things of its own name (bits, the first 64) the kind says.
        var found = [Double](repeating: 0, count: self.leaves.count)
        var best = [Double](repeating: 0, count: self.leaves.count)
        var ownNamed = [UInt64](repeating: 0, count: self.leaves.count)
        var met: [Int] = []
        for feature in kind.features {
            var touched: [Int] = []
            for posting in self.postings[feature.key] ?? [] where CategoryFeature.sameWord(posting.word, feature.word) {
                if best[posting.leaf] == 0 { touched.append(posting.leaf) }
                best[posting.leaf] = max(best[posting.leaf], posting.weight)
                if let own = posting.own, own < 64 { ownNamed[posting.leaf] |= 1 << UInt64(own) }
            }
            for leaf in touched {
                if found[leaf] == 0 { met.append(leaf) }
                found[leaf] += feature.weight * best[leaf]
                best[leaf] = 0
            }
        }
        var scored: [(leaf: Int, score: Double)] = []
        for position in met {
            let leaf = self.leaves[position]
            let named = ownNamed[position].nonzeroBitCount
            let precision = leaf.ownCount == 0 ? 0 : Double(named) / Double(min(leaf.ownCount, 64))
            let score = found[position] / total * (0.5 + 0.5 * precision)
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
