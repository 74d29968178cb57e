import OCOPCatalog
import TestSupport
import Testing

@Suite struct ValueTests {
    @Test(arguments: ["8934588013058", "96385074", "012345678905", "10012345678902"])
    func validGTINsAreAccepted(text: String) {
        #expect(GTIN(text)?.rawValue == text)
    }

    @Test func aGTINWithTheWrongCheckDigitNamesTheRightOne() {
        #expect(throws: GTIN.Problem.wrongCheckDigit(expected: 8)) { try GTIN(validating: "8934588013051") }
        #expect(throws: GTIN.Problem.wrongLength(11)) { try GTIN(validating: "89345880130") }
        #expect(throws: GTIN.Problem.notDigits) { try GTIN(validating: "89345880130a8") }
    }

    @Test(arguments: ["google-merchant", "tiki", "tiktok-shop", "sendo", "zalo-shop2"])
    func anyKebabCaseSpellingIsAMarketplaceID(text: String) {
        #expect(MarketplaceID(text)?.rawValue == text)
    }

    @Test(arguments: ["", "Shopee", "tiktok_shop", "-tiki", "tiki-", "lazada--vn", "2shop", "sàn", "all of them"])
    func otherSpellingsAreNotMarketplaceIDs(text: String) {
        #expect(MarketplaceID(text) == nil)
    }

    @Test(arguments: ["DL-001", "ABC_9", String(repeating: "x", count: 50)])
    func asciiCodesAreProductCodes(text: String) {
        #expect(ProductCode(text) != nil)
    }

    @Test(arguments: ["", "cà-phê", "A B", "A/B", String(repeating: "x", count: 51)])
    func otherTextIsNotAProductCode(text: String) {
        #expect(ProductCode(text) == nil)
    }

    @Test func datesAreWrittenAsYearMonthDayWithLeadingZeros() throws {
        #expect(try #require(CalendarDate(year: 7, month: 3, day: 9)).description == "0007-03-09")
        #expect(try #require(CalendarDate(year: 2026, month: 12, day: 31)).description == "2026-12-31")
        #expect(try #require(CalendarDate(parsing: "5/9/2024")).description == "2024-09-05")
    }

    @Test func bothDateFormsParseToTheSameDay() {
        #expect(CalendarDate(parsing: "2024-02-29") == CalendarDate(year: 2024, month: 2, day: 29))
        #expect(CalendarDate(parsing: "29/02/2024") == CalendarDate(year: 2024, month: 2, day: 29))
        #expect(CalendarDate(parsing: "5/9/2024") == CalendarDate(year: 2024, month: 9, day: 5))
    }

    @Test(arguments: [
        "2023-02-29", "31/04/2024", "2024-13-01", "2024/01/01", "01-01-2024", "2024-1-1", "hôm nay", "2024-0a-01",
        "2024-01-010", "-2024-01-1", "２０２４-01-01", "0000-01-01",
    ])
    func impossibleOrUnknownDatesAreRefused(text: String) {
        #expect(CalendarDate(parsing: text) == nil)
    }

    @Test func expiryIsThirtySixMonthsAfterTheDecisionClampedToTheMonthEnd() throws {
        let leapDay = try #require(CalendarDate(year: 2024, month: 2, day: 29))
        #expect(leapDay.adding(months: 36) == CalendarDate(year: 2027, month: 2, day: 28))
        let certificate = Certificate(
            star: .four,
            decisionNumber: "2719/QĐ-UBND",
            decisionDate: leapDay,
            issuedBy: "UBND"
        )
        #expect(certificate.expires == CalendarDate(year: 2027, month: 2, day: 28))
    }

    @Test func aCertificatesStandingDependsOnTheDay() throws {
        let decided = try #require(CalendarDate(year: 2024, month: 1, day: 10))
        let certificate = Certificate(star: .three, decisionNumber: "1/QĐ", decisionDate: decided, issuedBy: "UBND")
        #expect(certificate.standing(on: try #require(CalendarDate(year: 2026, month: 11, day: 10))) == .active)
        #expect(certificate.standing(on: try #require(CalendarDate(year: 2026, month: 11, day: 11))) == .expiring)
        #expect(certificate.standing(on: try #require(CalendarDate(year: 2027, month: 1, day: 10))) == .expiring)
        #expect(certificate.standing(on: try #require(CalendarDate(year: 2027, month: 1, day: 11))) == .expired)
        var revoked = certificate
        revoked.status = .revoked
        #expect(revoked.standing(on: decided) == .revoked)
    }

    @Test func vndPrintsWithVietnameseGrouping() {
        #expect(VND(185_000).description == "185.000 ₫")
        #expect(VND(1_250_000).description == "1.250.000 ₫")
        #expect(VND(500).description == "500 ₫")
    }

    @Test func netQuantityKeepsDecimalsExactly() throws {
        #expect(try #require(NetQuantity(parsing: "0,5 kg")).description == "0.5 kg")
        #expect(try #require(NetQuantity(parsing: "500g")).description == "500 g")
        #expect(try #require(NetQuantity(parsing: "1 hộp")).unit == "hộp")
        #expect(NetQuantity(parsing: "hộp") == nil)
        #expect(NetQuantity(parsing: "0 g") == nil)
        // Too many digits to count in thousandths: no quantity, not a trap.
        #expect(NetQuantity(parsing: "99999999999999999 g") == nil)
        #expect(NetQuantity(parsing: "9223372036854775,808 g") == nil)
        #expect(NetQuantity(parsing: "9223372036854775,807 g")?.thousandths == Int64.max)
    }

    @Test(arguments: [
        ("Mã sản phẩm", "code"), ("MÃ SẢN PHẨM", "code"), ("ma_san_pham", "code"),
        ("Khối lượng (g)", "weight_grams"), (" Giá khuyến mãi ", "sale_price"), ("Huyện (cũ)", "district"),
        ("price", "price"), ("Decision Number", "decision_number"), ("Xã/Phường", "commune"),
    ])
    func headingsAreRecognisedForgivingCaseAccentsAndSpacing(heading: String, column: String) {
        #expect(CatalogColumn.recognise(heading) == .column(CatalogColumn(rawValue: column)!))
    }

    @Test func marketplaceCategoryColumnsAreOverrides() {
        #expect(
            CatalogColumn.recognise("google-merchant_category") == .categoryOverride(MarketplaceID("google-merchant")!)
        )
        let known = Fixtures.marketplaces.compactMap(MarketplaceID.init)
        #expect(CatalogColumn.recognise("amazon_category", marketplaces: known) == nil)
        #expect(CatalogColumn.recognise("Amazon Category") == nil)
    }
}

@Suite struct CSVFieldTests {
    @Test(arguments: [
        ("Cà phê", "Cà phê"), ("a,b", "\"a,b\""), ("say \"hi\"", "\"say \"\"hi\"\"\""),
        ("two\nlines", "\"two\nlines\""),
        ("=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\""), ("+84 905", "'+84 905"), ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"), ("\tcmd", "'\tcmd"),
    ])
    func valuesAreQuotedAndFormulasNeutralised(value: String, written: String) {
        #expect(CSVField.encode(value) == written)
    }
}
