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
    /// Whether the catalogue held no product when the import began: no code can then be in it already, so
    /// nothing is looked up, and the secondary indexes are built once at the end (``finish()``) rather than
    /// grown row by row.
    private let startedEmpty: Bool
    /// Whether the catalogue held no producer either: no producer can then be left without a product.
    private let startedWithoutProducers: Bool
    /// The `CREATE INDEX` statements dropped for the import, run again by ``finish()`` (in the transaction, so
    /// an import that fails leaves them as they were).
    private let droppedIndexes: [String]
    /// The files rows came from, so that the temporary table holds a number per row rather than a name.
    private var files: [String] = []
    /// The statements run for every product, prepared once for the whole import.
    private let seen: ReusedStatement
    private let firstSeen: ReusedStatement
    private let existing: ReusedStatement
    private let producer: ReusedStatement
    private let product: ReusedStatement
    private let certificate: ReusedStatement

    init(db: Database, now: Date) throws {
        self.db = db
        self.updatedAt = String.fromDatabaseValue(now.databaseValue) ?? ""  // GRDB's own date format
        // A larger page cache for the import's one big transaction keeps SQLite from spilling pages to the
        // WAL before commit; it is a bound (32 MiB), so memory stays flat in the number of rows.
        try db.execute(sql: "PRAGMA cache_size = -32768")
        self.startedEmpty = try Bool.fetchOne(db, sql: "SELECT NOT EXISTS (SELECT 1 FROM product)") ?? false
        self.startedWithoutProducers =
            try self.startedEmpty && (Bool.fetchOne(db, sql: "SELECT NOT EXISTS (SELECT 1 FROM producer)") ?? false)
        self.droppedIndexes = self.startedEmpty ? try Self.dropSecondaryIndexes(db) : []
        if self.startedEmpty {
            // SQLite checks a CHECK with an IN list of three or more values (group, star, producer type) by
            // building a temporary B-tree for the list on every row; the rows are checked once, all together, by
            // ``finish()`` instead. ``close()`` turns the checks back on, whatever happens.
            try db.execute(sql: "PRAGMA ignore_check_constraints = ON")
        }
        // The codes seen in this import live in SQLite, not in memory, so memory stays flat. Without a rowid the
        // table is one B-tree (keyed by code), not a table and an index beside it.
        try db.execute(
            sql: """
                CREATE TEMP TABLE IF NOT EXISTS importedCodes (code TEXT PRIMARY KEY COLLATE NOCASE, file INTEGER,
                    line INTEGER) WITHOUT ROWID
                """
        )
        try db.execute(sql: "DELETE FROM importedCodes")
        self.seen = try ReusedStatement(
            db,
            sql: "INSERT INTO importedCodes (code, file, line) VALUES (?, ?, ?) ON CONFLICT (code) DO NOTHING"
        )
        self.firstSeen = try ReusedStatement(db, sql: "SELECT code, file, line FROM importedCodes WHERE code = ?")
        // One look serves both questions: is the code in the catalogue (and with what content), or is it there
        // in other letters. The index on `code COLLATE NOCASE` answers it.
        self.existing = try ReusedStatement(
            db,
            sql: "SELECT code, contentHash FROM product WHERE code = ? COLLATE NOCASE"
        )
        self.producer = try ReusedStatement(
            db,
            sql: """
                INSERT INTO producer (key, name, type, taxCode, province, commune, legacyDistrict, address, phone, email)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (key) DO NOTHING
                """
        )
        self.product = try ReusedStatement(
            db,
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
        )
        self.certificate = try ReusedStatement(
            db,
            sql: """
                INSERT INTO certificate (productCode, star, decisionNumber, decisionDate, issuedBy, expires, status)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (productCode) DO UPDATE SET star = excluded.star,
                    decisionNumber = excluded.decisionNumber, decisionDate = excluded.decisionDate,
                    issuedBy = excluded.issuedBy, expires = excluded.expires, status = excluded.status
                """
        )
    }

    /// Upserts `product`, whose content hash is `hash`, read from `file:line`.
    mutating func write(_ product: Product, hash: String, file: String, line: Int) throws -> Outcome {
        let code = product.code.rawValue
        if self.files.last != file { self.files.append(file) }
        try self.seen.start()
        try self.seen.bind(1, code)
        try self.seen.bind(2, self.files.count - 1)
        try self.seen.bind(3, line)
        try self.seen.execute()
        if self.db.changesCount == 0 {
            var first: (code: String?, file: Int64, line: Int64)?
            try self.firstSeen.start()
            try self.firstSeen.bind(1, code)
            try self.firstSeen.forEachRow { row in
                first = (row.text(0), row.integer(1), row.integer(2))
                return false
            }
            return .duplicate(
                code: first?.code ?? code,
                file: first.flatMap { self.files.indices.contains(Int($0.file)) ? self.files[Int($0.file)] : nil }
                    ?? file,
                line: first.map { Int($0.line) } ?? 0
            )
        }

        // The content hash of the product with exactly this code, if any, and the first code in other letters.
        // A catalogue that started empty holds only this import's products, whose codes `seen` told apart.
        var existing: String?
        var otherLetters: String?
        if !self.startedEmpty { try self.lookUp(code, existing: &existing, otherLetters: &otherLetters) }
        if existing == hash { return .unchanged }
        if existing == nil, let otherLetters { return .caseOfExisting(otherLetters) }
        try self.insert(product, code: code, hash: hash)
        return existing == nil ? .created : .updated
    }

    /// The content hash of the catalogue's product with exactly `code` into `existing`, and the first code
    /// the catalogue holds in other letters into `otherLetters`.
    private func lookUp(_ code: String, existing: inout String?, otherLetters: inout String?) throws {
        var found: (exact: String?, other: String?) = (nil, nil)
        try self.existing.start()
        try self.existing.bind(1, code)
        try self.existing.forEachRow { row in
            let text = row.text(0) ?? ""
            if text == code {
                found.exact = row.text(1) ?? ""
                return false
            }
            if found.other == nil { found.other = text }
            return true
        }
        existing = found.exact
        otherLetters = found.other
    }

    /// Writes `product` (its producer, itself, its certificate), whose content hash is `hash`.
    private func insert(_ product: Product, code: String, hash: String) throws {
        let producer = product.producer
        // A producer row is keyed by its content: rows that name the same producer with different details
        // (another phone, a typo) each keep exactly what they said, so every product reads back as imported
        // and its content hash stays true. Identical details share one row.
        let producerKey = producer.detailsDigest
        try self.producer.start()
        for (index, value) in [
            producerKey, producer.name, producer.type?.rawValue, producer.taxCode, producer.province,
            producer.commune, producer.legacyDistrict, producer.address, producer.phone, producer.email,
        ].enumerated() {
            try self.producer.bind(Int32(index + 1), value)
        }
        try self.producer.execute()

        let size = product.packageSize
        let statement = self.product
        try statement.start()
        try statement.bind(1, code)
        try statement.bind(2, product.name)
        try statement.bind(3, product.description)
        try statement.bind(4, product.group.rawValue)
        try statement.bind(5, product.subgroup)
        try statement.bind(6, product.brand)
        try statement.bind(7, product.price.amount)
        try statement.bind(8, product.salePrice?.amount)
        try statement.bind(9, product.stock)
        try statement.bind(10, product.netQuantity?.description)
        try statement.bind(11, product.weightGrams)
        try statement.bind(12, size?.lengthMillimetres)
        try statement.bind(13, size?.widthMillimetres)
        try statement.bind(14, size?.heightMillimetres)
        try statement.bind(15, product.gtin?.rawValue)
        try statement.bind(16, product.mpn)
        try statement.bind(17, JSONText.array(product.images))
        try statement.bind(18, product.link)
        try statement.bind(19, product.shelfLife)
        try statement.bind(20, product.ingredients)
        try statement.bind(21, product.storage)
        try statement.bind(22, product.marketplaces.map { JSONText.array($0.map(\.rawValue).sorted()) })
        try statement.bind(
            23,
            JSONText.object(
                Dictionary(uniqueKeysWithValues: product.categoryOverrides.map { ($0.key.rawValue, $0.value) })
            )
        )
        try statement.bind(24, producerKey)
        try statement.bind(25, hash)
        try statement.bind(26, self.updatedAt)
        try statement.execute()

        let certificate = product.certificate
        try self.certificate.start()
        try self.certificate.bind(1, code)
        try self.certificate.bind(2, certificate.star.rawValue)
        try self.certificate.bind(3, certificate.decisionNumber)
        try self.certificate.bind(4, certificate.decisionDate.description)
        try self.certificate.bind(5, certificate.issuedBy)
        try self.certificate.bind(6, certificate.expires.description)
        try self.certificate.bind(7, certificate.status.rawValue)
        try self.certificate.execute()
    }

    /// Ends an import whose every row was good: builds the indexes dropped for it, and removes producers no
    /// product refers to any more (a product moved to another producer).
    func finish() throws {
        if !self.droppedIndexes.isEmpty {
            // Building an index sorts its keys in memory up to the page cache's size, beside the cache itself: a
            // smaller cache while they are built keeps the peak where the rows left it.
            try self.db.execute(sql: "PRAGMA cache_size = -2048")
            for sql in self.droppedIndexes { try self.db.execute(sql: sql) }
        }
        if self.startedEmpty {
            try self.db.execute(sql: "PRAGMA ignore_check_constraints = OFF")
            // Every CHECK of every row, in one pass per table; any failure rolls the import back.
            for table in ["producer", "product", "certificate"] {
                let broken = try CheckConstraints.violations(in: table, db: self.db)
                guard broken == 0 else {
                    throw CatalogError(
                        .database,
                        "\(broken) imported rows break the rules of the catalogue's \(table) table"
                    )
                }
            }
        }
        guard !self.startedWithoutProducers else { return }
        try self.db.execute(sql: "DELETE FROM producer WHERE key NOT IN (SELECT producerKey FROM product)")
    }

    /// Leaves the connection as the import found it: with its CHECK constraints on. Call it however the import
    /// ends.
    func close() {
        try? self.db.execute(sql: "PRAGMA ignore_check_constraints = OFF")
    }

    /// Drops the indexes of `product` and `certificate` that no constraint needs (those SQLite makes for a
    /// primary key stay) and returns the statements that make them again, in the catalogue's order. Only for
    /// an empty catalogue: inserting rows into an index one by one costs more than building it once.
    private static func dropSecondaryIndexes(_ db: Database) throws -> [String] {
        let indexes = try Row.fetchAll(
            db,
            sql: """
                SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL
                    AND tbl_name IN ('product', 'certificate') ORDER BY rowid
                """
        )
        var statements: [String] = []
        for index in indexes {
            let name: String = index["name"]
            try db.execute(sql: "DROP INDEX \(name.quotedDatabaseIdentifier)")
            statements.append(index["sql"])
        }
        return statements
    }

}
