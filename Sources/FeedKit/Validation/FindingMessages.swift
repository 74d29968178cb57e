import Groundwork
import OCOPCatalog

/// The message catalogue of validation: what each broken rule says, in English and Vietnamese side by side.
/// A rule whose mapping names the catalogue column that fills it (`column: length_cm`) says it in the person's
/// words: `Lazada cần Dài (cm) (package_length)`.
struct FindingMessages {
    /// The marketplace as people call it (`Lazada`).
    let marketplace: String
    /// The attribute, in the marketplace's words (`package_length`).
    let attribute: String
    /// The catalogue column that fills it, when one does.
    let column: CatalogColumn?

    /// The attribute as each language names it: `package_length`, and `Dài (cm) (package_length)`.
    private var subject: LocalizedText {
        LocalizedText(
            en: self.attribute,
            vi: self.column.map { "\($0.vietnameseHeadings[0]) (\(self.attribute))" } ?? self.attribute
        )
    }

    var required: LocalizedText {
        guard let column = self.column else {
            return LocalizedText(
                en: "\(self.attribute) is required",
                vi: "\(self.marketplace) cần \(self.attribute)"
            )
        }
        return LocalizedText(
            en: "\(self.attribute) is required"
                + (column.rawValue == self.attribute ? "" : " (from \(column.rawValue))"),
            vi: "\(self.marketplace) cần \(column.vietnameseHeadings[0]) (\(self.attribute))"
        )
    }

    func tooMany(_ count: Int, most: Int) -> LocalizedText {
        LocalizedText(
            en: "\(self.attribute) has \(count) values; at most \(most) are allowed",
            vi: "\(self.subject.vietnamese) có \(count) giá trị; \(self.marketplace) nhận tối đa \(most)"
        )
    }

    func tooShort(_ length: Int, least: Int) -> LocalizedText {
        LocalizedText(
            en: "\(self.attribute) is \(length) characters; at least \(least) are needed",
            vi: "\(self.subject.vietnamese) có \(length) ký tự; \(self.marketplace) cần ít nhất \(least)"
        )
    }

    func tooLong(_ length: Int, most: Int) -> LocalizedText {
        LocalizedText(
            en: "\(self.attribute) is \(length) characters; at most \(most) are allowed",
            vi: "\(self.subject.vietnamese) có \(length) ký tự; \(self.marketplace) nhận tối đa \(most)"
        )
    }

    func notAllowed(_ value: String, allowed: [String]) -> LocalizedText {
        LocalizedText(
            en: "\(self.attribute) \"\(value)\" is not one of \(allowed.joined(separator: ", "))",
            vi: "\(self.subject.vietnamese) \"\(value)\" không nằm trong các giá trị \(self.marketplace) chấp nhận: "
                + allowed.joined(separator: ", ")
        )
    }

    func mismatch(_ value: String, pattern: String) -> LocalizedText {
        LocalizedText(
            en: "\(self.attribute) \"\(value)\" does not match \(pattern)",
            vi: "\(self.subject.vietnamese) \"\(value)\" không đúng dạng \(self.marketplace) nhận (\(pattern))"
        )
    }

    func badFormat(_ value: String, _ format: ValueFormat, problem: String) -> LocalizedText {
        LocalizedText(
            en: "\(self.attribute) \"\(value)\" \(problem)",
            vi: "\(self.subject.vietnamese) \"\(value)\" không đúng định dạng \(format.vietnameseName)"
        )
    }

    // MARK: Checks across attributes

    static let identifierExists = LocalizedText(
        en: "there is neither gtin nor mpn, so identifier_exists must be \"no\"",
        vi: "không có Mã vạch (gtin) hay Mã nhà sản xuất (mpn), nên identifier_exists phải là \"no\""
    )

    static func saleNotBelowPrice(_ sale: String, _ price: String) -> LocalizedText {
        LocalizedText(
            en: "sale_price \(sale) must be below price \(price), in the same currency",
            vi: "Giá khuyến mãi \(sale) phải thấp hơn Giá \(price), cùng đơn vị tiền"
        )
    }

    static let descriptionRepeatsTitle = LocalizedText(
        en: "description only repeats the title",
        vi: "Mô tả chỉ lặp lại tên sản phẩm; hãy viết mô tả riêng"
    )

    static let brandOrIdentifier = LocalizedText(
        en: "brand is required when there is neither gtin nor mpn",
        vi: "cần Thương hiệu (brand) khi không có Mã vạch (gtin) hay Mã nhà sản xuất (mpn)"
    )

    static func notInTaxonomy(_ value: String, attribute: String, version: String, marketplace: String)
        -> LocalizedText
    {
        LocalizedText(
            en: "\(attribute) \"\(value)\" is not a category of Google's product taxonomy (\(version)); "
                + "\(marketplace) refuses it",
            vi: "\(attribute) \"\(value)\" không phải ngành hàng trong danh mục sản phẩm của Google (\(version)); "
                + "\(marketplace) sẽ từ chối"
        )
    }

    // MARK: OCOP rules

    static func certificateExpired(_ decision: String, on day: CalendarDate) -> LocalizedText {
        LocalizedText(
            en: "OCOP certificate \(decision) expired on \(day); withdrawn until it is renewed",
            vi:
                "giấy chứng nhận OCOP \(decision) đã hết hạn từ ngày \(day.written(in: .vietnamese)); sản phẩm bị gỡ khỏi sàn cho "
                + "đến khi được công nhận lại"
        )
    }

    static func certificateRevoked(_ decision: String) -> LocalizedText {
        LocalizedText(
            en: "OCOP certificate \(decision) was revoked; withdrawn",
            vi: "giấy chứng nhận OCOP \(decision) đã bị thu hồi; sản phẩm bị gỡ khỏi sàn"
        )
    }

    static func certificateExpiring(_ decision: String, on day: CalendarDate) -> LocalizedText {
        LocalizedText(
            en: "OCOP certificate \(decision) expires on \(day); renew it to keep selling",
            vi:
                "giấy chứng nhận OCOP \(decision) sẽ hết hạn vào ngày \(day.written(in: .vietnamese)); cần làm hồ sơ công "
                + "nhận lại trước ngày này để tiếp tục bán"
        )
    }

    static func service(_ group: String, marketplace: String) -> LocalizedText {
        LocalizedText(
            en: "\(group) is a service, and \(marketplace) sells physical goods only",
            vi: "\(group) thuộc nhóm dịch vụ, nhưng \(marketplace) chỉ bán hàng hoá"
        )
    }
}

extension ValueFormat {
    /// The format as a Vietnamese message names it.
    var vietnameseName: String {
        switch self {
        case .price: "giá (số, dấu cách, mã tiền tệ, ví dụ \"185000 VND\")"
        case .gtin: "mã vạch GTIN"
        case .url: "địa chỉ web (http:// hoặc https://, không dấu cách)"
        case .date: "ngày (yyyy-mm-dd)"
        case .country: "mã quốc gia (ví dụ VN)"
        case .currency: "mã tiền tệ (ví dụ VND)"
        case .integer: "số nguyên"
        case .weight: "khối lượng (ví dụ \"500 g\")"
        case .dimension: "kích thước (ví dụ \"20 cm\")"
        }
    }
}
