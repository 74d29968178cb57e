import Foundation
import GRDB
import OCOPCatalog
import TestSupport
import Testing

/// An import into an empty catalogue looks nothing up and leaves codes given twice to the product table's key: it
/// must write exactly what an import into a catalogue that already holds products writes, and still refuse codes
/// given twice.
@Suite struct EmptyCatalogueImportTests {
    let folder: TemporaryFolder
    let now = Date(timeIntervalSince1970: 1_780_000_000)

    init() throws {
        self.folder = try TemporaryFolder()
    }

    static let header = "code,name,group,star,decision_number,decision_date,producer,province,price,images,phone"

    static func row(_ code: String, producer: String = "HTX Ea Tu", phone: String = "") -> String {
        "\(code),Cà phê bột \(code),food,4,2719/QĐ-UBND,15/09/2024,\(producer),Đắk Lắk,185000,"
            + "https://cdn.example.vn/\(code).jpg,\(phone)"
    }

    /// Every product row of the catalogue but that of `leftOut`, as text.
    func rows(_ database: CatalogDatabase, leftOut: String) throws -> [String] {
        try database.writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM product WHERE code != ? ORDER BY code", arguments: [leftOut])
                .map(\.description)
        }
    }

    /// The catalogue's indexes: name and statement.
    func indexes(_ database: CatalogDatabase) throws -> Set<String> {
        try database.writer.read { db in
            Set(
                try String.fetchAll(
                    db,
                    sql: "SELECT name || ': ' || ifnull(sql, '') FROM sqlite_schema WHERE type = 'index'"
                )
            )
        }
    }

    @Test func anEmptyCatalogueGetsTheRowsAndIndexesACatalogueWithProductsGets() throws {
        let lines =
            [Self.header] + (1...40).map { Self.row("E-\($0)", producer: "HTX \($0 % 3)", phone: "09\($0 % 2)") }
        let file = try self.folder.write("catalog.csv", lines.joined(separator: "\n"))

        let empty = try CatalogDatabase.inMemory()
        let schema = try self.indexes(empty)
        let cacheSize = try empty.writer.write { db in try Int.fetchOne(db, sql: "PRAGMA cache_size") }
        let first = try empty.importCatalog(files: [file], now: self.now)
        #expect(try empty.writer.write { db in try Int.fetchOne(db, sql: "PRAGMA cache_size") } == cacheSize)

        let holding = try CatalogDatabase.inMemory()
        let other = try self.folder.write("other.csv", [Self.header, Self.row("OTHER-1")].joined(separator: "\n"))
        _ = try holding.importCatalog(files: [other], now: self.now)
        let general = try holding.importCatalog(files: [file], now: self.now)

        #expect(first == general)
        #expect(first.created == 40)
        #expect(try self.rows(empty, leftOut: "OTHER-1") == self.rows(holding, leftOut: "OTHER-1"))
        #expect(try self.indexes(empty) == schema)
        #expect(try self.indexes(holding) == schema)
        #expect(try empty.importCatalog(files: [file], now: self.now).unchanged == 40)
    }

    @Test func anEmptyCatalogueStillRefusesACodeGivenTwiceInAnyLettersAndKeepsItsIndexes() throws {
        let database = try CatalogDatabase.inMemory()
        let schema = try self.indexes(database)
        let text = [Self.header, Self.row("D-1"), Self.row("D-2"), Self.row("d-1"), Self.row("D-2")]
        let file = try self.folder.write("catalog.csv", text.joined(separator: "\n"))

        let error = try #require(throws: CatalogError.self) { try database.importCatalog(files: [file]) }
        #expect(
            error.problems == [
                "catalog.csv:4: code: \"d-1\" is the code \"D-1\" of catalog.csv:2 in other letters; marketplaces do not tell them apart",
                "catalog.csv:5: code: \"D-2\" is given twice; first at catalog.csv:3",
            ]
        )
        #expect(try database.productCount() == 0)
        #expect(try self.indexes(database) == schema)
    }
}
