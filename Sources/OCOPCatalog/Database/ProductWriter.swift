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
    /// The `CREATE INDEX` statements dropped for the import, run again by ``finish()`` (in the transaction, so
    /// an import that fails leaves them as they were).
    private let droppedIndexes: [String]
    /// The files rows came from, so that the temporary table holds a number per row rather than a name.
    private var files: [String] = []
    /// The statements run for every product, prepared once for the whole import.
    private let seen: ReusedStatement
    private let firstSeen: ReusedStatement
    private let existing: ReusedStatement
    private let product: ReusedStatement

    init(db: Database, now: Date) throws {
        self.db = db
        self.updatedAt = String.fromDatabaseValue(now.databaseValue) ?? ""  // GRDB's own date format
        // A larger page cache for the import's one big transaction keeps SQLite from spilling pages to the
        // WAL before commit; it is a bound (32 MiB), so memory stays flat in the number of rows.
        try db.execute(sql: "PRAGMA cache_size = -32768")
        self.startedEmpty = try Bool.fetchOne(db, sql: "SELECT NOT EXISTS (SELECT 1 FROM product)") ?? false
        self.droppedIndexes = self.startedEmpty ? try Self.dropSecondaryIndexes(db) : []
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
        self.product = try ReusedStatement(db, sql: Self.upsert)
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

    /// The columns of a product's row (migration v8), in the order ``insert(_:code:hash:)`` binds them.
    private static let columns = [
        "code", "name", "description", "productGroup", "subgroup", "brand", "priceVND", "salePriceVND", "stock",
        "netQuantity", "weightGrams", "lengthMillimetres", "widthMillimetres", "heightMillimetres", "gtin", "mpn",
        "images", "link", "shelfLife", "ingredients", "storage", "marketplaces", "categoryOverrides",
        "producerName", "producerType", "taxCode", "province", "commune", "legacyDistrict", "address", "phone",
        "email", "star", "decisionNumber", "decisionDate", "issuedBy", "expires", "status", "contentHash",
        "updatedAt",
    ]

    /// Inserts a product's row, or replaces every column but the code of the row with its code.
    private static let upsert = """
        INSERT INTO product (\(columns.joined(separator: ", ")))
        VALUES (\(Array(repeating: "?", count: columns.count).joined(separator: ", ")))
        ON CONFLICT (code) DO UPDATE SET \(columns.dropFirst().map { "\($0) = excluded.\($0)" }.joined(separator: ", "))
        """

    /// Writes `product`'s row, with its producer and certificate, whose content hash is `hash`.
    private func insert(_ product: Product, code: String, hash: String) throws {
        let size = product.packageSize
        let producer = product.producer
        let certificate = product.certificate
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
        try statement.bind(24, producer.name)
        try statement.bind(25, producer.type?.rawValue)
        try statement.bind(26, producer.taxCode)
        try statement.bind(27, producer.province)
        try statement.bind(28, producer.commune)
        try statement.bind(29, producer.legacyDistrict)
        try statement.bind(30, producer.address)
        try statement.bind(31, producer.phone)
        try statement.bind(32, producer.email)
        try statement.bind(33, certificate.star.rawValue)
        try statement.bind(34, certificate.decisionNumber)
        try statement.bind(35, certificate.decisionDate.description)
        try statement.bind(36, certificate.issuedBy)
        try statement.bind(37, certificate.expires.description)
        try statement.bind(38, certificate.status.rawValue)
        try statement.bind(39, hash)
        try statement.bind(40, self.updatedAt)
        try statement.execute()
    }

    /// Ends an import whose every row was good: builds the indexes dropped for it.
    func finish() throws {
        guard !self.droppedIndexes.isEmpty else { return }
        // Building an index sorts its keys in memory up to the page cache's size, beside the cache itself: a
        // smaller cache while they are built keeps the peak where the rows left it.
        try self.db.execute(sql: "PRAGMA cache_size = -2048")
        for sql in self.droppedIndexes { try self.db.execute(sql: sql) }
    }

    /// Drops the indexes of `product` that no constraint needs (those SQLite makes for a
    /// primary key stay) and returns the statements that make them again, in the catalogue's order. Only for
    /// an empty catalogue: inserting rows into an index one by one costs more than building it once.
    private static func dropSecondaryIndexes(_ db: Database) throws -> [String] {
        let indexes = try Row.fetchAll(
            db,
            sql: """
                SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL
                    AND tbl_name = 'product' ORDER BY rowid
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
