import FeedKit
import OCOPCatalog
import TestSupport
import Testing

@Suite struct ProductFeedValueTests {
    @Test(arguments: [(560, "0.56"), (1, "0.001"), (10, "0.01"), (1000, "1"), (1005, "1.005"), (12_340, "12.34")])
    func theWeightInKilogramsHasAtMostThreeDecimalsAndNoTrailingZeros(grams: Int, kilograms: String) throws {
        var product = try Fixtures.sampleProduct("MT-MO-RUNG")
        product.weightGrams = grams
        #expect(product.weightKilograms == kilograms)
    }
}
