public import FeedKit
public import Foundation
public import OCOPCatalog

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
    public static func mapping(_ marketplace: String) throws -> Mapping {
        try Mapping.load(from: mappings.appending(path: "\(marketplace).yaml"))
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
