public import OCOPCatalog

/// A kind of product in the catalogue, as `ocop categories suggest` sees it: the products sharing a sub-group
/// (Phân nhóm, case and spacing aside, whatever their OCOP group), or, for products without one, those of one
/// OCOP group; with how one marketplace's mapping places them.
///
/// A kind **has no mapping** when some of its products get their category from no rule of the mapping, or only
/// from a rule without keywords (a `group:` fallback such as `{ group: food, category: "… > Thực phẩm khác" }`),
/// and from no `<marketplace>_category` column either: nothing in the mapping speaks of that kind.
public struct ProductKind: Sendable {
    /// The sub-group as the catalogue first writes it (lowercase NFC), or `nil` for a group's products without one.
    public var subgroup: String?
    /// The OCOP groups its products are in.
    public var groups: [ProductGroup]
    /// How many of the catalogue's products offered on the marketplace are of this kind.
    public var products: Int
    /// How many of them get their category from no rule, or from a rule without keywords.
    public var unmapped: Int
    /// The category the mapping gives most of its products now (a path or an id, as written); `nil` when none.
    public var current: String?
    /// What the kind says, weighed: its sub-group's words in full, its products' names' by the share of products
    /// naming them, its groups' names a little.
    let features: [CategoryFeature]

    /// The kind's name as people read it: its sub-group, else its group's Vietnamese name.
    public var name: String { self.subgroup ?? self.groups.first?.vietnameseName ?? "" }

    /// Whether a rule for it would help: some of its products have no mapping.
    public var hasNoMapping: Bool { self.unmapped > 0 }

    /// A kind whose words come from `subgroup`, its products' `names` and its `groups` (for tests and tools; the
    /// catalogue's kinds come from a ``ProductKindCensus``).
    public init(
        subgroup: String?,
        groups: [ProductGroup],
        names: [String] = [],
        unmapped: Int? = nil,
        current: String? = nil,
        vocabulary: CategoryVocabulary
    ) {
        var tally = Tally(subgroup: subgroup)
        for name in names { tally.add(name: name, vocabulary: vocabulary) }
        self.init(
            subgroup: subgroup,
            groups: groups,
            products: names.count,
            unmapped: unmapped ?? names.count,
            current: current,
            features: tally.features(groups: groups, vocabulary: vocabulary)
        )
    }

    init(
        subgroup: String?,
        groups: [ProductGroup],
        products: Int,
        unmapped: Int,
        current: String?,
        features: [CategoryFeature]
    ) {
        self.subgroup = subgroup
        self.groups = groups
        self.products = products
        self.unmapped = unmapped
        self.current = current
        self.features = features
    }

    /// How much a kind's name words weigh beside its sub-group's, when all its products name them.
    static let nameWeight = 0.25
    /// How much a kind's name words weigh when it has no sub-group (names are all there is).
    static let nameOnlyWeight = 0.5
    /// How much its OCOP group's name weighs.
    static let groupWeight = 0.15

    /// The words of one kind's products, counted as they stream by.
    struct Tally: Sendable {
        var subgroup: String?
        var names = 0
        /// Each word or synonym line of the names, with how many names hold it.
        var counts: [CategoryFeature: Int] = [:]

        init(subgroup: String?) { self.subgroup = subgroup }

        mutating func add(name: String, vocabulary: CategoryVocabulary) {
            self.names += 1
            for feature in Set(CategoryFeature.strongest(vocabulary.features(of: name, weight: 1))) {
                self.counts[feature, default: 0] += 1
            }
        }

        func features(groups: [ProductGroup], vocabulary: CategoryVocabulary) -> [CategoryFeature] {
            var features = self.subgroup.map { vocabulary.features(of: $0, weight: 1) } ?? []
            let share = self.subgroup == nil ? ProductKind.nameOnlyWeight : ProductKind.nameWeight
            for (feature, count) in self.counts {
                var weighed = feature
                weighed.weight = feature.weight * share * Double(count) / Double(max(self.names, 1))
                features.append(weighed)
            }
            for group in groups {
                features += vocabulary.features(of: group.vietnameseName, weight: ProductKind.groupWeight)
            }
            // Sorted, so that the same catalogue always gives the same kinds, whatever the dictionary's order.
            return CategoryFeature.strongest(features).sorted {
                ($0.key, $0.word?.plain ?? "") < ($1.key, $1.word?.plain ?? "")
            }
        }
    }
}
