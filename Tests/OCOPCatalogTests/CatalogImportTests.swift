import Foundation
import OCOPCatalog
import TestSupport
import Testing

@Suite struct CatalogImportTests {
    let database: CatalogDatabase
    let folder: TemporaryFolder

    init() throws {
        self.database = try CatalogDatabase.inMemory()
        self.folder = try TemporaryFolder()
    }

    static let header = "code,name,group,star,decision_number,decision_date,producer,province,price,images"

    /// A good row for `code`, with any column replaced.
    static func row(_ code: String, _ replacing: [String: String] = [:]) -> String {
        let values: [String: String] = [
            "code": code, "name": "Cà phê bột \(code)", "group": "food", "star": "4",
            "decision_number": "2719/QĐ-UBND", "decision_date": "15/09/2024", "producer": "HTX Ea Tu",
            "province": "Đắk Lắk", "price": "185000", "images": "https://cdn.example.vn/\(code).jpg",
        ].merging(replacing) { $1 }
        return header.split(separator: ",").map { values[String($0)]! }.joined(separator: ",")
    }

    func importing(_ text: String, name: String = "catalog.csv") throws -> ImportSummary {
        try self.database.importCatalog(files: [try self.folder.write(name, text)])
    }

    func importError(_ text: String, name: String = "catalog.csv") throws -> CatalogError {
        try #require(throws: CatalogError.self) { try self.importing(text, name: name) }
    }

    func product(_ code: String) throws -> Product {
        let code = try #require(ProductCode(code))
        return try #require(try self.database.product(code: code))
    }

    @Test func excelsLeftoversInACSVAreSkippedATitleLineBlankLinesAndEmptyTrailingHeadings() throws {
        let text =
            "DANH SÁCH SẢN PHẨM OCOP NĂM 2026,,,,,,,,,,,\n,,,,,,,,,,,\n" + Self.header + ",,\n"
            + Self.row("EATU-1") + ",,\n" + ",,,,,,,,,,,\n" + "  ,  ,,,,,,,,,,\n" + Self.row("EATU-2") + ",,\n"
        let summary = try self.importing(text)
        #expect(summary.created == 2)
        #expect(try self.product("EATU-2").name == "Cà phê bột EATU-2")
    }

    @Test func aSemicolonFileWhoseQuotedTitleHasACommaIsStillReadBySemicolons() throws {
        let header = Self.header.replacingOccurrences(of: ",", with: ";")
        let row = Self.row("SC-1").replacingOccurrences(of: ",", with: ";")
        let text = "\"DANH SÁCH SẢN PHẨM OCOP, NĂM 2026\";;;;;;;;;\n" + header + "\n" + row + "\n"
        #expect(try self.importing(text).created == 1)
    }

    @Test func anImageListPieceThatStartsAnotherAddressIsNotGluedOn() throws {
        let error = try self.importError(
            Self.header + "\n" + Self.row("IMG-1", ["images": "https://cdn.example.vn/a.jpg www.example.vn/b.jpg"])
        )
        #expect(
            error.problems.contains { $0.contains("images: \"www.example.vn/b.jpg\" is not an absolute http(s) URL") }
        )
    }

    @Test func aCSVWhoseHeadingsCannotBeFoundStillNamesItsFirstLinesProblems() throws {
        let error = try self.importError("Mã sản phẩm,Tên\nX,Y\n")
        #expect(error.problems.contains { $0.contains("catalog.csv:1: header: missing required column group") })
    }

    @Test func valuesAPersonWouldCallTheSameAreTaken() throws {
        let header = Self.header + ",stock,certificate_status,producer_type,weight_grams"
        func row(_ code: String, _ replacing: [String: String], extra: String) -> String {
            Self.row(code, replacing) + "," + extra
        }
        let text = [
            header,
            row(
                "F-1",
                ["group": "thực phẩm", "star": "4*", "decision_date": "15-03-2024"],
                extra: "1.200,thu hồi,HỢP TÁC XÃ,1.250"
            ),
            row(
                "F-2",
                ["group": "THUC PHAM", "star": "4 sao", "decision_date": "15.03.2024"],
                extra: "30,con hieu luc,hop tac xa,500"
            ),
            row(
                "F-3",
                [
                    "star": "5★", "decision_date": "45642",
                    "images": "https://cdn.example.vn/anh/cà phê 1.jpg;https://cdn.example.vn/b.jpg",
                ],
                extra: "7,,,"
            ),
        ].joined(separator: "\n")
        #expect(try self.importing(text).created == 3)
        let first = try self.product("F-1")
        #expect(first.stock == 1200)
        #expect(first.weightGrams == 1250)
        #expect(first.certificate.status == .revoked)
        #expect(first.certificate.decisionDate.description == "2024-03-15")
        #expect(try self.product("F-2").certificate.decisionDate.description == "2024-03-15")
        let third = try self.product("F-3")
        #expect(third.certificate.decisionDate.description == "2024-12-16")
        #expect(
            third.images == ["https://cdn.example.vn/anh/c%C3%A0%20ph%C3%AA%201.jpg", "https://cdn.example.vn/b.jpg"]
        )
    }

    @Test func valuesStillAmbiguousAreRefused() throws {
        let header = Self.header + ",stock"
        let error = try self.importError(header + "\n" + Self.row("F-9", ["decision_date": "2024.03.15"]) + ",1.5")
        #expect(error.problems.contains { $0.contains("stock: \"1.5\" is not a whole number") })
        #expect(error.problems.contains { $0.contains("decision_date: \"2024.03.15\" is not a date") })
    }

    @Test func theSampleCatalogueImportsAndImportingItAgainChangesNothing() throws {
        let files = Fixtures.sampleCatalogFiles
        let first = try self.database.importCatalog(files: files)
        #expect(first.created >= 40)
        #expect(try self.database.productCount() == first.created)

        let second = try self.database.importCatalog(files: files)
        #expect(second.created == 0 && second.updated == 0)
        #expect(second.unchanged == first.created)
    }

    @Test func theSamplesCoverEveryGroupAndEveryStanding() throws {
        _ = try self.database.importCatalog(files: Fixtures.sampleCatalogFiles)
        var groups = Set<ProductGroup>()
        var standings = Set<Certificate.Standing>()
        let day = try #require(CalendarDate(year: 2026, month: 11, day: 29))
        try self.database.forEachProduct { product in
            groups.insert(product.group)
            standings.insert(product.certificate.standing(on: day))
        }
        #expect(groups == Set(ProductGroup.allCases))
        #expect(standings == [.active, .expiring, .expired, .revoked])
    }

    @Test func oneBadRowAmongGoodOnesImportsNothingAndNamesTheRowColumnAndReason() throws {
        let text = [Self.header, Self.row("A1"), Self.row("A2", ["price": "185.5"]), Self.row("A3")].joined(
            separator: "\n"
        )
        let error = try self.importError(text)
        #expect(error.code == .invalidInput)
        #expect(error.problems.count == 1)
        let problem = try #require(error.problems.first)
        #expect(problem.hasPrefix("catalog.csv:3: price: "))
        #expect(problem.contains("185.5"))
        #expect(try self.database.productCount() == 0)
    }

    @Test func everyBadRowIsReportedNotJustTheFirst() throws {
        let text = [
            Self.header,
            Self.row("B1", ["star": "2"]),
            Self.row("B2"),
            Self.row("B3", ["decision_date": "31/02/2024", "images": "ftp://x.vn/a.jpg"]),
        ].joined(separator: "\n")
        let error = try self.importError(text)
        #expect(error.problems.count == 3)
        #expect(error.problems[0].hasPrefix("catalog.csv:2: star: 2★ is not an OCOP certification"))
        #expect(error.problems[1].hasPrefix("catalog.csv:4: decision_date: "))
        #expect(error.problems[2].hasPrefix("catalog.csv:4: images: "))
    }

    @Test(arguments: ["185000", "185.000", "185,000", "185.000 đ", "185000 VND", "185.000₫"])
    func priceInputFormsAreWholeDong(price: String) throws {
        _ = try self.importing([Self.header, Self.row("P1", ["price": "\"\(price)\""])].joined(separator: "\n"))
        let product = try self.product("P1")
        #expect(product.price == VND(185_000))
    }

    @Test(arguments: ["185.5", "185,50", "1.85.000", "-185000", "abc", "185.000.00"])
    func ambiguousOrNegativePricesAreRefused(price: String) throws {
        let error = try self.importError(
            [Self.header, Self.row("P1", ["price": "\"\(price)\""])].joined(separator: "\n")
        )
        #expect(error.problems.first?.hasPrefix("catalog.csv:2: price: ") == true)
    }

    @Test func aSalePriceMustBeBelowThePrice() throws {
        let text = "\(Self.header),sale_price\n\(Self.row("S1")),185000"
        let error = try self.importError(text)
        #expect(error.problems.first?.hasPrefix("catalog.csv:2: sale_price: ") == true)
    }

    @Test func aGTINWithABadCheckDigitIsRefused() throws {
        let error = try self.importError("\(Self.header),gtin\n\(Self.row("G1")),8934588013051")
        #expect(
            error.problems == ["catalog.csv:2: gtin: \"8934588013051\" has a wrong check digit (expected 8 at the end)"]
        )
    }

    @Test func invalidUTF8IsRefusedWithItsLineNotGuessed() throws {
        var bytes = Data("\(Self.header)\n\(Self.row("U1"))\n".utf8)
        bytes.append(
            contentsOf: Array("U2,Cà phê ".utf8) + [0xC3, 0x28]
                + Array(",food,4,1/QĐ,2024-01-01,HTX,Đắk Lắk,1000,https://a.vn/x.jpg\n".utf8)
        )
        let file = try self.folder.write("latin.csv", bytes)
        let error = try #require(throws: CatalogError.self) { try self.database.importCatalog(files: [file]) }
        // One line for the file, saying what to do in Excel, not one per value.
        #expect(
            error.problems == [
                "latin.csv:3: the file is not UTF-8 text; in Excel choose File › Save As › \"CSV UTF-8 (Comma "
                    + "delimited)\" and import that file, or import this one with --encoding windows-1258"
            ]
        )
        #expect(try self.database.productCount() == 0)
    }

    @Test(arguments: [(String.Encoding.utf16LittleEndian, [UInt8]([0xFF, 0xFE])), (.utf16BigEndian, [0xFE, 0xFF])])
    func aUTF16FileWithItsByteOrderMarkIsRead(encoding: String.Encoding, mark: [UInt8]) throws {
        // Excel's "Unicode Text": UTF-16 with a byte-order mark, separated by tabs.
        let text =
            [Self.header, Self.row("W1", ["name": "Cà phê Buôn Ma Thuột"])]
            .map { $0.replacingOccurrences(of: ",", with: "\t") }.joined(separator: "\r\n") + "\r\n"
        let file = try self.folder.write("unicode.txt", Data(mark) + (text.data(using: encoding) ?? Data()))
        #expect(try self.database.importCatalog(files: [file]).created == 1)
        #expect(try self.product("W1").name == "Cà phê Buôn Ma Thuột")
    }

    @Test func aWindows1258FileIsReadWhenAskedForAndItsToneMarksComposed() throws {
        // "Cà phê Đắk Lắk" as a Vietnamese Windows writes it: base letters with combining tone marks (0xCC = ̀,
        // 0xD2 = ̉ …), Đ = 0xD0, ê = 0xEA, ắ = ă (0xE3) + acute (0xEC).
        let name: [UInt8] =
            Array("Ca".utf8) + [0xCC] + Array(" ph".utf8) + [0xEA, 0x20, 0xD0, 0xE3, 0xEC]
            + Array("k L".utf8) + [0xE3, 0xEC] + Array("k".utf8)
        let bytes =
            Array("\(Self.header)\n".utf8) + Array("V1,".utf8) + name
            + Array(",food,4,1/QD,2024-01-01,HTX,Dak Lak,1000,https://a.vn/x.jpg".utf8)  // no line break at the end
        let file = try self.folder.write("ansi.csv", Data(bytes))
        // Read as UTF-8 it is one line saying what to do, and nothing is imported.
        #expect(throws: CatalogError.self) { try self.database.importCatalog(files: [file]) }
        #expect(try self.database.productCount() == 0)
        let summary = try self.database.importCatalog(files: [file], options: ImportOptions(encoding: .windows1258))
        #expect(summary.created == 1)
        let product = try self.product("V1")
        #expect(product.name == "Cà phê Đắk Lắk")
        // iconv keeps the last letter back in case a tone mark follows: it is flushed at the end, not lost.
        #expect(product.images == ["https://a.vn/x.jpg"])
        #expect(
            product.name.unicodeScalars.count
                == "Cà phê Đắk Lắk".precomposedStringWithCanonicalMapping.unicodeScalars.count
        )
    }

    @Test func aHeadingLineBelowATitleMissingOneColumnIsNamedByThatColumn() throws {
        let heading = Self.header.replacingOccurrences(of: "decision_date,", with: "")
        let error = try self.importError("DANH SÁCH SẢN PHẨM OCOP\n\(heading)\nA1,Cà phê\n")
        #expect(error.problems == ["catalog.csv:2: header: missing required column decision_date (Ngày quyết định)"])
    }

    @Test func aUTF8FileReadAsWindows1258IsRefusedNotGarbled() throws {
        let file = try self.folder.write("utf8.csv", "\(Self.header)\n\(Self.row("U1"))\n")
        let error = try #require(throws: CatalogError.self) {
            try self.database.importCatalog(files: [file], options: ImportOptions(encoding: .windows1258))
        }
        #expect(
            error.problems == [
                "utf8.csv: the file is already UTF-8 text (as Excel's \"CSV UTF-8\" writes it): "
                    + "import it without --encoding"
            ]
        )
    }

    @Test func aByteWindows1258LacksIsNamedByItsOwnLine() throws {
        // 0xEC is a tone mark in Windows-1258; 0x81 is no character at all. The bad byte is on line 3.
        let good = "A1,x,food,4,1/QD,15/09/2024,HTX,Dak Lak,1000,https://a.vn/x.jpg"
        let bytes = Array("\(Self.header)\n\(good)\nA2,x".utf8) + [0x81] + Array(",food\n".utf8)
        let file = try self.folder.write("bad.csv", Data(bytes))
        let error = try #require(throws: CatalogError.self) {
            try self.database.importCatalog(files: [file], options: ImportOptions(encoding: .windows1258))
        }
        #expect(
            error.problems.first?.hasPrefix("bad.csv:3: the file is not windows-1258 text") == true,
            "\(error.problems)"
        )
    }

    @Test func decomposedVietnameseIsStoredAsNFC() throws {
        let decomposed = "Cà phê".decomposedStringWithCanonicalMapping
        #expect(decomposed.unicodeScalars.count > "Cà phê".unicodeScalars.count)
        _ = try self.importing([Self.header, Self.row("N1", ["name": decomposed])].joined(separator: "\n"))
        let product = try self.product("N1")
        #expect(
            Array(product.name.unicodeScalars) == Array("Cà phê".precomposedStringWithCanonicalMapping.unicodeScalars)
        )
    }

    @Test func aCodeGivenTwiceInOneImportIsRefusedNamingBothLines() throws {
        let error = try self.importError(
            [Self.header, Self.row("D1"), Self.row("D2"), Self.row("D1")].joined(separator: "\n")
        )
        #expect(error.problems == ["catalog.csv:4: code: \"D1\" is given twice; first at catalog.csv:2"])
    }

    @Test func missingRequiredColumnsAndUnknownColumnsAreNamedFromTheHeader() throws {
        let error = try self.importError("code,name,colour\nX,Y,red")
        #expect(
            error.problems.contains(
                "catalog.csv:1: header: unknown column \"colour\" (use --ignore-unknown-columns to skip it)"
            )
        )
        #expect(error.problems.contains("catalog.csv:1: header: missing required column price (Giá)"))
    }

    @Test func unknownColumnsCanBeIgnoredWhenAsked() throws {
        let file = try self.folder.write("extra.csv", "\(Self.header),colour\n\(Self.row("E1")),red")
        let summary = try self.database.importCatalog(files: [file], options: ImportOptions(ignoreUnknownColumns: true))
        #expect(summary.created == 1)
    }

    @Test func vietnameseHeadingsImportLikeEnglishOnes() throws {
        let text = """
            Mã sản phẩm;Tên sản phẩm;Nhóm sản phẩm;Hạng sao;Số quyết định;Ngày quyết định;Chủ thể;Tỉnh;Giá;Hình ảnh;Tình trạng
            V1;Mật ong hoa cà phê;Thực phẩm;3 sao;2719/QĐ-UBND;15/09/2024;HTX Kim Long;Đắk Lắk;150.000 đ;https://a.vn/m.jpg;Thu hồi
            """
        _ = try self.importing(text)
        let product = try self.product("V1")
        #expect(product.group == .food && product.certificate.star == .three && product.certificate.status == .revoked)
        #expect(product.certificate.expires == CalendarDate(year: 2027, month: 9, day: 15))
        #expect(product.certificate.issuedBy == "UBND tỉnh Đắk Lắk")
        #expect(product.brand == "HTX Kim Long")
    }

    @Test func quotedValuesMayHoldCommasQuotesAndLineBreaksAndLinesStillCount() throws {
        let text = [
            Self.header + ",description",
            Self.row("Q1") + ",\"Rang xay, \"\"đậm\"\"\nhai dòng\"",
            Self.row("Q2", ["star": "9"]) + ",x",
        ].joined(separator: "\r\n")
        let error = try self.importError(text)
        #expect(error.problems.first?.hasPrefix("catalog.csv:4: star: ") == true)

        _ = try self.importing(
            [Self.header + ",description", Self.row("Q1") + ",\"Rang xay, \"\"đậm\"\"\nhai dòng\""].joined(
                separator: "\n"
            )
        )
        let product = try self.product("Q1")
        #expect(product.description == "Rang xay, \"đậm\"\nhai dòng")
    }

    @Test func anUnclosedQuoteIsReportedWithTheLineItStartsOn() throws {
        let error = try self.importError("\(Self.header)\n\(Self.row("C1"))\n\"C2,oops\n")
        #expect(error.problems == ["catalog.csv:3: row: a quoted value is never closed (missing \")"])
    }

    @Test func nonASCIIImageURLsArePercentEncoded() throws {
        _ = try self.importing(
            [
                Self.header,
                Self.row("I1", ["images": "https://cdn.example.vn/ảnh/cà-phê.jpg|https://cdn.example.vn/b.jpg"]),
            ].joined(separator: "\n")
        )
        let product = try self.product("I1")
        #expect(
            product.images == [
                "https://cdn.example.vn/%E1%BA%A3nh/c%C3%A0-ph%C3%AA.jpg", "https://cdn.example.vn/b.jpg",
            ]
        )
    }

    @Test func jsonRowsAreNamedByTheLineTheirObjectStartsOn() throws {
        let text = """
            [
              {"code": "J1", "name": "Tiêu đen", "group": "food", "star": 3, "decision_number": "1/QĐ",
               "decision_date": "2024-01-01", "producer": "HTX", "province": "Đắk Lắk", "price": 85000,
               "images": ["https://a.vn/1.jpg"]},
              {"code": "J2", "name": "Tiêu đỏ", "group": "food", "star": 4, "decision_number": "1/QĐ",
               "decision_date": "2024-01-01", "producer": "HTX", "province": "Đắk Lắk", "price": true,
               "images": ["https://a.vn/2.jpg"]}
            ]
            """
        let error = try self.importError(text, name: "catalog.json")
        #expect(error.problems == ["catalog.json:5: price: expected text or a number, not true/false"])
    }

    @Test func malformedJSONIsOneClearError() throws {
        let error = try self.importError("[{\"code\": \"J1\",]", name: "broken.json")
        #expect(error.problems.first?.hasPrefix("broken.json: ") == true)
        #expect(error.problems.first?.contains("not valid JSON") == true)
    }

    @Test func aMissingFileIsUnreadableAndOtherFilesAreStillChecked() throws {
        let good = try self.folder.write(
            "good.csv",
            [Self.header, Self.row("M1", ["star": "1"])].joined(separator: "\n")
        )
        let missing = URL(fileURLWithPath: "missing.csv", relativeTo: self.folder.url)
        let error = try #require(throws: CatalogError.self) { try self.database.importCatalog(files: [missing, good]) }
        #expect(error.problems.count == 2)
        #expect(error.problems[0].contains("missing.csv: cannot open"))
        #expect(error.problems[1].hasPrefix("good.csv:2: star: "))
    }
}
