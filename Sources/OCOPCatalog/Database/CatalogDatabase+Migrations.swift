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
        migrator.registerMigration("v2 ledger and runs") { db in
            // What each marketplace holds, per product; kept when a product leaves the catalogue, so that
            // it can be deleted from the marketplace.
            try db.create(table: "ledgerEntry") { t in
                t.column("marketplace", .text).notNull()
                t.column("productCode", .text).notNull()
                t.column("contentHash", .text).notNull()
                t.column("remoteID", .text)
                t.column("lastSent", .datetime).notNull()
                t.column("lastOutcome", .text).notNull()
                t.column("lastError", .text)
                t.primaryKey(["marketplace", "productCode"])
            }
            try db.create(table: "publishRun") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("marketplace", .text).notNull().indexed()
                t.column("trigger", .text).notNull()
                t.column("started", .datetime).notNull()
                t.column("finished", .datetime)
                t.column("status", .text).notNull()
                for counter in ["created", "updated", "deleted", "refreshed", "heldBack", "failed"] {
                    t.column(counter, .integer).notNull().defaults(to: 0)
                }
            }
            try db.create(table: "runItem") { t in
                t.column("runID", .integer).notNull().indexed().references("publishRun", onDelete: .cascade)
                t.column("productCode", .text).notNull()
                t.column("action", .text).notNull()
                t.column("outcome", .text).notNull()
                t.column("remoteID", .text)
                t.column("message", .text)
            }
            // One run per marketplace at a time; a lease that expires frees the marketplace after a crash.
            try db.create(table: "publishLease") { t in
                t.primaryKey("marketplace", .text)
                t.column("holder", .text).notNull()
                t.column("expires", .datetime).notNull()
            }
        }
        migrator.registerMigration("v3 job runs") { db in
            // Scheduled exports and validations share the run history with publishing; a run that failed
            // as a whole keeps its one-line reason.
            try db.alter(table: "publishRun") { t in
                t.add(column: "action", .text).notNull().defaults(to: "publish")
                t.add(column: "message", .text)
            }
            try db.create(index: "publishRun_trigger", on: "publishRun", columns: ["trigger", "id"])
        }
        migrator.registerMigration("v4 codes without case") { db in
            // Marketplace SKUs and URLs do not tell H-CASE from h-case: finding a code whatever its case.
            try db.execute(sql: "CREATE INDEX product_code_nocase ON product (code COLLATE NOCASE)")
        }
        migrator.registerMigration("v5 category trees") { db in
            // Each marketplace's own category tree as `ocop categories sync` last fetched it, so that paths
            // of names resolve to leaf ids and nothing is sent to a category that is not a leaf.
            try db.create(table: "categoryTree") { t in
                t.primaryKey("marketplace", .text)
                t.column("fetched", .datetime).notNull()
            }
            try db.create(table: "categoryNode") { t in
                t.column("marketplace", .text).notNull().references("categoryTree", onDelete: .cascade)
                t.column("id", .text).notNull()
                t.column("parentID", .text)
                t.column("name", .text).notNull()
                t.column("isLeaf", .boolean).notNull()
                t.column("position", .integer).notNull()  // the marketplace's order
                t.primaryKey(["marketplace", "id"])
            }
        }
        migrator.registerMigration("v6 category attributes") { db in
            // The attributes each leaf in use asks of its products (origin, shelf life…), kept with the tree
            // they were fetched with: one row per leaf, its attributes as JSON.
            try db.create(table: "categoryAttributes") { t in
                t.column("marketplace", .text).notNull().references("categoryTree", onDelete: .cascade)
                t.column("categoryID", .text).notNull()
                t.column("attributes", .text).notNull()
                t.primaryKey(["marketplace", "categoryID"])
            }
        }
        migrator.registerMigration("v7 category restrictions") { db in
            // Why a last-level category takes no product from this shop (TikTok Shop's INVITE_ONLY…), so that
            // a product held back for it is told why rather than to choose a category under it.
            try db.alter(table: "categoryNode") { t in t.add(column: "restriction", .text) }
        }
        migrator.registerMigration("v8 one row per product") { db in
            // A product's producer and certificate belong to it alone (a producer row was keyed by its details,
            // not an identity), so they live in the product's own row: an import writes one row per product
            // instead of three, and every read is one table instead of a join. The code's key ignores letter
            // case, as marketplaces do (v4's index on it goes): two codes in other letters cannot both be held.
            try Self.refuseCodesInOtherLetters(db)
            try Self.createOneRowProducts(db, named: "productOneRow")
            try db.execute(
                sql: """
                    INSERT INTO productOneRow SELECT product.code, product.name, product.description,
                        product.productGroup, product.subgroup, product.brand, product.priceVND, product.salePriceVND,
                        product.stock, product.netQuantity, product.weightGrams, product.lengthMillimetres,
                        product.widthMillimetres, product.heightMillimetres, product.gtin, product.mpn, product.images,
                        product.link, product.shelfLife, product.ingredients, product.storage, product.marketplaces,
                        product.categoryOverrides, producer.name, producer.type, producer.taxCode, producer.province,
                        producer.commune, producer.legacyDistrict, producer.address, producer.phone, producer.email,
                        certificate.star, certificate.decisionNumber, certificate.decisionDate, certificate.issuedBy,
                        certificate.expires, certificate.status, product.contentHash, product.updatedAt
                    FROM product
                    JOIN producer ON producer.key = product.producerKey
                    JOIN certificate ON certificate.productCode = product.code
                    ORDER BY product.rowid
                    """
            )
            // Every product had its producer and certificate (an import wrote all three in one transaction); a
            // damaged file where one lacks them stops here rather than losing the product.
            let moved = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM productOneRow") ?? 0
            let held = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM product") ?? 0
            guard moved == held else {
                throw CatalogError(
                    .database,
                    "\(held - moved) of the catalogue's \(held) products have no producer or certificate row: the "
                        + "catalogue file is damaged; import the catalogue again into a new catalogue file"
                )
            }
            for table in ["certificate", "product", "producer"] { try db.drop(table: table) }
            try db.rename(table: "productOneRow", to: "product")
            try db.create(index: "product_on_expires", on: "product", columns: ["expires"])
        }
        return migrator
    }

    /// Creates the products table of v8, one row per product with its producer and certificate, as `name`.
    private static func createOneRowProducts(_ db: Database, named name: String) throws {
        try db.create(table: name) { t in
            t.primaryKey("code", .text).collate(.nocase)
            t.column("name", .text).notNull()
            t.column("description", .text)
            t.column("productGroup", .text).notNull()
                .check(sql: oneOf("productGroup", ["food", "drinks", "herbs", "handicrafts", "ornamental", "tourism"]))
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
            // The producer (chủ thể), as the row named it.
            t.column("producerName", .text).notNull()
            t.column("producerType", .text)
                .check(sql: oneOf("producerType", ["enterprise", "cooperative", "cooperative_group", "household"]))
            t.column("taxCode", .text)
            t.column("province", .text).notNull()
            t.column("commune", .text)
            t.column("legacyDistrict", .text)
            t.column("address", .text)
            t.column("phone", .text)
            t.column("email", .text)
            // The OCOP certificate.
            t.column("star", .integer).notNull().check(sql: oneOf("star", [3, 4, 5]))
            t.column("decisionNumber", .text).notNull()
            t.column("decisionDate", .text).notNull()  // yyyy-mm-dd
            t.column("issuedBy", .text).notNull()
            t.column("expires", .text).notNull()  // yyyy-mm-dd
            t.column("status", .text).notNull().check(sql: oneOf("status", ["active", "revoked"]))
            t.column("contentHash", .text).notNull()
            t.column("updatedAt", .datetime).notNull()
        }
    }

    /// Throws when the catalogue holds two codes that differ only in letter case, which v8's key refuses. An
    /// import has refused them since v4; a catalogue written before could hold them.
    private static func refuseCodesInOtherLetters(_ db: Database) throws {
        let codes = try String.fetchAll(
            db,
            sql: """
                SELECT code FROM product WHERE code COLLATE NOCASE IN
                    (SELECT code FROM product GROUP BY code COLLATE NOCASE HAVING COUNT(*) > 1)
                ORDER BY code COLLATE NOCASE, code LIMIT 10
                """
        )
        guard codes.isEmpty else {
            throw CatalogError(
                .database,
                "the catalogue holds codes that differ only in letter case (\(codes.joined(separator: ", "))), which "
                    + "marketplaces cannot tell apart: import the catalogue again into a new catalogue file with each "
                    + "code written once"
            )
        }
    }

    /// A CHECK that `column` is one of the texts `values` (our own words: no quote inside).
    private static func oneOf(_ column: String, _ values: [String]) -> String {
        values.map { "\(column.quotedDatabaseIdentifier) = '\($0)'" }.joined(separator: " OR ")
    }

    /// A CHECK that `column` is one of the numbers `values`.
    private static func oneOf(_ column: String, _ values: [Int]) -> String {
        values.map { "\(column.quotedDatabaseIdentifier) = \($0)" }.joined(separator: " OR ")
    }
}
