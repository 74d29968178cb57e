/// The producer (*chủ thể OCOP*) that owns a certified product.
public struct Producer: Hashable, Sendable, Codable {
    public var name: String
    public var type: ProducerType?
    /// 10 digits, or 10 digits, a dash and 3 digits for a branch (`0123456789-001`).
    public var taxCode: String?
    /// The province (two-level address since 1 July 2025).
    public var province: String
    /// The commune or ward.
    public var commune: String?
    /// The district, kept for certificates issued before 1 July 2025.
    public var legacyDistrict: String?
    public var address: String?
    public var phone: String?
    public var email: String?

    /// Creates a producer.
    public init(
        name: String,
        type: ProducerType? = nil,
        taxCode: String? = nil,
        province: String,
        commune: String? = nil,
        legacyDistrict: String? = nil,
        address: String? = nil,
        phone: String? = nil,
        email: String? = nil
    ) {
        self.name = name
        self.type = type
        self.taxCode = taxCode
        self.province = province
        self.commune = commune
        self.legacyDistrict = legacyDistrict
        self.address = address
        self.phone = phone
        self.email = email
    }

    /// Whether `text` is a Vietnamese tax code: 10 digits, 13 digits, or 10 digits, `-`, 3 digits.
    public static func isValidTaxCode(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        let isDigit: (UInt8) -> Bool = { (48...57).contains($0) }
        switch bytes.count {
        case 10, 13: return bytes.allSatisfy(isDigit)
        case 14:
            return bytes[10] == UInt8(ascii: "-") && bytes[..<10].allSatisfy(isDigit)
                && bytes[11...].allSatisfy(isDigit)
        default: return false
        }
    }
}
