import FeedKit
import Foundation
import OCOPCatalog
import TestSupport
import Testing

/// `ocop categories suggest`'s matching: a kind of product finds the leaves its words name, whatever their accents,
/// order or synonym, and never a category with others under it.
@Suite struct CategorySuggesterTests {
    let vocabulary: CategoryVocabulary
    /// The tree the sandbox serves Shopee: `Thực Phẩm và Đồ Uống > Thực phẩm khô > Hạt > Hạt mắc ca` (101608)…
    let suggester: CategorySuggester
    static let macadamia = "Thực Phẩm và Đồ Uống > Thực phẩm khô > Hạt > Hạt mắc ca"

    init() throws {
        self.vocabulary = try CategoryVocabulary.load(from: Fixtures.mappings.appending(path: "category-synonyms.yaml"))
        self.suggester = CategorySuggester(tree: Fixtures.sandboxTree("shopee"), vocabulary: self.vocabulary)
    }

    func best(_ subgroup: String?, groups: [ProductGroup] = [.food], names: [String] = []) -> [CategorySuggestion] {
        let kind = ProductKind(subgroup: subgroup, groups: groups, names: names, vocabulary: self.vocabulary)
        return self.suggester.suggestions(for: kind)
    }

    @Test(arguments: ["macadamia", "hạt macadamia", "macca", "mắc ca", "MẮC CA", "hat mac ca", "ca mắc hạt"])
    func aMacadamiaKindFindsTheMacadamiaLeafWhateverItsSpelling(subgroup: String) throws {
        let suggestions = self.best(subgroup, names: ["Macadamia rang muối Krông Năng 500 g"])
        let first = try #require(suggestions.first)
        #expect(first.id == "101608" && first.path == Self.macadamia, "\(suggestions)")
        #expect(suggestions.count <= 3)
    }

    @Test func upToThreeLeavesBestFirstLeavingOutThoseFarBehindTheBest() throws {
        // Given a kind several leaves agree with (tea is a drink, like the other drinks), and one that only the
        // food group's words tie to anything but its leaf
        let tea = self.best("trà", groups: [.drinks])
        let macadamia = self.best("mắc ca")
        // Then each gets at most three, best first, none scoring less than 0.4 times the best
        #expect(tea.count == 3, "\(tea)")
        for suggestions in [tea, macadamia] {
            #expect(zip(suggestions, suggestions.dropFirst()).allSatisfy { $0.score >= $1.score })
            let best = try #require(suggestions.first).score
            #expect(suggestions.allSatisfy { $0.score >= best * 0.4 - 0.01 }, "\(suggestions)")
        }
        #expect(macadamia.map(\.id) == ["101608"], "\(macadamia)")
    }

    @Test func wordOrderDoesNotChangeTheScore() {
        #expect(self.best("hạt mắc ca") == self.best("mắc ca hạt"))
        #expect(self.best("sô cô la đen") == self.best("đen sô cô la"))
    }

    @Test(arguments: [
        ("coffee", "Thực Phẩm và Đồ Uống > Đồ uống > Cà phê"),
        ("cafe", "Thực Phẩm và Đồ Uống > Đồ uống > Cà phê"),
        ("socola", "Thực Phẩm và Đồ Uống > Thực phẩm khô > Ca cao & Sô cô la"),
        ("honey", "Thực Phẩm và Đồ Uống > Thực phẩm khô > Mật ong"),
        ("tổ yến", "Thực Phẩm và Đồ Uống > Thực phẩm khô > Yến sào"),
        ("hạt điều", "Thực Phẩm và Đồ Uống > Thực phẩm khô > Hạt > Hạt điều"),
        ("chè", "Thực Phẩm và Đồ Uống > Đồ uống > Trà"),
        ("rượu vang", "Thực Phẩm và Đồ Uống > Đồ uống > Rượu & Đồ uống có cồn"),
        // No leaf of its own: the broader thing it belongs under (`hạt tiêu` is pepper, not a nut)
        ("hạt tiêu", "Thực Phẩm và Đồ Uống > Thực phẩm khô > Gia vị"),
        ("thổ cẩm", "Nhà Cửa & Đời Sống > Thủ công mỹ nghệ"),
        ("tỏi", "Thực Phẩm và Đồ Uống > Thực phẩm khô > Gia vị"),  // on no synonym line, only under a broader thing
        ("hoa lan", "Nhà Cửa & Đời Sống > Cây cảnh & Hoa"),
    ])
    func aSynonymOrABroaderThingFindsTheLeafNamedAnotherWay(subgroup: String, path: String) {
        let suggestions = self.best(subgroup)
        #expect(suggestions.first?.path == path, "\(subgroup): \(suggestions)")
    }

    @Test func accentsCountWhenTheTextHasThem() {
        // `chế biến` (processed) is written with accents: it is not `chè` (tea).
        #expect(self.best("chế biến").allSatisfy { !$0.path.hasSuffix("Trà") })
        // Written without any accent, `che` may be `chè`.
        #expect(self.best("che").first?.path.hasSuffix("Trà") == true)
    }

    @Test(arguments: ["hạt", "Thực phẩm khô", "đồ uống", "Sức Khỏe", "nhà cửa đời sống"])
    func aCategoryWithOthersUnderItIsNeverSuggested(subgroup: String) {
        // Given a kind named exactly as a category that is no leaf (`Hạt`, `Thực phẩm khô`)
        let tree = Fixtures.sandboxTree("shopee")
        let suggestions = self.best(subgroup)
        // Then only leaves are proposed, each by its own id and path
        #expect(!suggestions.isEmpty)
        for suggestion in suggestions {
            #expect(tree.node(suggestion.id)?.isLeaf == true, "\(suggestion)")
            #expect(tree.path(of: suggestion.id) == suggestion.path)
        }
    }

    @Test func aLeafTheTreeMarksUnavailableIsNeverSuggested() {
        // TikTok Shop keeps a leaf the shop may not use as no leaf (``CategoryNode/isLeaf`` false)
        let tree = CategoryTree(
            marketplace: "tiktok-shop",
            fetched: Date(timeIntervalSince1970: 1_796_000_000),
            nodes: [
                CategoryNode(id: "1", parentID: nil, name: "Thực phẩm", isLeaf: false),
                CategoryNode(id: "2", parentID: "1", name: "Hạt mắc ca", isLeaf: false),
                CategoryNode(id: "3", parentID: "1", name: "Hạt khô", isLeaf: true),
            ]
        )
        let suggester = CategorySuggester(tree: tree, vocabulary: self.vocabulary)
        let kind = ProductKind(subgroup: "macadamia", groups: [.food], vocabulary: self.vocabulary)
        #expect(suggester.suggestions(for: kind).map(\.id) == ["3"])
    }

    @Test func aSynonymsFileThatIsNotOneIsAnErrorNamingIt() throws {
        let folder = try TemporaryFolder()
        let file = try folder.write("category-synonyms.yaml", "synonyms: [mắc ca, macca]\n")
        let error = try #require(throws: FeedError.self) { try CategoryVocabulary.load(from: file) }
        #expect(error.code == .mapping)
        #expect(error.message.hasPrefix("category-synonyms.yaml: "), "\(error.message)")
    }

    @Test func aKindSharingNoWordWithAnyLeafGetsNoSuggestion() {
        #expect(self.best("zzz qqq", groups: []).isEmpty)
    }

    @Test(arguments: ["shopee", "lazada", "tiktok-shop", "tiki"])
    func theLeafTheBuiltInRulesChoseForEachSampleKindIsAmongItsSuggestions(marketplace: String) throws {
        // Given the samples, the built-in mapping and the tree the sandbox serves
        let tree = Fixtures.sandboxTree(marketplace)
        let id = try #require(MarketplaceID(marketplace))
        var census = ProductKindCensus(
            marketplace: id,
            mapping: try Fixtures.mapping(marketplace),
            vocabulary: self.vocabulary
        )
        try Fixtures.sampleCatalog().forEachProduct { census.add($0) }
        let suggester = CategorySuggester(tree: tree, vocabulary: self.vocabulary)
        // Then each kind a keyword rule places is proposed the leaf that rule names, nearly always first
        var first = 0
        let placed = census.kinds.filter { !$0.hasNoMapping }
        #expect(placed.count > 10)
        for kind in placed {
            let chosen = try #require(kind.current.flatMap { tree.leafID(atPath: $0) }, "\(kind.name)")
            let suggestions = suggester.suggestions(for: kind)
            #expect(suggestions.contains { $0.id == chosen }, "\(kind.name): \(suggestions)")
            if suggestions.first?.id == chosen { first += 1 }
        }
        #expect(first >= placed.count - 1, "\(first) of \(placed.count)")
    }

    @Test func theKindsWithNoMappingAreThoseOnlyAGroupRuleOrNoRulePlaces() throws {
        // Given the built-in Shopee mapping (keywords for mắc ca, a `group: food` fallback, no rule for tourism)
        let mapping = try Fixtures.mapping("shopee")
        let shopee = try #require(MarketplaceID("shopee"))
        var census = ProductKindCensus(marketplace: shopee, mapping: mapping, vocabulary: self.vocabulary)
        let base = try Fixtures.sampleProduct("DMC-MC-500")
        func product(_ code: String, subgroup: String?, name: String, group: ProductGroup = .food) -> Product {
            var product = base
            product.code = ProductCode(code)!
            product.subgroup = subgroup
            product.name = name
            product.group = group
            return product
        }
        // When products of several kinds are counted
        census.add(product("A", subgroup: "hạt mắc ca", name: "Hạt mắc ca sấy"))
        census.add(product("B", subgroup: "Macadamia", name: "Macadamia rang muối"))
        census.add(product("C", subgroup: "macadamia ", name: "Macadamia nguyên vỏ"))
        var overridden = product("D", subgroup: "macadamia", name: "Macadamia tách vỏ")
        overridden.categoryOverrides[shopee] = "101608"
        census.add(overridden)
        census.add(product("E", subgroup: nil, name: "Bánh tráng"))
        census.add(product("F", subgroup: "du lịch", name: "Tour cà phê", group: .tourism))
        var elsewhere = product("G", subgroup: "bánh pía", name: "Bánh pía")
        elsewhere.marketplaces = [try #require(MarketplaceID("lazada"))]
        census.add(elsewhere)
        // Then a sub-group is one kind whatever its case and spacing; a product keyword rules or a column place
        // has a mapping; tourism and products not offered on the marketplace are not counted
        let kinds = Dictionary(uniqueKeysWithValues: census.kinds.map { ($0.name, $0) })
        #expect(Set(kinds.keys) == ["macadamia", "hạt mắc ca", "Thực phẩm"])
        #expect(kinds["macadamia"]?.products == 3 && kinds["macadamia"]?.unmapped == 2)
        #expect(kinds["macadamia"]?.current == "Thực Phẩm và Đồ Uống > Thực phẩm khác")
        #expect(kinds["hạt mắc ca"]?.hasNoMapping == false)
        #expect(kinds["Thực phẩm"]?.subgroup == nil && kinds["Thực phẩm"]?.unmapped == 1)
        #expect(census.kinds.first?.name == "macadamia")  // most products first
    }
}
