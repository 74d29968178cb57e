/// The legal form of a producer (*chủ thể OCOP*).
public enum ProducerType: String, Hashable, Sendable, Codable, CaseIterable {
    case enterprise
    case cooperative
    case cooperativeGroup = "cooperative_group"
    case household

    /// The form's name in provincial lists.
    public var vietnameseName: String {
        switch self {
        case .enterprise: "Doanh nghiệp"
        case .cooperative: "Hợp tác xã"
        case .cooperativeGroup: "Tổ hợp tác"
        case .household: "Hộ kinh doanh"
        }
    }

    /// Accepts the English id or the exact Vietnamese name.
    public init?(spelling: String) {
        // Any case, with or without accents, as the headings are: `thực phẩm`, `THU HOI`.
        guard let type = Self.spellings.value(for: spelling) else { return nil }
        self = type
    }

    private static let spellings = SpellingTable(Self.allCases.map { ($0, [$0.rawValue, $0.vietnameseName]) })
}
