import Foundation
import OCOPCatalog
import TestSupport
import Testing

/// Odd and hostile catalogues (issue 18): each refused with one line naming row and column, nothing
/// half-imported, no trap, nothing silently changed.
extension CatalogImportTests {
    /// A JSON catalogue of one good product whose name is `name` as written in the JSON text.
    static func jsonCatalogue(code: String, name: String) -> String {
        """
        [{"code": "\(code)", "name": "\(name)", "group": "food", "star": 3, "decision_number": "1/QĐ",
          "decision_date": "2024-01-01", "producer": "HTX", "province": "Đắk Lắk", "price": 85000,
          "images": ["https://a.vn/1.jpg"]}]
        """
    }

    func problems(_ rows: [String], header: String = CatalogImportTests.header, name: String = "catalog.csv") throws
        -> [String]
    {
        let error = try self.importError(([header] + rows).joined(separator: "\n"), name: name)
        #expect(try self.database.productCount() == 0)
        return error.problems
    }

    @Test(arguments: ["9997-01-01", "9999-12-31", "2017-12-31", "01/01/2099"])
    func aDecisionDateOutsideTheProgrammeIsARowProblemNotATrap(date: String) throws {
        let problems = try self.problems([Self.row("D1", ["decision_date": date])])
        #expect(problems.count == 1)
        #expect(problems.first?.hasPrefix("catalog.csv:2: decision_date: ") == true)
        #expect(problems.first?.contains("is not an OCOP decision date: decisions are from 2018 to") == true)
    }

    @Test func anExpiryMoreThanTenYearsAfterTheDecisionIsRefused() throws {
        let problems = try self.problems(
            [Self.row("E1") + ",9999-12-31"],
            header: Self.header + ",expires"
        )
        #expect(
            problems == ["catalog.csv:2: expires: 9999-12-31 is more than 10 years after the decision date 2024-09-15"]
        )
    }

    @Test func aSalePriceOfZeroIsARowProblemNotADatabaseError() throws {
        let problems = try self.problems([Self.row("S0") + ",0"], header: Self.header + ",sale_price")
        #expect(problems == ["catalog.csv:2: sale_price: must be more than 0 ₫ (leave it empty when there is no sale)"])
    }

    @Test func aPriceNoMarketplaceCanEncodeIsRefused() throws {
        let problems = try self.problems([Self.row("P1", ["price": "9300000000000"])])
        #expect(problems.first?.hasPrefix("catalog.csv:2: price: \"9300000000000\" is more than") == true)
        _ = try self.importing([Self.header, Self.row("P2", ["price": "1000000000000"])].joined(separator: "\n"))
    }

    @Test(arguments: ["+4", "-3", "4.0"])
    func aStarIsDigitsOnly(star: String) throws {
        let problems = try self.problems([Self.row("T1", ["star": star])])
        #expect(problems == ["catalog.csv:2: star: \"\(star)\" is not a star rating (3, 4 or 5)"])
    }

    @Test(arguments: [
        ("\u{07}", "a control character (U+0007)"), ("\u{1B}[2J", "a control character (U+001B)"),
        ("\u{08}", "a control character (U+0008)"), ("\u{85}", "a control character (U+0085)"),
    ])
    func controlCharactersInTextAreRefusedNamingTheCharacter(character: String, named: String) throws {
        let problems = try self.problems([Self.row("C1", ["name": "Cà phê\(character) bột"])])
        #expect(problems == ["catalog.csv:2: name: has \(named) at character 7; remove it"])
    }

    @Test func aNULIsRefusedNotTruncatedInCSVAndJSON() throws {
        var csv = Data("\(Self.header)\n".utf8)
        csv.append(contentsOf: Array(Self.row("N1", ["name": "Name"]).utf8))
        let name = try #require(csv.range(of: Data("Name".utf8)))
        csv.insert(0, at: name.upperBound)
        let file = try self.folder.write("nul.csv", csv)
        let error = try #require(throws: CatalogError.self) { try self.database.importCatalog(files: [file]) }
        #expect(error.problems == ["nul.csv:2: name: has a NUL character (U+0000) at character 5; remove it"])
        let json = Self.jsonCatalogue(code: "J1", name: "nul \\u0000 here")
        let jsonError = try self.importError(json, name: "nul.json")
        #expect(jsonError.problems == ["nul.json:1: name: has a NUL character (U+0000) at character 5; remove it"])
        #expect(try self.database.productCount() == 0)
    }

    @Test func invisibleCharactersAreRefusedInURLsAndSKUsButTabsAndLineBreaksStayInText() throws {
        let problems = try self.problems(
            [
                Self.row("I1", ["images": "https://cdn.example.vn/\u{202E}gpj.exe"]) + ",",
                Self.row("I2") + ",SKU\u{200B}-1",
            ],
            header: Self.header + ",mpn"
        )
        #expect(
            problems.contains(
                "catalog.csv:2: images: has an invisible text-direction character (U+202E) at character 24; remove it"
            )
        )
        #expect(
            problems.contains(
                "catalog.csv:3: mpn: has an invisible zero-width character (U+200B) at character 4; remove it"
            )
        )
        _ = try self.importing(
            [Self.header + ",description", Self.row("I3") + ",\"Dòng một\n\tDòng hai\""].joined(separator: "\n")
        )
        #expect(try self.product("I3").description == "Dòng một\n\tDòng hai")
    }

    @Test func codesThatDifferOnlyInCaseAreOneCodeInAnImportAndAgainstTheCatalogue() throws {
        let inOne = try self.problems([Self.row("H-CASE"), Self.row("h-case")])
        #expect(
            inOne == [
                "catalog.csv:3: code: \"h-case\" is the code \"H-CASE\" of catalog.csv:2 in other letters; marketplaces do not tell them apart"
            ]
        )
        _ = try self.importing([Self.header, Self.row("H-CASE")].joined(separator: "\n"))
        let later = try self.importError([Self.header, Self.row("h-Case")].joined(separator: "\n"))
        #expect(
            later.problems == [
                "catalog.csv:2: code: \"h-Case\" is the catalogue's \"H-CASE\" in other letters; marketplaces do not tell them apart: write \"H-CASE\""
            ]
        )
        #expect(try self.database.productCount() == 1)
    }

    @Test func textAfterAClosingQuoteIsRefusedNotMerged() throws {
        let error = try self.importError([Self.header, Self.row("Q1", ["name": "\"ab\"cd"])].joined(separator: "\n"))
        #expect(
            error.problems
                == ["catalog.csv:2: row: text after the closing quote of a value (inside quotes, write a \" as \"\")"]
        )
    }

    @Test func aJSONCatalogueWithAByteOrderMarkIsReadAsCSVIs() throws {
        let json = "\u{FEFF}" + Self.jsonCatalogue(code: "B1", name: "Tiêu")
        #expect(try self.importing(json, name: "bom.json").created == 1)
    }

    @Test func aJSONValueLongerThanCSVTakesIsRefusedLikeInCSV() throws {
        let long = String(repeating: "a", count: (1 << 20) + 1)
        let json = Self.jsonCatalogue(code: "L1", name: long)
        let error = try self.importError(json, name: "long.json")
        #expect(error.problems == ["long.json:1: name: longer than 1048576 bytes (as in CSV)"])
    }

    @Test func aJSONCatalogueTooLargeIsRefusedBeforeItIsRead() throws {
        let file = self.folder.url.appending(path: "huge.json")
        #expect(FileManager.default.createFile(atPath: file.path, contents: Data("[".utf8)))
        let handle = try FileHandle(forWritingTo: file)
        try handle.truncate(atOffset: UInt64(JSONCatalogSource.maximumBytes) + 1)  // sparse: no disk, no memory
        try handle.close()
        let error = try #require(throws: CatalogError.self) { try self.database.importCatalog(files: [file]) }
        #expect(error.problems.first?.hasSuffix("huge.json: larger than 256 MiB; split it or use CSV") == true)
    }
}

@Suite struct CalendarDateLimitTests {
    @Test func addingMonthsPastTheCalendarStopsAtItsLastDayInsteadOfTrapping() throws {
        let late = try #require(CalendarDate(year: 9998, month: 6, day: 30))
        #expect(late.adding(months: 36) == CalendarDate.last)
        #expect(late.adding(months: Int.max) == CalendarDate.last)
        #expect(late.adding(months: Int.min) == CalendarDate.first)
        #expect(
            try #require(CalendarDate(year: 2024, month: 2, day: 29)).adding(months: 36).description == "2027-02-28"
        )
    }
}
