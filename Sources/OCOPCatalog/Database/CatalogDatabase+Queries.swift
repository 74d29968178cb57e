import Foundation
import GRDB

extension CatalogDatabase {
    /// A product is one row: its producer and certificate are columns of it (migration v8).
    private static let selectProducts = "SELECT * FROM product"

    /// The number of products in the catalogue.
    public func productCount() throws(CatalogError) -> Int {
        try self.reading { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM product") ?? 0 }
    }

    /// The product with `code`, or `nil`.
    public func product(code: ProductCode) throws(CatalogError) -> Product? {
        try self.reading { db in
            try Row.fetchOne(db, sql: Self.selectProducts + " WHERE product.code = ?", arguments: [code.rawValue])
                .map { row in try Self.product(from: row, columns: ProductColumns(Array(row.columnNames))) }
        }
    }

    /// The products with `codes` (those that exist), read in one transaction, by code.
    public func products(codes: [ProductCode]) throws(CatalogError) -> [ProductCode: Product] {
        guard !codes.isEmpty else { return [:] }
        return try self.reading { db in
            var products: [ProductCode: Product] = [:]
            for chunk in stride(from: 0, to: codes.count, by: 500) {  // SQLite's limit on bound arguments
                let slice = codes[chunk..<min(chunk + 500, codes.count)]
                let marks = Array(repeating: "?", count: slice.count).joined(separator: ",")
                let statement = try db.makeStatement(sql: Self.selectProducts + " WHERE product.code IN (\(marks))")
                let columns = try ProductColumns(statement.columnNames)
                let rows = try Row.fetchCursor(statement, arguments: StatementArguments(slice.map(\.rawValue)))
                while let row = try rows.next() {
                    let product = try Self.product(from: row, columns: columns)
                    products[product.code] = product
                }
            }
            return products
        }
    }

    /// Calls `body` with every product in code order, streaming from one read: memory does not grow with
    /// the catalogue.
    public func forEachProduct(_ body: (Product) throws -> Void) throws {
        try self.reading { db in
            let statement = try db.makeStatement(sql: Self.selectProducts + " ORDER BY product.code")
            let columns = try ProductColumns(statement.columnNames)
            let rows = try Row.fetchCursor(statement)
            while let row = try rows.next() { try body(try Self.product(from: row, columns: columns)) }
        }
    }

    /// The content hash recorded for `code` at import, or `nil` when there is no such product.
    public func contentHash(code: ProductCode) throws(CatalogError) -> String? {
        try self.reading { db in
            try String.fetchOne(db, sql: "SELECT contentHash FROM product WHERE code = ?", arguments: [code.rawValue])
        }
    }

    private func reading<T>(_ body: (Database) throws -> T) throws(CatalogError) -> T {
        do {
            return try self.writer.read(body)
        } catch let error as CatalogError {
            throw error
        } catch {
            throw CatalogError(.database, "could not read the catalogue: \(Self.describe(error))")
        }
    }

    private static func categoryOverrides(_ text: String?) throws -> [MarketplaceID: String]? {
        guard let text else { return nil }
        if text == "{}" { return [:] }  // none, as nearly every row says: nothing to parse
        guard let members = JSONText.parseStringObject(text) else {
            throw CatalogError(.database, "the catalogue holds bad category overrides")
        }
        return Dictionary(
            uniqueKeysWithValues: members.compactMap { key, value in MarketplaceID(key).map { ($0, value) } }
        )
    }

    private static func product(from row: Row, columns: ProductColumns) throws -> Product {
        func corrupt(_ what: String) -> CatalogError {
            CatalogError(.database, "the catalogue holds a bad \(what) for \(row[columns.code] as String? ?? "?")")
        }
        func strings(_ column: String, at index: Int) throws -> [String]? {
            guard let text: String = row[index] else { return nil }
            guard let values = JSONText.parseStrings(text) else { throw corrupt(column) }
            return values
        }
        guard let code = ProductCode(row[columns.code]), let group = ProductGroup(rawValue: row[columns.productGroup]),
            let star = Star(rawValue: row[columns.star]),
            let decisionDate = CalendarDate(parsing: row[columns.decisionDate]),
            let expires = CalendarDate(parsing: row[columns.expires]),
            let status = Certificate.Status(rawValue: row[columns.status])
        else { throw corrupt("value") }
        let size: PackageSize? = {
            guard let length: Int = row[columns.lengthMillimetres], let width: Int = row[columns.widthMillimetres],
                let height: Int = row[columns.heightMillimetres]
            else { return nil }
            return PackageSize(lengthMillimetres: length, widthMillimetres: width, heightMillimetres: height)
        }()
        let producer = Producer(
            name: row[columns.producerName],
            type: (row[columns.producerType] as String?).flatMap(ProducerType.init(rawValue:)),
            taxCode: row[columns.taxCode],
            province: row[columns.province],
            commune: row[columns.commune],
            legacyDistrict: row[columns.legacyDistrict],
            address: row[columns.address],
            phone: row[columns.phone],
            email: row[columns.email]
        )
        return Product(
            code: code,
            name: row[columns.name],
            description: row[columns.description],
            group: group,
            subgroup: row[columns.subgroup],
            brand: row[columns.brand],
            price: VND(row[columns.priceVND]),
            salePrice: (row[columns.salePriceVND] as Int64?).map(VND.init),
            stock: row[columns.stock],
            netQuantity: (row[columns.netQuantity] as String?).flatMap(NetQuantity.init(parsing:)),
            weightGrams: row[columns.weightGrams],
            packageSize: size,
            gtin: (row[columns.gtin] as String?).flatMap(GTIN.init),
            mpn: row[columns.mpn],
            images: try strings("images", at: columns.images) ?? [],
            link: row[columns.link],
            shelfLife: row[columns.shelfLife],
            ingredients: row[columns.ingredients],
            storage: row[columns.storage],
            marketplaces: try strings("marketplaces", at: columns.marketplaces).map {
                Set($0.compactMap(MarketplaceID.init))
            },
            categoryOverrides: try Self.categoryOverrides(row[columns.categoryOverrides]) ?? [:],
            certificate: Certificate(
                star: star,
                decisionNumber: row[columns.decisionNumber],
                decisionDate: decisionDate,
                issuedBy: row[columns.issuedBy],
                expires: expires,
                status: status
            ),
            producer: producer
        )
    }
}
