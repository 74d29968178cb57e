import Foundation
import GRDB

/// Writes products inside one open write transaction: upserts by code, leaves unchanged products alone,
/// and notices a code given twice in the same import.
struct ProductWriter {
    /// What happened to one product.
    enum Outcome: Equatable {
        case created, updated, unchanged
        /// The code (or the same code in another case, `code`) was already imported earlier in this same
        /// import, at `file:line`.
        case duplicate(code: String, file: String, line: Int)
        /// The catalogue holds the same code in another case.
        case caseOfExisting(String)
    }

    private let db: Database
    /// When these products were written, formatted once for the whole import.
    private let updatedAt: String

    init(db: Database, now: Date) throws {
        self.db = db
        self.updatedAt = String.fromDatabaseValue(now.databaseValue) ?? ""  // GRDB's own date format
        // A larger page cache for the import's one big transaction keeps SQLite from spilling pages to the
        // WAL before commit; it is a bound (32 MiB), so memory stays flat in the number of rows.
        try db.execute(sql: "PRAGMA cache_size = -32768")
        // The codes seen in this import live in SQLite, not in memory, so memory stays flat.
        try db.execute(
            sql:
                "CREATE TEMP TABLE IF NOT EXISTS importedCode (code TEXT PRIMARY KEY COLLATE NOCASE, file TEXT, line INTEGER)"
        )
        try db.execute(sql: "DELETE FROM importedCode")
    }

    /// Upserts `product`, whose content hash is `hash`, read from `file:line`.
    mutating func write(_ product: Product, hash: String, file: String, line: Int) throws -> Outcome {
        let code = product.code.rawValue
        let seen = try self.db.cachedStatement(
            sql: "INSERT INTO importedCode (code, file, line) VALUES (?, ?, ?) ON CONFLICT (code) DO NOTHING"
        )
        try seen.execute(arguments: [code, file, line])
        if self.db.changesCount == 0 {
            let first = try Row.fetchOne(
                self.db.cachedStatement(sql: "SELECT code, file, line FROM importedCode WHERE code = ?"),
                arguments: [code]
            )
            return .duplicate(code: first?["code"] ?? code, file: first?["file"] ?? file, line: first?["line"] ?? 0)
        }

        let existing = try String.fetchOne(
            self.db.cachedStatement(sql: "SELECT contentHash FROM product WHERE code = ?"),
            arguments: [code]
        )
        if existing == hash { return .unchanged }
        if existing == nil,
            let other = try String.fetchOne(
                self.db.cachedStatement(sql: "SELECT code FROM product WHERE code = ? COLLATE NOCASE LIMIT 1"),
                arguments: [code]
            )
        {
            return .caseOfExisting(other)
        }

        let producer = product.producer
        // A producer row is keyed by its content: rows that name the same producer with different details
        // (another phone, a typo) each keep exactly what they said, so every product reads back as imported
        // and its content hash stays true. Identical details share one row.
        let producerKey = producer.detailsDigest
        try self.db.cachedStatement(
            sql: """
                INSERT INTO producer (key, name, type, taxCode, province, commune, legacyDistrict, address, phone, email)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (key) DO NOTHING
                """
        ).execute(arguments: [
            producerKey, producer.name, producer.type?.rawValue, producer.taxCode, producer.province,
            producer.commune, producer.legacyDistrict, producer.address, producer.phone, producer.email,
        ])

        let marketplaces = product.marketplaces.map { JSONText.array($0.map(\.rawValue).sorted()) }
        let size = product.packageSize
        var arguments: StatementArguments = [
            code, product.name, product.description, product.group.rawValue, product.subgroup, product.brand,
            product.price.amount, product.salePrice?.amount, product.stock, product.netQuantity?.description,
            product.weightGrams, size?.lengthMillimetres, size?.widthMillimetres, size?.heightMillimetres,
        ]
        arguments += [
            product.gtin?.rawValue, product.mpn, JSONText.array(product.images), product.link, product.shelfLife,
            product.ingredients, product.storage, marketplaces,
            JSONText.object(
                Dictionary(uniqueKeysWithValues: product.categoryOverrides.map { ($0.key.rawValue, $0.value) })
            ),
            producerKey, hash, self.updatedAt,
        ]
        try self.db.cachedStatement(
            sql: """
                INSERT INTO product (code, name, description, productGroup, subgroup, brand, priceVND, salePriceVND,
                    stock, netQuantity, weightGrams, lengthMillimetres, widthMillimetres, heightMillimetres, gtin, mpn,
                    images, link, shelfLife, ingredients, storage, marketplaces, categoryOverrides, producerKey,
                    contentHash, updatedAt)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (code) DO UPDATE SET name = excluded.name, description = excluded.description,
                    productGroup = excluded.productGroup, subgroup = excluded.subgroup, brand = excluded.brand,
                    priceVND = excluded.priceVND, salePriceVND = excluded.salePriceVND, stock = excluded.stock,
                    netQuantity = excluded.netQuantity, weightGrams = excluded.weightGrams,
                    lengthMillimetres = excluded.lengthMillimetres, widthMillimetres = excluded.widthMillimetres,
                    heightMillimetres = excluded.heightMillimetres, gtin = excluded.gtin, mpn = excluded.mpn,
                    images = excluded.images, link = excluded.link, shelfLife = excluded.shelfLife,
                    ingredients = excluded.ingredients, storage = excluded.storage,
                    marketplaces = excluded.marketplaces, categoryOverrides = excluded.categoryOverrides,
                    producerKey = excluded.producerKey, contentHash = excluded.contentHash,
                    updatedAt = excluded.updatedAt
                """
        ).execute(arguments: arguments)

        let certificate = product.certificate
        try self.db.cachedStatement(
            sql: """
                INSERT INTO certificate (productCode, star, decisionNumber, decisionDate, issuedBy, expires, status)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (productCode) DO UPDATE SET star = excluded.star,
                    decisionNumber = excluded.decisionNumber, decisionDate = excluded.decisionDate,
                    issuedBy = excluded.issuedBy, expires = excluded.expires, status = excluded.status
                """
        ).execute(arguments: [
            code, certificate.star.rawValue, certificate.decisionNumber, certificate.decisionDate.description,
            certificate.issuedBy, certificate.expires.description, certificate.status.rawValue,
        ])
        return existing == nil ? .created : .updated
    }

    /// Removes producers no product refers to any more (a product moved to another producer).
    func removeOrphanProducers() throws {
        try self.db.execute(sql: "DELETE FROM producer WHERE key NOT IN (SELECT producerKey FROM product)")
    }

}
