public import Foundation
import Groundwork

/// Writes a synthetic catalogue CSV for benchmarks: realistic Vietnamese names, producers, prices, stars and
/// expiries, deterministic for a seed, streamed to the file so that a million rows take no more memory
/// than ten.
public struct CatalogGenerator: Sendable {
    /// The seed; the same seed and count always give the same bytes.
    public var seed: UInt64

    /// Creates a generator.
    public init(seed: UInt64) {
        self.seed = seed
    }

    private static let header = [
        "code", "name", "description", "group", "subgroup", "star", "decision_number", "decision_date",
        "certificate_status", "producer", "producer_type", "tax_code", "province", "commune", "district",
        "phone", "price", "sale_price", "stock", "net_quantity", "weight_grams", "length_cm", "width_cm",
        "height_cm", "gtin", "images", "shelf_life", "storage",
    ]

    private struct Kind {
        var name: String
        var group: ProductGroup
        var subgroup: String
        var sizes: [String]
        var priceRange: ClosedRange<Int64>
    }

    private static let kinds: [Kind] = [
        Kind(
            name: "Cà phê bột",
            group: .food,
            subgroup: "cà phê",
            sizes: ["250 g", "500 g", "1 kg"],
            priceRange: 80...450
        ),
        Kind(
            name: "Cà phê hạt rang mộc",
            group: .food,
            subgroup: "cà phê",
            sizes: ["500 g", "1 kg"],
            priceRange: 150...600
        ),
        Kind(name: "Cà phê chồn", group: .food, subgroup: "cà phê", sizes: ["250 g", "500 g"], priceRange: 500...3000),
        Kind(
            name: "Hạt mắc ca sấy nứt vỏ",
            group: .food,
            subgroup: "hạt mắc ca",
            sizes: ["500 g", "1 kg"],
            priceRange: 180...450
        ),
        Kind(
            name: "Mật ong hoa cà phê",
            group: .food,
            subgroup: "mật ong",
            sizes: ["500 ml", "1 l"],
            priceRange: 120...350
        ),
        Kind(
            name: "Tiêu đen",
            group: .food,
            subgroup: "hạt tiêu",
            sizes: ["100 g", "250 g", "500 g"],
            priceRange: 40...220
        ),
        Kind(
            name: "Sô cô la đen 70%",
            group: .food,
            subgroup: "ca cao",
            sizes: ["50 g", "100 g"],
            priceRange: 45...180
        ),
        Kind(
            name: "Sầu riêng sấy giòn",
            group: .food,
            subgroup: "sầu riêng",
            sizes: ["100 g", "250 g"],
            priceRange: 90...320
        ),
        Kind(name: "Gạo thơm đặc sản", group: .food, subgroup: "gạo", sizes: ["2 kg", "5 kg"], priceRange: 60...220),
        Kind(
            name: "Yến sào tinh chế",
            group: .food,
            subgroup: "yến sào",
            sizes: ["50 g", "100 g"],
            priceRange: 1500...6000
        ),
        Kind(name: "Trà mãng cầu", group: .drinks, subgroup: "trà", sizes: ["100 g", "200 g"], priceRange: 60...200),
        Kind(name: "Rượu cần", group: .drinks, subgroup: "rượu", sizes: ["2 l", "5 l"], priceRange: 150...600),
        Kind(
            name: "Cao linh chi",
            group: .herbs,
            subgroup: "dược liệu",
            sizes: ["100 g", "250 g"],
            priceRange: 250...1200
        ),
        Kind(
            name: "Tinh dầu sả chanh",
            group: .herbs,
            subgroup: "tinh dầu",
            sizes: ["10 ml", "50 ml"],
            priceRange: 45...250
        ),
        Kind(
            name: "Khăn thổ cẩm dệt tay",
            group: .handicrafts,
            subgroup: "thổ cẩm",
            sizes: ["1 chiếc"],
            priceRange: 180...900
        ),
        Kind(name: "Lan hồ điệp", group: .ornamental, subgroup: "hoa lan", sizes: ["1 chậu"], priceRange: 250...1500),
    ]

    private static let places = [
        ("Buôn Ma Thuột", "Phường Tân Tiến", "Thành phố Buôn Ma Thuột"),
        ("Krông Pắc", "Xã Krông Pắc", "Huyện Krông Pắc"),
        ("Ea H'leo", "Xã Ea H'leo", "Huyện Ea H'leo"), ("Krông Năng", "Xã Krông Năng", "Huyện Krông Năng"),
        ("Cư M'gar", "Xã Cư M'gar", "Huyện Cư M'gar"), ("Krông Ana", "Xã Krông Ana", "Huyện Krông Ana"),
        ("Lắk", "Xã Liên Sơn Lắk", "Huyện Lắk"), ("Tuy Hòa", "Phường Tuy Hòa", "Thành phố Tuy Hòa"),
        ("Buôn Đôn", "Xã Buôn Đôn", "Huyện Buôn Đôn"), ("Ea Súp", "Xã Ea Súp", "Huyện Ea Súp"),
    ]
    private static let producerWords = [
        "Hưng Thịnh", "Phước Lộc", "Tây Nguyên Xanh", "Đại Ngàn", "Ea Tu", "Nguyên Phương", "Kim Long", "An Phú",
        "Hoàng Gia", "Thành Đạt", "Việt Mộc", "Bình Minh", "Sơn Trà", "Hồng Lam", "Trường Sơn", "Công Bằng",
    ]
    private static let familyNames = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Y", "H'", "Võ", "Đặng", "Bùi"]
    private static let givenNames = [
        "Văn Thuận", "Thị Hoa", "Minh Tâm", "Đức Anh", "Thị Lan", "Bhiăl", "Niê", "Quốc Huy",
    ]

    /// Writes `count` products to `url` (through a temporary file renamed into place), calling `progress`
    /// every 100,000 rows.
    public func write(count: Int, to url: URL, progress: ((Int) -> Void)? = nil) throws(CatalogError) {
        let temporary = url.deletingLastPathComponent()
            .appending(path: ".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
        guard FileManager.default.createFile(atPath: temporary.path, contents: nil),
            let handle = FileHandle(forWritingAtPath: temporary.path)
        else {
            throw CatalogError(.unreadableFile, "\(url.path): cannot write here")
        }
        var random = SplitMix64(seed: self.seed)
        var buffer: [UInt8] = []
        buffer.reserveCapacity(1 << 17)
        do {
            buffer.append(contentsOf: (Self.header.joined(separator: ",") + "\n").utf8)
            for index in 0..<count {
                Self.appendRow(index: index, random: &random, to: &buffer)
                if buffer.count >= 1 << 16 {
                    try handle.write(contentsOf: buffer)
                    buffer.removeAll(keepingCapacity: true)
                }
                if (index + 1).isMultiple(of: 100_000) { progress?(index + 1) }
            }
            try handle.write(contentsOf: buffer)
            try handle.close()
            _ = try? FileManager.default.removeItem(at: url)
            try FileManager.default.moveItem(at: temporary, to: url)
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw CatalogError(.unreadableFile, "\(url.path): cannot write: \(error.localizedDescription)")
        }
    }

    private static func appendRow(index: Int, random: inout SplitMix64, to buffer: inout [UInt8]) {
        func pick<T>(_ values: [T]) -> T { values[Int(random.next() % UInt64(values.count))] }
        let kind = pick(Self.kinds)
        let place = pick(Self.places)
        let producerNumber = Int(random.next() % UInt64(max(1, index / 20 + 1)))
        let producerType = pick(ProducerType.allCases)
        let word = Self.producerWords[producerNumber % Self.producerWords.count]
        let producer: String
        switch producerType {
        case .enterprise: producer = "Công ty TNHH \(word) \(producerNumber)"
        case .cooperative: producer = "HTX Nông nghiệp \(word) \(producerNumber)"
        case .cooperativeGroup: producer = "Tổ hợp tác \(word) \(producerNumber)"
        case .household: producer = "Hộ kinh doanh \(pick(Self.familyNames)) \(pick(Self.givenNames)) \(producerNumber)"
        }
        let size = pick(kind.sizes)
        let roll = random.next() % 100
        let star = roll < 70 ? 3 : roll < 97 ? 4 : 5
        // Decisions from 2022 to late 2026: some certificates have expired, a few are about to.
        let decision = CalendarDate(year: 2022, month: 1, day: 1)!.adding(months: Int(random.next() % 58))
        let decisionDay = CalendarDate(year: decision.year, month: decision.month, day: 1 + Int(random.next() % 28))!
        let revoked = random.next() % 50 == 0
        let price = (kind.priceRange.lowerBound + Int64(random.next() % UInt64(kind.priceRange.count))) * 1000
        let salePrice = random.next() % 5 == 0 ? String(price * 9 / 10 / 1000 * 1000) : ""
        let code = "DL-\(String(index + 1))"
        var gtinDigits = [8, 9, 3] + (0..<9).map { _ in Int(random.next() % 10) }
        gtinDigits.append(GTIN.checkDigit(for: gtinDigits))
        let weight = 100 + Int(random.next() % 2000)
        let fields: [String] = [
            code,
            "\(kind.name) \(word) \(size)",
            "\(kind.name) từ \(place.0), Đắk Lắk. Sản phẩm OCOP \(star) sao, đóng gói \(size).",
            kind.group.rawValue,
            kind.subgroup,
            String(star),
            "\(1000 + random.next() % 3000)/QĐ-UBND",
            index.isMultiple(of: 2) ? decisionDay.description : Self.vietnameseDate(decisionDay),
            revoked ? "revoked" : "active",
            producer,
            producerType.rawValue,
            String(6_000_000_000 + producerNumber * 4 + ProducerType.allCases.firstIndex(of: producerType)!),
            "Đắk Lắk",
            place.1,
            place.2,
            "0262\(String(1_000_000 + random.next() % 8_999_999))",
            index.isMultiple(of: 3) ? Self.dotted(price) : String(price),
            salePrice,
            String(random.next() % 500),
            size,
            String(weight),
            "20", "12", "8",
            gtinDigits.map(String.init).joined(),
            "https://cdn.ocop.example.vn/images/\(code)-1.jpg|https://cdn.ocop.example.vn/images/\(code)-2.jpg",
            "12 tháng",
            "Nơi khô ráo, thoáng mát",
        ]
        for (offset, field) in fields.enumerated() {
            if offset > 0 { buffer.append(UInt8(ascii: ",")) }
            CSVField.append(field, to: &buffer)
        }
        buffer.append(10)
    }

    private static func vietnameseDate(_ date: CalendarDate) -> String {
        let text = date.description
        return "\(text.suffix(2))/\(text.dropFirst(5).prefix(2))/\(text.prefix(4))"
    }

    private static func dotted(_ amount: Int64) -> String {
        VND(amount).description.replacingOccurrences(of: " ₫", with: "")
    }
}
