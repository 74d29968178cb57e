import GRDB

extension CatalogDatabase {
    /// Every migration of the database, in order. A shipped migration is never edited: a change is a new one.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1 catalogue") { db in
            try db.create(table: "producer") { t in
                t.primaryKey("key", .text)  // digest of the producer's details
                t.column("name", .text).notNull()
                t.column("type", .text).check {
                    ["enterprise", "cooperative", "cooperative_group", "household"].contains($0)
                }
                t.column("taxCode", .text)
                t.column("province", .text).notNull()
                t.column("commune", .text)
                t.column("legacyDistrict", .text)
                t.column("address", .text)
                t.column("phone", .text)
                t.column("email", .text)
            }
            try db.create(table: "product") { t in
                t.primaryKey("code", .text)
                t.column("name", .text).notNull()
                t.column("description", .text)
                t.column("productGroup", .text).notNull()
                    .check { ["food", "drinks", "herbs", "handicrafts", "ornamental", "tourism"].contains($0) }
                t.column("subgroup", .text)
                t.column("brand", .text).notNull()
                t.column("priceVND", .integer).notNull().check { $0 > 0 }
                t.column("salePriceVND", .integer).check { $0 > 0 }
                t.column("stock", .integer).check { $0 >= 0 }
                t.column("netQuantity", .text)
                t.column("weightGrams", .integer).check { $0 > 0 }
                t.column("lengthMillimetres", .integer)
                t.column("widthMillimetres", .integer)
                t.column("heightMillimetres", .integer)
                t.column("gtin", .text)
                t.column("mpn", .text)
                t.column("images", .jsonText).notNull()  // JSON array of URLs
                t.column("link", .text)
                t.column("shelfLife", .text)
                t.column("ingredients", .text)
                t.column("storage", .text)
                t.column("marketplaces", .jsonText)  // JSON array of ids; NULL = every marketplace
                t.column("categoryOverrides", .jsonText).notNull()  // JSON object: marketplace id → category
                t.column("producerKey", .text).notNull().indexed().references("producer", onDelete: .restrict)
                t.column("contentHash", .text).notNull()
                t.column("updatedAt", .datetime).notNull()
            }
            try db.create(table: "certificate") { t in
                t.primaryKey("productCode", .text).references("product", onDelete: .cascade)
                t.column("star", .integer).notNull().check { [3, 4, 5].contains($0) }
                t.column("decisionNumber", .text).notNull()
                t.column("decisionDate", .text).notNull()  // yyyy-mm-dd
                t.column("issuedBy", .text).notNull()
                t.column("expires", .text).notNull().indexed()  // yyyy-mm-dd
                t.column("status", .text).notNull().check { ["active", "revoked"].contains($0) }
            }
        }
        return migrator
    }
}
