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
    /// The files rows came from, so that a row's place is a number and a line rather than a name.
    private var files: [String] = []
    /// Into an empty catalogue: where each product written was read, by rowid.
    private var places = RowPlaces()
    /// Into a catalogue holding products: the codes this import has read, which an upsert would not refuse.
    private let importedCodes: ImportedCodes?
    /// The statements run for every product, prepared once for the whole import.
    private let existing: ReusedStatement
    private let product: ReusedStatement

    init(db: Database, now: Date) throws {
        self.db = db
        self.updatedAt = String.fromDatabaseValue(now.databaseValue) ?? ""  // GRDB's own date format
        // Into an empty catalogue no code can be in it already, so nothing is looked up and the product table's
        // own key (which ignores letter case) refuses a code given twice.
        let startedEmpty = try Bool.fetchOne(db, sql: "SELECT NOT EXISTS (SELECT 1 FROM product)") ?? false
        self.importedCodes = startedEmpty ? nil : try ImportedCodes(db: db)
        // One look serves both questions: is the code in the catalogue (and with what content), or is it there
        // in other letters. The key, which ignores letter case, answers it.
        self.existing = try ReusedStatement(db, sql: "SELECT rowid, code, contentHash FROM product WHERE code = ?")
        self.product = try ReusedStatement(db, sql: startedEmpty ? Self.insertSQL : Self.upsertSQL)
    }

    /// Upserts `product`, whose content hash is `hash`, read from `file:line`.
    mutating func write(_ product: Product, hash: String, file: String, line: Int) throws -> Outcome {
        let code = product.code.rawValue
        if self.files.last != file { self.files.append(file) }
        let fileNumber = self.files.count - 1
        guard let importedCodes = self.importedCodes else {
            guard try self.insert(product, code: code, hash: hash) else {
                // Only this import's rows are in the catalogue: the row holding the code came first.
                var first: (rowID: Int64, code: String)?
                try self.lookUp(code) { rowID, code, _ in first = (rowID, code) }
                let place = first.flatMap { self.places.place(of: $0.rowID) }
                return .duplicate(
                    code: first?.code ?? code,
                    file: place.map { self.files[$0.file] } ?? file,
                    line: place?.line ?? 0
                )
            }
            self.places.append(rowID: self.db.lastInsertedRowID, file: fileNumber, line: line)
            return .created
        }
        if let first = try importedCodes.note(code, file: fileNumber, line: line) {
            return .duplicate(code: first.code, file: self.files[first.file], line: first.line)
        }
        var existing: (code: String, hash: String)?
        try self.lookUp(code) { _, code, hash in existing = (code, hash) }
        guard let existing else {
            _ = try self.insert(product, code: code, hash: hash)
            return .created
        }
        if existing.code != code { return .caseOfExisting(existing.code) }
        if existing.hash == hash { return .unchanged }
        _ = try self.insert(product, code: code, hash: hash)
        return .updated
    }

    /// Calls `body` with the rowid, code and content hash of the catalogue's product whose code is `code` in
    /// any letters, if there is one.
    private func lookUp(_ code: String, _ body: (Int64, String, String) -> Void) throws {
        try self.existing.start()
        try self.existing.bind(1, code)
        try self.existing.forEachRow { row in
            body(row.integer(0), row.text(1) ?? "", row.text(2) ?? "")
            return false
        }
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

    /// Inserts a product's row.
    private static let insertSQL = """
        INSERT INTO product (\(columns.joined(separator: ", ")))
        VALUES (\(Array(repeating: "?", count: columns.count).joined(separator: ", ")))
        """

    /// Inserts a product's row, or replaces every column but the code of the row with its code.
    private static let upsertSQL = """
        \(insertSQL)
        ON CONFLICT (code) DO UPDATE SET \(columns.dropFirst().map { "\($0) = excluded.\($0)" }.joined(separator: ", "))
        """

    /// Writes `product`'s row, with its producer and certificate, whose content hash is `hash`; `false` when the
    /// catalogue holds its code already (in any letters) and the row is not written.
    private func insert(_ product: Product, code: String, hash: String) throws -> Bool {
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
        return try statement.executeUnlessKeyTaken()
    }
}
