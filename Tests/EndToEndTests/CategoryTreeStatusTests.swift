import Foundation
import OCOPCatalog
import TestSupport
import Testing

/// `ocop-scheduler --status` shows each synced category tree and warns a week before an old one would hold
/// every product of its marketplace back.
@Suite(.timeLimit(.minutes(1))) struct CategoryTreeStatusTests {
    /// `ocop-scheduler --status` for a shop with a nightly Lazada job whose tree was fetched at `fetched`, the
    /// sample catalogue imported when `withCatalogue`.
    func status(treeFetched fetched: Date, withCatalogue: Bool) throws -> CommandRunner.Result {
        let folder = try TemporaryFolder()
        let ocop = CommandRunner(folder: folder.url)
        _ = try folder.write(
            "ocop.yaml",
            """
            catalog: ocop.sqlite
            shop: { base_url: "https://ocop.daklak.example.vn" }
            marketplaces:
              lazada: { endpoint: "http://127.0.0.1:9/lazada", app_key: "1", app_secret: s, access_token: t,
                        category_tree_max_age: 30 }
            jobs:
              - { name: nightly-lazada, marketplace: lazada, action: publish, schedule: "0 2 * * *" }

            """
        )
        if withCatalogue {
            let products = try folder.write(
                "products.csv",
                try String(contentsOf: Fixtures.samples.appending(path: "catalog/daklak-ocop.csv"), encoding: .utf8)
            )
            #expect(try ocop.run(["catalog", "import", products.path]).status == 0)
        }
        let database = try CatalogDatabase(path: folder.url.appending(path: "ocop.sqlite").path)
        try database.saveCategoryTree(
            CategoryTree(
                marketplace: "lazada",
                fetched: fetched,
                nodes: [CategoryNode(id: "1", parentID: nil, name: "Cà phê", isLeaf: true)]
            )
        )
        return try ocop.run(["--status"], executable: "ocop-scheduler")
    }

    @Test(arguments: [(25, "is trusted until "), (31, "is too old since ")])
    func theStatusWarnsBeforeAndAfterATreeIsTooOldToPublishBy(age: Int, says: String) throws {
        // A tree synced `age` days ago.
        let status = try self.status(treeFetched: Date().addingTimeInterval(-Double(age) * 86_400), withCatalogue: true)
        #expect(status.status == 0, "\(status.stderr)")
        #expect(status.stdout.contains("CATEGORY TREE"), "\(status.stdout)")
        #expect(status.stderr.contains("warning: lazada: the category tree synced on "), "\(status.stderr)")
        #expect(status.stderr.contains(says) && status.stderr.contains("run: ocop categories sync lazada"))
    }

    @Test func aFreshTreeIsListedWithoutAWarning() throws {
        let status = try self.status(treeFetched: Date(), withCatalogue: false)
        #expect(status.status == 0, "\(status.stderr)")
        #expect(status.stdout.contains("CATEGORY TREE"))
        #expect(!status.stderr.contains("category tree"), "\(status.stderr)")
    }
}
