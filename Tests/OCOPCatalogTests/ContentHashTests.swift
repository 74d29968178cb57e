import Foundation
import OCOPCatalog
import TestSupport
import Testing

@Suite struct ContentHashTests {
    let database: CatalogDatabase
    let folder: TemporaryFolder

    init() throws {
        self.database = try CatalogDatabase.inMemory()
        self.folder = try TemporaryFolder()
        _ = try self.database.importCatalog(files: Fixtures.sampleCatalogFiles)
    }

    func product(_ code: String) throws -> Product {
        let code = try #require(ProductCode(code))
        return try #require(try self.database.product(code: code))
    }

    @Test func theStoredHashIsTheHashOfTheProductReadBack() throws {
        var products: [Product] = []
        try self.database.forEachProduct { products.append($0) }
        #expect(products.count >= 40)
        for product in products {
            #expect(try self.database.contentHash(code: product.code) == product.contentHash)
        }
    }

    @Test func changingOnePriceUpdatesExactlyThatProduct() throws {
        let code = try #require(ProductCode("DMC-MC-500"))
        let before = try #require(try self.database.contentHash(code: code))
        let original = try String(
            contentsOf: Fixtures.samples.appending(path: "catalog/daklak-ocop.csv"),
            encoding: .utf8
        )
        let changed = original.replacingOccurrences(of: "DMC-MC-500,", with: "DMC-MC-500,").replacingOccurrences(
            of: "285.000 đ",
            with: "289.000 đ"
        )
        #expect(changed != original)
        let summary = try self.database.importCatalog(files: [try self.folder.write("daklak-ocop.csv", changed)])
        #expect(summary.updated == 1)
        #expect(try self.database.contentHash(code: code) != before)
        #expect(try self.database.product(code: code)?.price == VND(289_000))
    }

    @Test func whatAMarketplaceSeesChangesTheHash() throws {
        let product = try self.product("KC-CHON-250")
        var revoked = product
        revoked.certificate.status = .revoked
        var renamed = product
        renamed.producer.phone = "0262 3999999"
        var restricted = product
        restricted.marketplaces = [MarketplaceID("shopee")!]
        let hashes = [product, revoked, renamed, restricted].map(\.contentHash)
        #expect(Set(hashes).count == 4)
        #expect(product.contentHash == product.contentHash)
    }
}
