import FeedKit
import Foundation
import Groundwork
import OCOPCatalog
import TestSupport
import Testing

/// Categories by path of names, resolved through a synced tree, and the check that nothing goes to a category
/// that is no leaf of it.
@Suite struct CategoryTreeTests {
    static let tree = CategoryTree(
        marketplace: "lazada",
        fetched: Date(timeIntervalSince1970: 1_796_000_000),
        nodes: [
            CategoryNode(id: "1", parentID: nil, name: "Thực Phẩm và Đồ Uống", isLeaf: false),
            CategoryNode(id: "2", parentID: "1", name: "Đồ uống", isLeaf: false),
            CategoryNode(id: "3", parentID: "2", name: "Cà phê", isLeaf: true),
            CategoryNode(id: "4", parentID: "2", name: "Trà", isLeaf: true),
            CategoryNode(id: "5", parentID: "1", name: "Thực phẩm khô", isLeaf: false),
            CategoryNode(id: "6", parentID: "5", name: "Hạt", isLeaf: false),
            CategoryNode(id: "7", parentID: "6", name: "Hạt mắc ca", isLeaf: true),
        ]
    )

    @Test(arguments: [
        "Thực Phẩm và Đồ Uống > Đồ uống > Cà phê", "thực phẩm và đồ uống>đồ uống>cà phê",
        "  THUC PHAM VA DO UONG >  Do Uong  > Ca Phe ",
    ])
    func aPathResolvesToItsLeafWhateverItsCaseAccentsAndSpacing(path: String) {
        #expect(Self.tree.leafID(atPath: path) == "3")
    }

    @Test func aPathToACategoryWithOthersUnderItIsNoLeaf() {
        #expect(Self.tree.leafID(atPath: "Thực Phẩm và Đồ Uống > Đồ uống") == nil)
        #expect(Self.tree.nodeID(atPath: "Thực Phẩm và Đồ Uống > Đồ uống") == "2")
        #expect(Self.tree.path(of: "7") == "Thực Phẩm và Đồ Uống > Thực phẩm khô > Hạt > Hạt mắc ca")
    }

    @Test func twoLeavesWhosePathsDifferOnlyInWhatIsForgivenAreNeitherChosen() {
        // `Bánh, kẹo` and `Bánh kẹo` fold to one key: a path naming either resolves to nothing, never to the first.
        let tree = CategoryTree(
            marketplace: "shopee",
            fetched: Date(timeIntervalSince1970: 1_796_000_000),
            nodes: Self.tree.nodes + [
                CategoryNode(id: "8", parentID: "1", name: "Bánh, kẹo", isLeaf: true),
                CategoryNode(id: "9", parentID: "1", name: "Bánh kẹo", isLeaf: true),
            ]
        )
        #expect(tree.leafID(atPath: "Thực Phẩm và Đồ Uống > Bánh kẹo") == nil)
        #expect(tree.leafID(atPath: "Thực Phẩm và Đồ Uống > Bánh, kẹo") == nil)
        #expect(tree.leafID(atPath: "Thực Phẩm và Đồ Uống > Đồ uống > Cà phê") == "3")
    }

    @Test func driftFindsRenumberedAndVanishedLeavesByPath() {
        var nodes = Self.tree.nodes.filter { $0.id != "4" }
        nodes[2].id = "30"
        let drift = CategoryDrift(from: Self.tree, to: CategoryTree(marketplace: "lazada", fetched: .now, nodes: nodes))
        #expect(drift.renumbered.map(\.oldID) == ["3"] && drift.renumbered.map(\.newID) == ["30"])
        #expect(drift.vanished.map(\.path) == ["Thực Phẩm và Đồ Uống > Đồ uống > Trà"])
    }

    @Test func aLeafThatKeepsItsIdUnderAnotherPathHasMovedNotVanished() {
        var nodes = Self.tree.nodes
        nodes[3].parentID = "5"  // Trà moves from Đồ uống to Thực phẩm khô
        nodes[6].name = "Mắc ca"  // Hạt mắc ca is renamed
        let drift = CategoryDrift(from: Self.tree, to: CategoryTree(marketplace: "lazada", fetched: .now, nodes: nodes))
        #expect(drift.vanished.isEmpty && drift.renumbered.isEmpty)
        #expect(drift.moved.map(\.id) == ["4", "7"])
        #expect(
            drift.moved.map(\.newPath) == [
                "Thực Phẩm và Đồ Uống > Thực phẩm khô > Trà", "Thực Phẩm và Đồ Uống > Thực phẩm khô > Hạt > Mắc ca",
            ]
        )
        #expect(drift.moved.first?.oldPath == "Thực Phẩm và Đồ Uống > Đồ uống > Trà")
        #expect(drift.changedIDs == ["4", "7"])
    }

    func findings(category: String, tree: CategoryTree?) -> [Finding] {
        var mapping = Mapping(marketplace: "lazada", categoryAttribute: "PrimaryCategory")
        mapping.categoryTree = tree
        var listing = Listing(id: "KC-1")
        listing.add("PrimaryCategory", category)
        return Validator(mapping: mapping).validate(listing).filter { $0.rule == "category" }
    }

    @Test func aLeafOfTheSyncedTreePasses() {
        #expect(self.findings(category: "3", tree: Self.tree).isEmpty)
    }

    @Test func aCategoryThatIsNoLeafOfTheSyncedTreeIsAnErrorNamingIt() throws {
        let notLeaf = try #require(self.findings(category: "2", tree: Self.tree).first)
        #expect(notLeaf.severity == .error)
        #expect(notLeaf.text.english.hasPrefix("category 2 (Thực Phẩm và Đồ Uống > Đồ uống) is not a last-level"))
        #expect(notLeaf.text.vietnamese.contains("không phải danh mục cấp cuối"))
        let gone = try #require(self.findings(category: "99", tree: Self.tree).first)
        #expect(gone.text.english.hasPrefix("category 99 is not in Lazada's category tree (synced 2026-11-30)"))
        #expect(gone.text.vietnamese.contains("(đồng bộ ngày 30/11/2026)"))
        let unresolved = try #require(self.findings(category: "Đồ uống > Cà phê", tree: Self.tree).first)
        #expect(unresolved.text.english.contains("is not a path of Lazada's category tree"))
    }

    @Test func aLastLevelCategoryTheShopMayNotListInSaysWhyRatherThanToChooseOneUnderIt() throws {
        let restricted = CategoryTree(
            marketplace: "lazada",
            fetched: Self.tree.fetched,
            nodes: Self.tree.nodes + [
                CategoryNode(id: "77", parentID: "2", name: "Rượu", isLeaf: false, restriction: "INVITE_ONLY")
            ]
        )
        let finding = try #require(self.findings(category: "77", tree: restricted).first)
        #expect(
            finding.text.english
                == "Lazada does not let this shop list in category 77 (Thực Phẩm và Đồ Uống > Đồ uống > Rượu) "
                + "(INVITE_ONLY): ask Lazada for access, or choose another category",
            "\(finding.text.english)"
        )
        #expect(finding.text.vietnamese.contains("chưa cho cửa hàng này bán trong danh mục"))
    }

    @Test func aPathWithNoTreeSyncedSaysWhatToRunAndAnIdPassesUnjudged() throws {
        let finding = try #require(self.findings(category: "Thực Phẩm và Đồ Uống > Đồ uống > Cà phê", tree: nil).first)
        #expect(finding.text.english.hasSuffix("run ocop categories sync lazada"))
        #expect(finding.text.vietnamese.hasSuffix("chạy ocop categories sync lazada"))
        #expect(self.findings(category: "10002011", tree: nil).isEmpty)
    }

    @Test func aMappingRuleOrAColumnGivenAsAPathBecomesTheLeafID() throws {
        var mapping = Mapping(
            marketplace: "lazada",
            categories: [.init(keywords: ["cà phê"], category: "thuc pham va do uong > do uong > ca phe")],
            categoryAttribute: "PrimaryCategory"
        )
        let product = try Fixtures.sampleProduct("KC-CHON-250")
        let lazada = try #require(MarketplaceID("lazada"))
        #expect(mapping.category(for: product, on: lazada) == "thuc pham va do uong > do uong > ca phe")
        mapping.categoryTree = Self.tree
        #expect(mapping.category(for: product, on: lazada) == "3")
    }

    @Test func theDatabaseKeepsOneTreePerMarketplace() throws {
        let database = try CatalogDatabase.inMemory()
        #expect(try database.categoryTree(for: "lazada") == nil)
        try database.saveCategoryTree(Self.tree)
        try database.saveCategoryTree(Self.tree)
        let kept = try #require(try database.categoryTree(for: "lazada"))
        #expect(kept.nodes == Self.tree.nodes)
        #expect(kept.fetched == Self.tree.fetched)
        #expect(try database.categoryTree(for: "shopee") == nil)
    }

    @Test(arguments: ["shopee", "lazada", "tiktok-shop", "tiki"])
    func everyCategoryOfTheBuiltInMappingIsAPathToALeafOfTheSandboxsTree(marketplace: String) throws {
        let mapping = try Fixtures.mapping(marketplace)
        let tree = try #require(mapping.categoryTree)
        #expect(mapping.categories.count >= 16)
        for rule in mapping.categories {
            #expect(CategoryTree.isPath(rule.category), "\(rule.category)")
            #expect(tree.leafID(atPath: rule.category) != nil, "\(marketplace): \(rule.category)")
        }
    }
}
