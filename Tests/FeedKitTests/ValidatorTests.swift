import FeedKit
import Foundation
import TestSupport
import Testing

@Suite struct ValidatorTests {
    static func mapping(_ rules: [FieldRule], checks: [CrossFieldCheck] = []) -> Mapping {
        Mapping(marketplace: "test", categories: [], values: [:], defaults: [:], rules: rules, checks: checks)
    }

    static func listing(_ attributes: [(String, String)]) -> Listing {
        Listing(id: "X1", attributes: attributes.map { Attribute.text($0.0, $0.1) })
    }

    func findings(_ rules: [FieldRule], _ attributes: [(String, String)], checks: [CrossFieldCheck] = []) -> [Finding] {
        Validator(mapping: Self.mapping(rules, checks: checks)).validate(Self.listing(attributes))
    }

    @Test func lengthsAreCountedInCharactersAfterNFC() {
        let title = String(repeating: "ệ", count: 150)
        let decomposed = title.decomposedStringWithCanonicalMapping
        #expect(decomposed.unicodeScalars.count == 450)
        #expect(self.findings([FieldRule(attribute: "title", maxLength: 150)], [("title", decomposed)]).isEmpty)
        let over = self.findings([FieldRule(attribute: "title", maxLength: 150)], [("title", title + "a")])
        #expect(over.map(\.rule) == ["max_length"])
        #expect(over.first?.message == "title is 151 characters; at most 150 are allowed")
    }

    @Test func everyFindingNamesItemAttributeRuleAndValue() throws {
        let finding = try #require(
            self.findings([FieldRule(attribute: "availability", allowed: ["in_stock"])], [("availability", "còn hàng")])
                .first
        )
        #expect(
            finding
                == Finding(
                    item: "X1",
                    attribute: "availability",
                    rule: "enum",
                    severity: .error,
                    message: "availability \"còn hàng\" is not one of in_stock",
                    value: "còn hàng"
                )
        )
    }

    @Test(
        arguments: [
            ("185000 VND", nil), ("185.000 VND", nil), ("185000", "format"), ("185.000,00 VND", "format"),
            ("185000 ₫", "format"), ("185000 XYZ", "format"),
        ] as [(String, String?)]
    )
    func pricesNeedANumberASpaceAndAnISOCurrency(price: String, rule: String?) {
        #expect(self.findings([FieldRule(attribute: "price", format: .price)], [("price", price)]).first?.rule == rule)
    }

    @Test(
        arguments: [
            ("8934588013058", nil), ("8934588013051", "wrong check digit"), ("2000000000008", "restricted"),
            ("9810000000006", "coupon"), ("400000000008", "restricted"), ("893458801305", "wrong check digit"),
            ("12345", "has 5 digits"),
        ] as [(String, String?)]
    )
    func gtinsAreCheckedAsGoogleChecksThem(gtin: String, problem: String?) {
        let message = self.findings([FieldRule(attribute: "gtin", format: .gtin)], [("gtin", gtin)]).first?.message
        if let problem {
            #expect(message?.contains(problem) == true, "\(message ?? "no finding")")
        } else {
            #expect(message == nil)
        }
    }

    @Test(arguments: [
        ("https://shop.vn/ca-phe", true), ("https://shop.vn/c%C3%A0-ph%C3%AA", true), ("https://shop.vn/cà-phê", false),
        ("ftp://shop.vn/a", false), ("shop.vn/a", false), ("https://shop.vn/a b", false),
    ])
    func urlsMustBeAbsoluteHTTPAndASCII(url: String, valid: Bool) {
        #expect(self.findings([FieldRule(attribute: "link", format: .url)], [("link", url)]).isEmpty == valid)
    }

    @Test func aGroupMemberIsRequiredOnlyInGroupsThatArePresent() {
        let rules = [FieldRule(attribute: "shipping.country", required: true, format: .country)]
        let validator = Validator(mapping: Self.mapping(rules))
        #expect(validator.validate(Listing(id: "A", attributes: [])).isEmpty)
        let withoutCountry = Listing(
            id: "A",
            attributes: [Attribute("shipping", .group([.text("price", "30000 VND")]))]
        )
        #expect(validator.validate(withoutCountry).map(\.rule) == ["required"])
        let wrongCountry = Listing(id: "A", attributes: [Attribute("shipping", .group([.text("country", "Vietnam")]))])
        #expect(validator.validate(wrongCountry).map(\.attribute) == ["shipping.country"])
    }

    @Test func withoutGTINOrMPNIdentifierExistsMustSayNo() {
        #expect(
            self.findings([], [("title", "Khăn thổ cẩm")], checks: [.identifierExists]).map(\.rule) == [
                "identifier_exists"
            ]
        )
        #expect(self.findings([], [("identifier_exists", "no")], checks: [.identifierExists]).isEmpty)
        #expect(self.findings([], [("gtin", "8934588013058")], checks: [.identifierExists]).isEmpty)
    }

    @Test func aSalePriceMustBeBelowThePriceInTheSameCurrency() {
        let checks: [CrossFieldCheck] = [.salePriceBelowPrice]
        #expect(self.findings([], [("price", "185000 VND"), ("sale_price", "159000 VND")], checks: checks).isEmpty)
        #expect(self.findings([], [("price", "185000 VND"), ("sale_price", "185000 VND")], checks: checks).count == 1)
        #expect(self.findings([], [("price", "185000 VND"), ("sale_price", "10 USD")], checks: checks).count == 1)
        // Whole amounts and decimals compare as numbers, leading zeros and a fraction's trailing ones included.
        #expect(self.findings([], [("price", "185000 VND"), ("sale_price", "0185000 VND")], checks: checks).count == 1)
        #expect(self.findings([], [("price", "185000.50 VND"), ("sale_price", "185000 VND")], checks: checks).isEmpty)
        #expect(self.findings([], [("price", "185000 VND"), ("sale_price", "184999.99 VND")], checks: checks).isEmpty)
        #expect(
            self.findings([], [("price", "185000 VND"), ("sale_price", "185000.00 VND")], checks: checks).count == 1
        )
    }

    @Test func theReportCountsEveryItemAndBoundsTheListedFindings() {
        var report = ValidationReport(marketplace: "test")
        let error = Finding(item: "A", attribute: "a", rule: "r", severity: .error, message: "m")
        let warning = Finding(item: "B", attribute: "b", rule: "r", severity: .warning, message: "m")
        report.record(item: [error])
        report.record(item: [warning])
        report.record(item: [])
        #expect(report.items == 3 && report.valid == 2 && report.errors == 1 && report.warnings == 1)
        for _ in 0..<ValidationReport.maximumFindings { report.record(item: [error]) }
        #expect(report.findings.count == ValidationReport.maximumFindings)
        #expect(report.errors == ValidationReport.maximumFindings + 1)
    }
}
