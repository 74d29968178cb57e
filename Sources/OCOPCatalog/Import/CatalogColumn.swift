/// A column of the catalogue input (DESIGN §4), recognised by its English name or its Vietnamese heading.
///
/// Headings are matched leniently (case, accents, spacing and punctuation are forgiven); values are not.
public enum CatalogColumn: String, Hashable, Sendable, CaseIterable {
    case code, name, description, group, subgroup, star
    case decisionNumber = "decision_number"
    case decisionDate = "decision_date"
    case issuedBy = "issued_by"
    case expires
    case certificateStatus = "certificate_status"
    case producer
    case producerType = "producer_type"
    case taxCode = "tax_code"
    case province, commune, district, address, phone, email, brand, price
    case salePrice = "sale_price"
    case stock
    case netQuantity = "net_quantity"
    case weightGrams = "weight_grams"
    case lengthCm = "length_cm"
    case widthCm = "width_cm"
    case heightCm = "height_cm"
    case gtin, mpn, images, link
    case shelfLife = "shelf_life"
    case ingredients, storage, marketplaces

    /// The columns a row cannot do without.
    /// Whether `names` (a line's cells) name every required column: what marks the heading row of a sheet
    /// with title lines above it.
    static func namesEveryRequiredColumn(_ names: [String], marketplaces: [MarketplaceID]) -> Bool {
        Self.requiredColumnsNamed(names, marketplaces: marketplaces) == Self.required.count
    }

    /// How many of the required columns `names` name: a line naming most of them is a heading row with a
    /// column missing or misspelt, whose own problems are worth reporting.
    static func requiredColumnsNamed(_ names: [String], marketplaces: [MarketplaceID]) -> Int {
        let found = Set(names.compactMap { Self.recognise($0.trimmingSpaces, marketplaces: marketplaces) })
        return Self.required.count { found.contains(.column($0)) }
    }

    /// A line that names at least this many required columns is taken for a heading row with mistakes.
    static let headingLikeness = 3

    public static let required: [CatalogColumn] = [
        .code, .name, .group, .star, .decisionNumber, .decisionDate, .producer, .province, .price, .images,
    ]

    /// The headings provincial lists use, first the one we write.
    public var vietnameseHeadings: [String] {
        switch self {
        case .code: ["Mã sản phẩm"]
        case .name: ["Tên sản phẩm"]
        case .description: ["Mô tả"]
        case .group: ["Nhóm sản phẩm"]
        case .subgroup: ["Phân nhóm"]
        case .star: ["Hạng sao", "Số sao"]
        case .decisionNumber: ["Số quyết định"]
        case .decisionDate: ["Ngày quyết định"]
        case .issuedBy: ["Cơ quan công nhận"]
        case .expires: ["Ngày hết hạn"]
        case .certificateStatus: ["Tình trạng"]
        case .producer: ["Chủ thể"]
        case .producerType: ["Loại hình chủ thể"]
        case .taxCode: ["Mã số thuế"]
        case .province: ["Tỉnh"]
        case .commune: ["Xã/Phường", "Xã", "Phường"]
        case .district: ["Huyện (cũ)", "Huyện"]
        case .address: ["Địa chỉ"]
        case .phone: ["Điện thoại"]
        case .email: ["Email", "Thư điện tử"]
        case .brand: ["Thương hiệu"]
        case .price: ["Giá"]
        case .salePrice: ["Giá khuyến mãi"]
        case .stock: ["Tồn kho"]
        case .netQuantity: ["Quy cách"]
        case .weightGrams: ["Khối lượng (g)"]
        case .lengthCm: ["Dài (cm)", "Chiều dài (cm)"]
        case .widthCm: ["Rộng (cm)", "Chiều rộng (cm)"]
        case .heightCm: ["Cao (cm)", "Chiều cao (cm)"]
        case .gtin: ["Mã vạch"]
        case .mpn: ["Mã nhà sản xuất"]
        case .images: ["Hình ảnh"]
        case .link: ["Đường dẫn"]
        case .shelfLife: ["Hạn sử dụng"]
        case .ingredients: ["Thành phần"]
        case .storage: ["Bảo quản"]
        case .marketplaces: ["Sàn"]
        }
    }

    /// What a heading names: a column, or a per-marketplace category override (`<marketplace>_category`).
    public enum Heading: Hashable, Sendable {
        case column(CatalogColumn)
        case categoryOverride(MarketplaceID)
    }

    private static let byFoldedHeading: [String: CatalogColumn] = {
        var table: [String: CatalogColumn] = [:]
        for column in CatalogColumn.allCases {
            for heading in [column.rawValue] + column.vietnameseHeadings {
                table[heading.foldedHeading] = column
            }
        }
        return table
    }()

    /// Recognises a heading; `nil` when it names nothing we know. A category override must name one of
    /// `marketplaces` (any well-formed id when empty).
    public static func recognise(_ heading: String, marketplaces: [MarketplaceID] = []) -> Heading? {
        let trimmed = heading.trimmingSpaces.lowercased()
        if trimmed.hasSuffix("_category"), let marketplace = MarketplaceID(String(trimmed.dropLast(9))),
            marketplaces.isEmpty || marketplaces.contains(marketplace)
        {
            return .categoryOverride(marketplace)
        }
        return Self.byFoldedHeading[heading.nfc.foldedHeading].map(Heading.column)
    }
}

extension CatalogColumn {
    /// The column's place among ``allCases``, by which a row keeps its values: a raw-value enum hashes and compares
    /// its name, and every row looks its columns up dozens of times.
    var ordinal: Int {
        switch self {
        case .code: 0
        case .name: 1
        case .description: 2
        case .group: 3
        case .subgroup: 4
        case .star: 5
        case .decisionNumber: 6
        case .decisionDate: 7
        case .issuedBy: 8
        case .expires: 9
        case .certificateStatus: 10
        case .producer: 11
        case .producerType: 12
        case .taxCode: 13
        case .province: 14
        case .commune: 15
        case .district: 16
        case .address: 17
        case .phone: 18
        case .email: 19
        case .brand: 20
        case .price: 21
        case .salePrice: 22
        case .stock: 23
        case .netQuantity: 24
        case .weightGrams: 25
        case .lengthCm: 26
        case .widthCm: 27
        case .heightCm: 28
        case .gtin: 29
        case .mpn: 30
        case .images: 31
        case .link: 32
        case .shelfLife: 33
        case .ingredients: 34
        case .storage: 35
        case .marketplaces: 36
        }
    }
}
