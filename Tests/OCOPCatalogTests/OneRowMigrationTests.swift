import Foundation
import GRDB
import TestSupport
import Testing

@testable import OCOPCatalog

/// Migration v8 moves each product's producer and certificate from their own tables into the product's row: a
/// catalogue written before it must read back exactly as the same rows imported after it.
@Suite struct OneRowMigrationTests {
    let folder: TemporaryFolder

    init() throws {
        self.folder = try TemporaryFolder()
    }

    static let catalog = """
        code,name,group,star,decision_number,decision_date,producer,producer_type,province,phone,price,images
        M-1,Cà phê bột M-1,food,4,2719/QĐ-UBND,15/09/2024,HTX Ea Tu,cooperative,Đắk Lắk,0905,185000,https://cdn.example.vn/1.jpg
        M-2,Mật ong M-2,food,5,12/QĐ-UBND,01/02/2023,HTX Ea Tu,cooperative,Đắk Lắk,0905,90000,https://cdn.example.vn/2.jpg
        M-3,Thổ cẩm M-3,handicrafts,3,7/QĐ-UBND,03/04/2025,Hộ Y Bih,,Đắk Lắk,,450000,https://cdn.example.vn/3.jpg
        """

    /// Every product row, as text.
    static func rows(_ db: Database) throws -> [String] {
        try Row.fetchAll(db, sql: "SELECT * FROM product ORDER BY code").map(\.description)
    }

    @Test func aCatalogueOfThreeTablesMigratesToTheRowsAnImportWritesNow() throws {
        let now = Date(timeIntervalSince1970: 1_780_000_000)
        let file = try self.folder.write("catalog.csv", Self.catalog)
        let currentPath = self.folder.url.appending(path: "current.sqlite").path
        let current = try CatalogDatabase(path: currentPath)
        #expect(try current.importCatalog(files: [file], now: now).created == 3)
        let expected = try current.writer.read(Self.rows)
        #expect(try current.product(code: #require(ProductCode("m-2")))?.code.rawValue == "M-2")
        let products = try current.products(codes: ["M-1", "M-2", "M-3"].compactMap(ProductCode.init))

        // The same rows as v7 held them: producers in their own table (two products share one), certificates in
        // theirs.
        let oldPath = self.folder.url.appending(path: "old.sqlite").path
        let old = try DatabaseQueue(path: oldPath)
        try CatalogDatabase.migrator.migrate(old, upTo: "v7 category restrictions")
        try old.write { db in
            try db.execute(sql: "ATTACH DATABASE ? AS current", arguments: [currentPath])
            try db.execute(
                sql: """
                    INSERT OR IGNORE INTO producer SELECT producerName || '|' || ifnull(phone, ''), producerName,
                        producerType, taxCode, province, commune, legacyDistrict, address, phone, email
                    FROM current.product;
                    INSERT INTO product SELECT code, name, description, productGroup, subgroup, brand, priceVND,
                        salePriceVND, stock, netQuantity, weightGrams, lengthMillimetres, widthMillimetres,
                        heightMillimetres, gtin, mpn, images, link, shelfLife, ingredients, storage, marketplaces,
                        categoryOverrides, producerName || '|' || ifnull(phone, ''), contentHash, updatedAt
                    FROM current.product;
                    INSERT INTO certificate SELECT code, star, decisionNumber, decisionDate, issuedBy, expires, status
                    FROM current.product;
                    """
            )
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM producer") == 2)
        }
        try old.close()

        let migrated = try CatalogDatabase(path: oldPath)
        #expect(try migrated.writer.read(Self.rows) == expected)
        #expect(try migrated.products(codes: Array(products.keys)) == products)
        let tables = try migrated.writer.read { db in
            try String.fetchAll(
                db,
                sql: "SELECT name FROM sqlite_schema WHERE type = 'table' AND name IN (?, ?)",
                arguments: ["producer", "certificate"]
            )
        }
        #expect(tables.isEmpty)
        #expect(try migrated.importCatalog(files: [file], now: now).unchanged == 3)
    }

    /// A v7 catalogue at `name` holding products with `codes`, all of one producer, and no certificates.
    func oldCatalogue(_ name: String, codes: [String]) throws -> String {
        let path = self.folder.url.appending(path: name).path
        let old = try DatabaseQueue(path: path)
        try CatalogDatabase.migrator.migrate(old, upTo: "v7 category restrictions")
        try old.write { db in
            try db.execute(sql: "INSERT INTO producer (key, name, province) VALUES ('k', 'HTX Ea Tu', 'Đắk Lắk')")
            for code in codes {
                try db.execute(
                    sql: """
                        INSERT INTO product (code, name, productGroup, brand, priceVND, images, categoryOverrides,
                            producerKey, contentHash, updatedAt)
                        VALUES (?, 'Cà phê', 'food', 'Ea Tu', 1000, '[]', '{}', 'k', 'h', '2026-12-06')
                        """,
                    arguments: [code]
                )
            }
        }
        try old.close()
        return path
    }

    @Test func aCatalogueHoldingACodeInTwoSpellingsIsNotMigratedAndSaysWhich() throws {
        let path = try self.oldCatalogue("cases.sqlite", codes: ["A-1", "a-1", "B-1"])
        let error = #expect(throws: CatalogError.self) { try CatalogDatabase(path: path) }
        #expect(error?.message.contains("(A-1, a-1)") == true)
        let kept = try DatabaseQueue(path: path)
        #expect(try kept.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM product") } == 3)
        #expect(try kept.read { db in try CatalogDatabase.migrator.appliedMigrations(db).count } == 7)
    }

    @Test func aProductWithoutItsCertificateStopsTheMigrationInsteadOfBeingLost() throws {
        let path = try self.oldCatalogue("damaged.sqlite", codes: ["B-1"])
        let error = #expect(throws: CatalogError.self) { try CatalogDatabase(path: path) }
        #expect(error?.message.contains("1 of the catalogue's 1 products have no producer or certificate row") == true)
        let kept = try DatabaseQueue(path: path)
        #expect(try kept.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM product") } == 1)
    }
}

/// Where an import into an empty catalogue read each row, by rowid.
@Suite struct RowPlacesTests {
    @Test func aRowsPlaceIsItsFileAndLineAcrossFilesAndUnknownPastAGap() {
        var places = RowPlaces()
        places.append(rowID: 7, file: 0, line: 2)
        places.append(rowID: 8, file: 0, line: 3)
        places.append(rowID: 9, file: 1, line: 2)
        #expect(places.place(of: 7)! == (0, 2))
        #expect(places.place(of: 8)! == (0, 3))
        #expect(places.place(of: 9)! == (1, 2))
        #expect(places.place(of: 6) == nil)
        #expect(places.place(of: 10) == nil)
        places.append(rowID: 12, file: 1, line: 3)
        #expect(places.place(of: 12) == nil)
    }
}
