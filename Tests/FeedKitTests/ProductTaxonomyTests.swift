import FeedKit
import Foundation
import TestSupport
import Testing

/// Google's product taxonomy, shipped beside the mappings: the category map is checked against it when a
/// mapping loads, and every item's `google_product_category` at validation.
@Suite struct ProductTaxonomyTests {
    @Test(arguments: ["google-merchant", "meta-catalog"])
    func theBuiltInMappingsNameGooglesTaxonomyAndEveryCategoryOfTheirMapIsInIt(marketplace: String) throws {
        let mapping = try Mapping.load(from: Fixtures.mappings.appending(path: "\(marketplace).yaml"))
        let taxonomy = try #require(mapping.taxonomy)
        #expect(taxonomy.attribute == "google_product_category")
        #expect(taxonomy.taxonomy.version == "2021-09-21")
        #expect(taxonomy.taxonomy.paths["1868"] == "Food, Beverages & Tobacco > Beverages > Coffee")
        #expect(mapping.categories.allSatisfy { taxonomy.taxonomy.contains($0.category) })
    }

    @Test func anIDOutsideTheTaxonomyIsAnErrorAndOneInsideIsNot() throws {
        let mapping = try Mapping.load(from: Fixtures.mappings.appending(path: "google-merchant.yaml"))
        let validator = Validator(mapping: mapping)
        func taxonomyFindings(_ category: String) -> [Finding] {
            validator.validate(
                Listing(id: "X1", attributes: [.text("google_product_category", category)])
            ).filter { $0.rule == "taxonomy" }
        }
        #expect(taxonomyFindings("1868").isEmpty)
        let unknown = try #require(taxonomyFindings("99999").first)
        #expect(unknown.severity == .error && unknown.value == "99999")
        #expect(
            unknown.message
                == "google_product_category \"99999\" is not a category of Google's product taxonomy (2021-09-21); "
                + "Google Merchant refuses it"
        )
    }

    @Test func aMappingWhoseCategoryMapNamesAnUnknownIDDoesNotLoad() throws {
        let folder = try TemporaryFolder()
        let original = try String(
            contentsOf: Fixtures.mappings.appending(path: "google-merchant.yaml"),
            encoding: .utf8
        )
        let taxonomy = Fixtures.mappings.appending(path: "google-product-taxonomy-with-ids.en-US.txt")
        try folder.write("google-product-taxonomy-with-ids.en-US.txt", try Data(contentsOf: taxonomy))
        let mapping = try folder.write(
            "google-merchant.yaml",
            original.replacingOccurrences(of: "category: \"1868\"", with: "category: \"4027999\"")
        )
        let error = try #require(throws: FeedError.self) { try Mapping.load(from: mapping) }
        #expect(
            error.message
                == "google-merchant.yaml: category \"4027999\" is not in the taxonomy (version 2021-09-21) that "
                + "google_product_category takes"
        )
    }

    @Test func aLineThatIsNotIDDashPathIsNamed() {
        let error = #expect(throws: FeedError.self) {
            try ProductTaxonomy(
                parsing: "# Google_Product_Taxonomy_Version: 2021-09-21\n1 - Animals\nAnimals > Pets\n",
                file: "t.txt"
            )
        }
        #expect(error?.message == "t.txt:3: not a taxonomy line (ID - Path > To > Category)")
    }
}
