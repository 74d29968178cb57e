import Foundation
import Testing

@testable import OCOPCatalog

/// The content hash's bytes are written through a pointer, numbers digit by digit: they must stay exactly
/// the bytes the first implementation gathered (string by string), or every stored hash would change.
@Suite struct CanonicalDigestTests {
    @Test(arguments: Self.products)
    func theBytesAreTheOnesTheStringsGave(product: Product) {
        #expect(product.canonicalDigest().bytes == ReferenceDigest.bytes(of: product))
    }

    @Test func aKnownProductKeepsItsHash() throws {
        // SHA-256 of this product's fields as the format writes them, computed apart from this code.
        let product = try #require(Self.products.first)
        #expect(product.contentHash == "3483f39dc6e57410916d63d50c4dc0d5b4c85a3f5b16b28cd7c23e1e6258e6dc")
    }

    static let products: [Product] = {
        let producer = Producer(name: "Hợp tác xã Cà phê Ea Tu", type: .cooperative, province: "Đắk Lắk")
        let fullProducer = Producer(
            name: "Hộ kinh doanh Trần Văn Thuận",
            type: .household,
            taxCode: "6000000003",
            province: "Đắk Lắk",
            commune: "Xã Ea Súp",
            legacyDistrict: "Huyện Ea Súp",
            address: "12 Lê Duẩn",
            phone: "02626334669",
            email: "a@b.vn"
        )
        func date(_ year: Int, _ month: Int, _ day: Int) -> CalendarDate {
            CalendarDate(year: year, month: month, day: day) ?? .first
        }
        let certificate = Certificate(
            star: .four,
            decisionNumber: "2676/QĐ-UBND",
            decisionDate: date(2023, 3, 9),
            issuedBy: "UBND tỉnh Đắk Lắk"
        )
        let base = Product(
            code: ProductCode("DL-1") ?? ProductCode("X")!,
            name: "Cà phê hạt rang mộc 1 kg",
            group: .food,
            price: VND(540_000),
            images: ["https://cdn.example.vn/a.jpg"],
            certificate: certificate,
            producer: producer
        )
        var products = [base]
        var full = base
        full.description = "Mô tả, dài hơn mười lăm byte"
        full.subgroup = "cà phê"
        full.brand = "Hưng Thịnh"
        full.salePrice = VND(99_000)
        full.stock = 0
        full.netQuantity = NetQuantity(parsing: "1 kg")
        full.weightGrams = 1585
        full.packageSize = PackageSize(lengthMillimetres: 200, widthMillimetres: 5, heightMillimetres: 1_234_567)
        full.gtin = GTIN("8932695142647")
        full.mpn = "MPN-1"
        full.images = ["https://cdn.example.vn/a.jpg", "http://x.vn/b%20c.png", ""]
        full.link = "https://shop.example.vn/p/1"
        full.shelfLife = "12 tháng"
        full.ingredients = "Cà phê"
        full.storage = "Nơi khô ráo, thoáng mát"
        full.marketplaces = [MarketplaceID("shopee")!, MarketplaceID("lazada")!, MarketplaceID("tiki")!]
        full.categoryOverrides = [MarketplaceID("tiki")!: "123", MarketplaceID("shopee")!: "ăn uống"]
        full.certificate = Certificate(
            star: .five,
            decisionNumber: "1",
            decisionDate: date(2018, 1, 1),
            issuedBy: "Bộ NN&PTNT",
            expires: date(2027, 12, 31),
            status: .revoked
        )
        full.producer = fullProducer
        products.append(full)
        for quantity in ["0,5 kg", "0.125 l", "1,25 lít", "10.05 g", "2.100 g", "1000 ml", "0,001 kg", "7 hộp"] {
            var product = full
            product.netQuantity = NetQuantity(parsing: quantity)
            products.append(product)
        }
        for (length, width, height) in [(0, 0, 0), (-5, 10, -1_000), (Int.max, Int.min, 9)] {
            var product = full
            product.packageSize = PackageSize(
                lengthMillimetres: length,
                widthMillimetres: width,
                heightMillimetres: height
            )
            product.stock = length
            product.weightGrams = width
            products.append(product)
        }
        for amount: Int64 in [0, 1, 9, 10, 99, 100, 1_000_000_000_000, -1, -10, Int64.max, Int64.min] {
            var product = full
            product.price = VND(amount)
            product.salePrice = VND(amount == Int64.min ? 0 : -amount)
            products.append(product)
        }
        var empty = full
        empty.images = []
        empty.marketplaces = []
        products.append(empty)
        return products
    }()
}

/// The content hash's bytes as the first implementation gathered them: every value made a string first.
private enum ReferenceDigest {
    static func bytes(of product: Product) -> [UInt8] {
        var digest = Writer()
        digest.add("code", product.code.rawValue)
        digest.add("name", product.name)
        digest.add("description", product.description)
        digest.add("group", product.group.rawValue)
        digest.add("subgroup", product.subgroup)
        digest.add("brand", product.brand)
        digest.add("price", String(product.price.amount))
        digest.add("salePrice", product.salePrice.map { String($0.amount) })
        digest.add("stock", product.stock.map(String.init))
        digest.add("netQuantity", product.netQuantity?.description)
        digest.add("weightGrams", product.weightGrams.map(String.init))
        digest.add(
            "packageSize",
            product.packageSize.map { "\($0.lengthMillimetres)x\($0.widthMillimetres)x\($0.heightMillimetres)" }
        )
        digest.add("gtin", product.gtin?.rawValue)
        digest.add("mpn", product.mpn)
        digest.add("images", product.images)
        digest.add("link", product.link)
        digest.add("shelfLife", product.shelfLife)
        digest.add("ingredients", product.ingredients)
        digest.add("storage", product.storage)
        digest.add("marketplaces", product.marketplaces.map { $0.map(\.rawValue).sorted() })
        digest.add(
            "categoryOverrides",
            product.categoryOverrides.sorted { $0.key < $1.key }.flatMap { [$0.key.rawValue, $0.value] }
        )
        let certificate = product.certificate
        digest.add("certificate.star", String(certificate.star.rawValue))
        digest.add("certificate.decisionNumber", certificate.decisionNumber)
        digest.add("certificate.decisionDate", certificate.decisionDate.description)
        digest.add("certificate.issuedBy", certificate.issuedBy)
        digest.add("certificate.expires", certificate.expires.description)
        digest.add("certificate.status", certificate.status.rawValue)
        let producer = product.producer
        digest.add("producer.name", producer.name)
        digest.add("producer.type", producer.type?.rawValue)
        digest.add("producer.taxCode", producer.taxCode)
        digest.add("producer.province", producer.province)
        digest.add("producer.commune", producer.commune)
        digest.add("producer.legacyDistrict", producer.legacyDistrict)
        digest.add("producer.address", producer.address)
        digest.add("producer.phone", producer.phone)
        digest.add("producer.email", producer.email)
        return digest.buffer
    }

    struct Writer {
        var buffer: [UInt8] = []

        mutating func add(_ name: String, _ value: String?) {
            self.bytes(name)
            if let value {
                self.buffer.append(1)
                self.bytes(value)
            } else {
                self.buffer.append(0)
            }
        }

        mutating func add(_ name: String, _ values: [String]?) {
            self.add(name, values.map { String($0.count) })
            for value in values ?? [] { self.bytes(value) }
        }

        mutating func bytes(_ text: String) {
            let length = UInt32(text.utf8.count)
            self.buffer += [0, 8, 16, 24].map { UInt8(truncatingIfNeeded: length >> $0) }
            self.buffer += Array(text.utf8)
        }
    }
}
