/// The six OCOP product groups of Decision 148/QĐ-TTg.
public enum ProductGroup: String, Hashable, Sendable, Codable, CaseIterable {
    case food
    case drinks
    case herbs
    case handicrafts
    case ornamental
    case tourism

    /// The group's name in provincial lists.
    public var vietnameseName: String {
        switch self {
        case .food: "Thực phẩm"
        case .drinks: "Đồ uống"
        case .herbs: "Thảo dược"
        case .handicrafts: "Thủ công mỹ nghệ"
        case .ornamental: "Sinh vật cảnh"
        case .tourism: "Dịch vụ du lịch"
        }
    }

    /// Whether products of this group are goods that can be shipped; tourism services are not.
    public var isPhysicalGood: Bool { self != .tourism }

    /// Accepts the English id or the exact Vietnamese name.
    public init?(spelling: String) {
        // Any case, with or without accents, as the headings are: `thực phẩm`, `THU HOI`.
        guard let group = Self.spellings.value(for: spelling) else { return nil }
        self = group
    }

    private static let spellings = SpellingTable(Self.allCases.map { ($0, [$0.rawValue, $0.vietnameseName]) })
}
