import GRDB
import Testing

@testable import OCOPCatalog

/// The catalogue's own rules on a product's row (its CHECK constraints) hold whatever writes the row: each
/// refuses the value it is there to refuse and lets an allowed one, or an absent optional one, through.
@Suite struct ProductRulesTests {
    /// Writes one product row with `column` set to `value` over otherwise good values.
    static func write(_ column: String, _ value: DatabaseValue, in database: CatalogDatabase) throws {
        var values: [String: DatabaseValue] = [
            "code": "R-1".databaseValue, "name": "Cà phê".databaseValue, "productGroup": "food".databaseValue,
            "brand": "Ea Tu".databaseValue, "priceVND": 185_000.databaseValue,
            "images": "[]".databaseValue, "categoryOverrides": "{}".databaseValue,
            "producerName": "HTX Ea Tu".databaseValue, "producerType": "cooperative".databaseValue,
            "province": "Đắk Lắk".databaseValue, "star": 4.databaseValue,
            "decisionNumber": "2719/QĐ-UBND".databaseValue, "decisionDate": "2024-09-15".databaseValue,
            "issuedBy": "UBND tỉnh Đắk Lắk".databaseValue, "expires": "2027-09-15".databaseValue,
            "status": "active".databaseValue, "contentHash": "h".databaseValue,
            "updatedAt": "2026-12-06 00:00:00.000".databaseValue,
        ]
        values[column] = value
        let columns = values.keys.sorted()
        try database.writer.write { db in
            try db.execute(
                sql: """
                    INSERT INTO product (\(columns.joined(separator: ", ")))
                    VALUES (\(Array(repeating: "?", count: columns.count).joined(separator: ", ")))
                    """,
                arguments: StatementArguments(columns.map { values[$0] ?? .null })
            )
        }
    }

    @Test(arguments: [
        ("productGroup", "drink".databaseValue), ("producerType", "guild".databaseValue), ("star", 2.databaseValue),
        ("star", 6.databaseValue), ("status", "expired".databaseValue), ("priceVND", 0.databaseValue),
        ("salePriceVND", (-1).databaseValue), ("stock", (-1).databaseValue), ("weightGrams", 0.databaseValue),
    ])
    func aValueOutsideItsColumnsRuleIsRefused(column: String, value: DatabaseValue) throws {
        let database = try CatalogDatabase.inMemory()
        let error = #expect(throws: DatabaseError.self) { try Self.write(column, value, in: database) }
        #expect(error?.extendedResultCode == .SQLITE_CONSTRAINT_CHECK)
        #expect(try database.productCount() == 0)
    }

    @Test(arguments: [
        ("productGroup", "tourism".databaseValue), ("producerType", .null),
        ("producerType", "cooperative_group".databaseValue), ("star", 5.databaseValue),
        ("status", "revoked".databaseValue), ("stock", 0.databaseValue),
    ])
    func anAllowedValueIsWritten(column: String, value: DatabaseValue) throws {
        let database = try CatalogDatabase.inMemory()
        try Self.write(column, value, in: database)
        #expect(try database.productCount() == 1)
    }
}
