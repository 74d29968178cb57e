public import FeedKit
public import Foundation
public import OCOPCatalog
import Sandbox

extension Fixtures {
    /// `Mappings/`.
    public static let mappings = root.appending(path: "Mappings")
    /// `samples/feeds/`: the expected exports of the samples, also the golden files.
    public static let feeds = samples.appending(path: "feeds")
    /// The day the golden feeds were exported on.
    public static let sampleDay = CalendarDate(year: 2026, month: 11, day: 29)!
    /// The shop of `samples/ocop.yaml` on ``sampleDay``.
    public static let sampleContext = ListingContext(baseURL: "https://ocop.daklak.example.vn", today: sampleDay)

    /// A fresh in-memory catalogue holding the samples.
    public static func sampleCatalog() throws -> CatalogDatabase {
        let database = try CatalogDatabase.inMemory()
        _ = try database.importCatalog(files: sampleCatalogFiles)
        return database
    }

    /// The repository's mapping for `marketplace`.
    /// Where the marketplace's categories come from its own tree, the mapping carries the tree the sandbox serves,
    /// as `ocop categories sync` would have kept it.
    public static func mapping(_ marketplace: String) throws -> Mapping {
        var mapping = try Mapping.load(from: mappings.appending(path: "\(marketplace).yaml"))
        if mapping.categoryAttribute != nil { mapping.categoryTree = self.sandboxTree(marketplace) }
        return mapping
    }
}

extension Fixtures {
    /// A product of the samples, by code; throws when there is none.
    public static func sampleProduct(_ code: String) throws -> Product {
        guard let productCode = ProductCode(code), let product = try sampleCatalog().product(code: productCode) else {
            throw CatalogError(.notFound, "no sample product \(code)")
        }
        return product
    }
}

extension Fixtures {
    /// The tree the sandbox serves for `marketplace`.
    /// The tree the sandbox serves for `marketplace`, with the attributes of every leaf as its adapter reads
    /// them (Shopee and TikTok Shop key them by id, Lazada and Tiki by code; Tiki's origin is the adapter's own).
    public static func sandboxTree(_ marketplace: String) -> CategoryTree {
        var tree = CategoryTree(
            marketplace: marketplace,
            fetched: Date(timeIntervalSince1970: 1_796_000_000),
            nodes: SandboxCategoryTree.servedNodes(marketplace).map {
                CategoryNode(id: $0.id, parentID: $0.parentID, name: $0.name, isLeaf: $0.isLeaf)
            }
        )
        for (leaf, served) in SandboxCategoryTree.servedAttributes(marketplace) {
            tree.attributes[leaf] = served.compactMap { attribute in
                if marketplace == "tiki" && attribute.code == "country_origin" { return nil }
                return CategoryAttribute(
                    key: ["shopee", "tiktok-shop"].contains(marketplace) ? attribute.id : attribute.code,
                    name: attribute.name,
                    englishName: attribute.englishName,
                    isMandatory: attribute.isMandatory,
                    options: attribute.options.map {
                        CategoryAttribute.Option(id: $0.id, name: $0.name, englishName: $0.englishName)
                    },
                    acceptsOtherValues: attribute.options.isEmpty
                )
            }
        }
        return tree
    }
}
