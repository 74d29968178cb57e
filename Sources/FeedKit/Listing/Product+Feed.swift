import Foundation
import Groundwork
public import OCOPCatalog

/// What every marketplace writes the same way, derived from a product once.
extension Product {
    /// The description, or one composed from the OCOP facts when the catalogue has none.
    public var feedDescription: String {
        self.description
            ?? "\(self.name). Sản phẩm OCOP \(self.certificate.star.rawValue) sao của \(self.producer.name), \(self.producer.province)."
    }

    /// `185000 VND`: whole đồng, no separators, the ISO code (VND has no minor unit).
    public func feedPrice(_ amount: VND, currency: String) -> String { "\(amount.amount) \(currency)" }

    /// `in_stock` unless the catalogue knows the stock is zero.
    public var feedAvailability: String { self.stock == 0 ? "out_of_stock" : "in_stock" }

    /// `Sản phẩm OCOP 4 sao (1234/QĐ-UBND), hiệu lực đến 2027-05-01.`: the certification a listing states.
    public var ocopStatement: String {
        let certificate = self.certificate
        return
            "Sản phẩm OCOP \(certificate.star.rawValue) sao (\(certificate.decisionNumber)), hiệu lực đến \(certificate.expires)."
    }

    /// The description followed by the OCOP statement, for marketplaces with no field of their own for it.
    public var descriptionWithCertificate: String {
        "\(self.feedDescription)\n\n\(self.ocopStatement)"
    }

    /// The description and the OCOP statement as two HTML paragraphs (text escaped), for marketplaces whose
    /// descriptions are HTML.
    public var htmlDescriptionWithCertificate: String {
        "<p>\(self.feedDescription.htmlEscaped)</p><p>\(self.ocopStatement.htmlEscaped)</p>"
    }

    /// `0.56` for 560 g: kilograms, at most three decimals, no trailing zeros.
    public var weightKilograms: String? {
        // Whole numbers, not String(format:), which goes through Foundation for every product.
        self.weightGrams.map { grams in
            let sign = grams < 0 ? "-" : ""
            let (kilograms, rest) = grams.magnitude.quotientAndRemainder(dividingBy: 1000)
            guard rest > 0 else { return "\(sign)\(kilograms)" }
            var fraction = String(rest)
            fraction = String(repeating: "0", count: 3 - fraction.count) + fraction
            while fraction.hasSuffix("0") { fraction.removeLast() }
            return "\(sign)\(kilograms).\(fraction)"
        }
    }

    /// Length, width and height in whole centimetres, rounded up, for APIs that take integers.
    public var packageWholeCentimetres: (length: Int, width: Int, height: Int)? {
        self.packageSize.map { size in
            func up(_ millimetres: Int) -> Int { (millimetres + 9) / 10 }
            return (up(size.lengthMillimetres), up(size.widthMillimetres), up(size.heightMillimetres))
        }
    }

    /// `560 g`.
    public var feedShippingWeight: String? { self.weightGrams.map { "\($0) g" } }

    /// Length, width and height as `20 cm` (millimetres shown as tenths when needed).
    public var feedDimensions: (length: String, width: String, height: String)? {
        self.packageCentimetres.map { ("\($0.length) cm", "\($0.width) cm", "\($0.height) cm") }
    }

    /// Length, width and height in centimetres without the unit (`20`, `7.5`).
    public var packageCentimetres: (length: String, width: String, height: String)? {
        self.packageSize.map { size in
            (
                Self.centimetres(size.lengthMillimetres), Self.centimetres(size.widthMillimetres),
                Self.centimetres(size.heightMillimetres)
            )
        }
    }

    private static func centimetres(_ millimetres: Int) -> String {
        millimetres.isMultiple(of: 10) ? "\(millimetres / 10)" : "\(millimetres / 10).\(millimetres % 10)"
    }

    /// `OCOP > Đắk Lắk > Thực phẩm > cà phê`: the shop's own category path.
    public var feedProductType: String {
        (["OCOP", self.producer.province, self.group.vietnameseName] + (self.subgroup.map { [$0] } ?? []))
            .joined(separator: " > ")
    }

    /// `ocop_4_sao`: the star as a campaign label.
    public var feedStarLabel: String { "ocop_\(self.certificate.star.rawValue)_sao" }

    /// The net quantity as a unit-pricing measure (`500g`, `750ml`) when its unit is one marketplaces know.
    public var feedUnitPricingMeasure: String? {
        guard let quantity = self.netQuantity, ["g", "kg", "mg", "ml", "l", "cl"].contains(quantity.unit.lowercased())
        else { return nil }
        // Spaces dropped without Foundation's replacingOccurrences, which bridges through NSString on Linux.
        return String(String.UnicodeScalarView(quantity.description.unicodeScalars.filter { $0 != " " })).lowercased()
    }
}

extension String {
    /// The text with `&`, `<` and `>` escaped, for HTML.
    public var htmlEscaped: String { self.escapingMarkup() }
}
