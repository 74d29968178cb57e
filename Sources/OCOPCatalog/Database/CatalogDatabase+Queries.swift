import Foundation
import GRDB

extension CatalogDatabase {
    private static let selectProducts = """
        SELECT product.*, producer.name AS producerName, producer.type AS producerType, producer.taxCode,
            producer.province, producer.commune, producer.legacyDistrict, producer.address, producer.phone,
            producer.email, certificate.star, certificate.decisionNumber, certificate.decisionDate,
            certificate.issuedBy, certificate.expires, certificate.status
        FROM product
        JOIN producer ON producer.key = product.producerKey
        JOIN certificate ON certificate.productCode = product.code
        """

    /// The number of products in the catalogue.
    public func productCount() throws(CatalogError) -> Int {
        try self.reading { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM product") ?? 0 }
    }

    /// The product with `code`, or `nil`.
    public func product(code: ProductCode) throws(CatalogError) -> Product? {
        try self.reading { db in
            try Row.fetchOne(db, sql: Self.selectProducts + " WHERE product.code = ?", arguments: [code.rawValue])
                .map(Self.product(from:))
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
                let rows = try Row.fetchCursor(
                    db,
                    sql: Self.selectProducts + " WHERE product.code IN (\(marks))",
                    arguments: StatementArguments(slice.map(\.rawValue))
                )
                while let row = try rows.next() {
                    let product = try Self.product(from: row)
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
            let rows = try Row.fetchCursor(db, sql: Self.selectProducts + " ORDER BY product.code")
            while let row = try rows.next() { try body(try Self.product(from: row)) }
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
        guard let members = JSONText.parseStringObject(text) else {
            throw CatalogError(.database, "the catalogue holds bad category overrides")
        }
        return Dictionary(
            uniqueKeysWithValues: members.compactMap { key, value in MarketplaceID(key).map { ($0, value) } }
        )
    }

    private static func product(from row: Row) throws -> Product {
        func corrupt(_ what: String) -> CatalogError {
            CatalogError(.database, "the catalogue holds a bad \(what) for \(row["code"] as String? ?? "?")")
        }
        func strings(_ column: String) throws -> [String]? {
            guard let text: String = row[column] else { return nil }
            guard let values = JSONText.parseStrings(text) else { throw corrupt(column) }
            return values
        }
        guard let code = ProductCode(row["code"]), let group = ProductGroup(rawValue: row["productGroup"]),
            let star = Star(rawValue: row["star"]), let decisionDate = CalendarDate(parsing: row["decisionDate"]),
            let expires = CalendarDate(parsing: row["expires"]),
            let status = Certificate.Status(rawValue: row["status"])
        else { throw corrupt("value") }
        let size: PackageSize? = {
            guard let length: Int = row["lengthMillimetres"], let width: Int = row["widthMillimetres"],
                let height: Int = row["heightMillimetres"]
            else { return nil }
            return PackageSize(lengthMillimetres: length, widthMillimetres: width, heightMillimetres: height)
        }()
        let producer = Producer(
            name: row["producerName"],
            type: (row["producerType"] as String?).flatMap(ProducerType.init(rawValue:)),
            taxCode: row["taxCode"],
            province: row["province"],
            commune: row["commune"],
            legacyDistrict: row["legacyDistrict"],
            address: row["address"],
            phone: row["phone"],
            email: row["email"]
        )
        return Product(
            code: code,
            name: row["name"],
            description: row["description"],
            group: group,
            subgroup: row["subgroup"],
            brand: row["brand"],
            price: VND(row["priceVND"]),
            salePrice: (row["salePriceVND"] as Int64?).map(VND.init),
            stock: row["stock"],
            netQuantity: (row["netQuantity"] as String?).flatMap(NetQuantity.init(parsing:)),
            weightGrams: row["weightGrams"],
            packageSize: size,
            gtin: (row["gtin"] as String?).flatMap(GTIN.init),
            mpn: row["mpn"],
            images: try strings("images") ?? [],
            link: row["link"],
            shelfLife: row["shelfLife"],
            ingredients: row["ingredients"],
            storage: row["storage"],
            marketplaces: try strings("marketplaces").map { Set($0.compactMap(MarketplaceID.init)) },
            categoryOverrides: try Self.categoryOverrides(row["categoryOverrides"]) ?? [:],
            certificate: Certificate(
                star: star,
                decisionNumber: row["decisionNumber"],
                decisionDate: decisionDate,
                issuedBy: row["issuedBy"],
                expires: expires,
                status: status
            ),
            producer: producer
        )
    }
}
