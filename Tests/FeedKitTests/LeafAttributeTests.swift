import Foundation
import Groundwork
import OCOPCatalog
import TestSupport
import Testing

@testable import FeedKit

/// The attribute map fills what a leaf asks for from the catalogue, matched to the values the marketplace lists;
/// the validator holds back an item missing a mandatory one, naming it and the column that fills it.
@Suite struct LeafAttributeTests {
    static let origin = CategoryAttribute(
        key: "country_origin",
        name: "Xuất xứ",
        isMandatory: true,
        options: [
            .init(id: "1", name: "Thái Lan", englishName: "Thailand"),
            .init(id: "2", name: "Việt Nam", englishName: "Vietnam"),
        ],
        acceptsOtherValues: false
    )
    static let shelfLife = CategoryAttribute(
        key: "shelf_life",
        name: "Hạn sử dụng",
        isMandatory: true,
        options: [
            .init(id: "6", name: "6 tháng", englishName: "6 Months"),
            .init(id: "12", name: "12 tháng", englishName: "12 Months"),
        ],
        acceptsOtherValues: false
    )
    static let warranty = CategoryAttribute(key: "warranty_type", name: "Loại bảo hành", isMandatory: true)

    /// Lazada's mapping with a tree whose coffee leaf asks for `attributes`.
    func mapping(_ attributes: [CategoryAttribute]) throws -> Mapping {
        var mapping = try Mapping.load(from: Fixtures.mappings.appending(path: "lazada.yaml"))
        var tree = CategoryTree(
            marketplace: "lazada",
            fetched: Date(timeIntervalSince1970: 1_796_000_000),
            nodes: [
                CategoryNode(id: "1", parentID: nil, name: "Thực Phẩm và Đồ Uống", isLeaf: false),
                CategoryNode(id: "2", parentID: "1", name: "Đồ uống", isLeaf: false),
                CategoryNode(id: "3", parentID: "2", name: "Cà phê", isLeaf: true),
            ]
        )
        tree.attributes["3"] = attributes
        mapping.categoryTree = tree
        return mapping
    }

    func listing(_ mapping: Mapping, shelfLife: String?) throws -> Listing {
        var product = try Fixtures.sampleProduct("KC-CHON-250")
        product.shelfLife = shelfLife
        let listing = LazadaAdapterStandIn.listing(product)
        return mapping.fillingLeafAttributes(listing, product: product, context: Fixtures.sampleContext)
    }

    /// The findings of the leaf-attribute check alone (the stand-in listing lacks what Lazada's rules ask).
    func leafFindings(_ mapping: Mapping, _ listing: Listing) -> [Finding] {
        Validator(mapping: mapping).validate(listing).filter { $0.rule.hasPrefix("leaf_attribute") }
    }

    @Test func theMapIsTheBuiltInOneAndMatchesByAnyNameWhateverItsAccents() throws {
        let map = try #require(try self.mapping([]).attributeMap)
        #expect(map.entry(for: Self.origin)?.from == .origin)
        let english = CategoryAttribute(
            key: "100095",
            name: "HAN SU DUNG",
            englishName: "Shelf Life",
            isMandatory: true
        )
        #expect(map.entry(for: english)?.from == .shelfLife)
        #expect(map.entry(for: Self.warranty) == nil)
    }

    @Test func originAndShelfLifeTakeTheListedValuesSpelledAsTheMarketplaceLists() throws {
        let mapping = try self.mapping([Self.origin, Self.shelfLife])
        let filled = try self.listing(mapping, shelfLife: "12 tháng").leafAttributes
        #expect(
            filled == [
                LeafAttribute(key: "country_origin", value: "Vietnam", valueID: "2"),
                LeafAttribute(key: "shelf_life", value: "12 Months", valueID: "12"),
            ]
        )
        #expect(self.leafFindings(mapping, try self.listing(mapping, shelfLife: "12 tháng")).isEmpty)
    }

    @Test func aMissingShelfLifeIsHeldBackNamingTheAttributeAndTheColumn() throws {
        let mapping = try self.mapping([Self.origin, Self.shelfLife])
        let findings = self.leafFindings(mapping, try self.listing(mapping, shelfLife: nil))
        let finding = try #require(findings.first { $0.attribute == "shelf_life" })
        #expect(finding.severity == .error && finding.rule == "leaf_attribute")
        #expect(
            finding.text.vietnamese
                == "Lazada cần “Hạn sử dụng” (shelf_life) cho danh mục “Thực Phẩm và Đồ Uống > Đồ uống > Cà phê”: "
                + "điền cột Hạn sử dụng"
        )
    }

    @Test func aValueOutsideAClosedListAndAnAttributeNothingFillsAreNamed() throws {
        let mapping = try self.mapping([Self.shelfLife, Self.warranty])
        let findings = self.leafFindings(mapping, try self.listing(mapping, shelfLife: "18 tháng"))
        let shelf = try #require(findings.first { $0.attribute == "shelf_life" })
        #expect(shelf.rule == "leaf_attribute_value" && shelf.value == "18 tháng")
        #expect(shelf.text.english.contains("is not one of “6 tháng”, “12 tháng”"), "\(shelf.text.english)")
        let warranty = try #require(findings.first { $0.attribute == "warranty_type" })
        #expect(warranty.text.english.contains("no column of the product list holds it"), "\(warranty.text.english)")
    }

    @Test func anOptionalAttributeIsFilledWhenTheCatalogueHasItAndNeverDemanded() throws {
        let ingredients = CategoryAttribute(key: "ingredients", name: "Thành phần", isMandatory: false)
        let mapping = try self.mapping([ingredients])
        var product = try Fixtures.sampleProduct("KC-CHON-250")
        product.ingredients = nil
        let bare = mapping.fillingLeafAttributes(
            LazadaAdapterStandIn.listing(product),
            product: product,
            context: Fixtures.sampleContext
        )
        #expect(bare.leafAttributes.isEmpty && self.leafFindings(mapping, bare).isEmpty)
        product.ingredients = "Cà phê Robusta"
        let filled = mapping.fillingLeafAttributes(
            LazadaAdapterStandIn.listing(product),
            product: product,
            context: Fixtures.sampleContext
        )
        #expect(filled.leafAttributes == [LeafAttribute(key: "ingredients", value: "Cà phê Robusta")])
    }

    @Test func anOptionalClosedListIsLeftOutRatherThanHoldingTheProductBack() throws {
        var optional = Self.shelfLife
        optional.isMandatory = false
        let mapping = try self.mapping([optional])
        let listing = try self.listing(mapping, shelfLife: "18 tháng")
        #expect(listing.leafAttributes.isEmpty)
        #expect(self.leafFindings(mapping, listing).isEmpty)
    }

    @Test func aLeafWhoseAttributesWereNotFetchedHoldsItsProductsBackSayingToSync() throws {
        var mapping = try self.mapping([])
        mapping.categoryTree?.attributes = [:]
        let finding = try #require(self.leafFindings(mapping, try self.listing(mapping, shelfLife: "12 tháng")).first)
        #expect(finding.severity == .error)
        #expect(finding.text.english.hasSuffix("run ocop categories sync lazada"), "\(finding.text.english)")
    }

    @Test func aNumberGoesWithAUnitTheAttributeListsAndADateIsNeverGuessed() throws {
        let weight = CategoryAttribute(
            key: "100061",
            name: "Khối lượng",
            isMandatory: true,
            valueKind: .number,
            units: ["g", "kg"]
        )
        #expect(
            Mapping.fill(LeafAttributePlan.Step(weight, map: nil), from: ["250 g"])
                == LeafAttribute(key: "100061", value: "250", unit: "g")
        )
        let months = CategoryAttribute(
            key: "9",
            name: "Hạn sử dụng",
            isMandatory: false,
            valueKind: .number,
            units: ["Months"]
        )
        #expect(
            Mapping.fill(LeafAttributePlan.Step(months, map: nil), from: ["18 tháng"])
                == LeafAttribute(key: "9", value: "18", unit: "Months")
        )
        #expect(Mapping.fill(LeafAttributePlan.Step(months, map: nil), from: ["18 ngày"]) == nil)
        let expiry = CategoryAttribute(key: "10", name: "Ngày hết hạn", isMandatory: false, valueKind: .date)
        #expect(Mapping.fill(LeafAttributePlan.Step(expiry, map: nil), from: ["18 tháng"]) == nil)
    }
}

/// The two attributes of a Lazada listing the check reads: its id and its category (FeedKit's tests do not see
/// the adapters).
enum LazadaAdapterStandIn {
    static func listing(_ product: Product) -> Listing {
        Listing(
            id: product.code.rawValue,
            attributes: [.text("SellerSku", product.code.rawValue), .text("PrimaryCategory", "3")]
        )
    }
}
