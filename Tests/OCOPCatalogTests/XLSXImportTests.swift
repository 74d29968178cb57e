import Foundation
import Groundwork
import OCOPCatalog
import TestSupport
import Testing
import ZIPFoundation

/// Writes a minimal Excel workbook (the parts a reader needs: the workbook, its relationships, shared strings,
/// styles and sheets) as Excel lays them out.
struct WorkbookWriter {
    /// A cell: text (shared or inline), a number, or a date serial shown with a date format.
    enum Cell {
        case shared(String)
        case inline(String)
        case number(String)
        case date(Int)
        /// A number under the custom format `#,##0\ \V\N\D` (escaped letters: not a date).
        case amount(String)
        case empty
    }

    var sheets: [(name: String, rows: [[Cell]], merges: [String])]
    /// Whether the workbook counts dates from 1904 (`workbookPr date1904`).
    var date1904 = false

    func write(to url: URL) throws {
        var shared: [String] = []
        func escaped(_ text: String) -> String {
            text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
                .replacingOccurrences(of: "\"", with: "&quot;")
        }
        func column(_ index: Int) -> String {
            var index = index
            var name = ""
            repeat {
                name = String(UnicodeScalar(UInt8(65 + index % 26))) + name
                index = index / 26 - 1
            } while index >= 0
            return name
        }
        var parts: [(String, String)] = []
        for (number, sheet) in self.sheets.enumerated() {
            var xml =
                #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#
            for (r, row) in sheet.rows.enumerated() {
                xml += "<row r=\"\(r + 1)\">"
                for (c, cell) in row.enumerated() {
                    let ref = "\(column(c))\(r + 1)"
                    switch cell {
                    case .shared(let text):
                        shared.append(text)
                        xml += "<c r=\"\(ref)\" t=\"s\"><v>\(shared.count - 1)</v></c>"
                    case .inline(let text):
                        xml +=
                            "<c r=\"\(ref)\" t=\"inlineStr\"><is><t xml:space=\"preserve\">\(escaped(text))</t></is></c>"
                    case .number(let value): xml += "<c r=\"\(ref)\"><v>\(value)</v></c>"
                    case .date(let serial): xml += "<c r=\"\(ref)\" s=\"1\"><v>\(serial)</v></c>"
                    case .amount(let value): xml += "<c r=\"\(ref)\" s=\"3\"><v>\(value)</v></c>"
                    case .empty: xml += "<c r=\"\(ref)\" s=\"2\"/>"
                    }
                }
                xml += "</row>"
            }
            xml += "</sheetData>"
            if !sheet.merges.isEmpty {
                xml +=
                    "<mergeCells count=\"\(sheet.merges.count)\">"
                    + sheet.merges.map { "<mergeCell ref=\"\($0)\"/>" }.joined() + "</mergeCells>"
            }
            parts.append(("xl/worksheets/sheet\(number + 1).xml", xml + "</worksheet>"))
        }
        let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
        let relations = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        parts.append(
            (
                "xl/workbook.xml",
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook xmlns=\"\(main)\" xmlns:r=\"\(relations)\">"
                    + (self.date1904 ? "<workbookPr date1904=\"1\"/>" : "") + "<sheets>"
                    + self.sheets.enumerated().map {
                        "<sheet name=\"\(escaped($1.name))\" sheetId=\"\($0 + 1)\" r:id=\"rId\($0 + 1)\"/>"
                    }
                    .joined() + "</sheets></workbook>"
            )
        )
        parts.append(
            (
                "xl/_rels/workbook.xml.rels",
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                    + self.sheets.indices.map {
                        "<Relationship Id=\"rId\($0 + 1)\" Type=\"\(relations)/worksheet\" Target=\"worksheets/sheet\($0 + 1).xml\"/>"
                    }
                    .joined() + "</Relationships>"
            )
        )
        parts.append(
            (
                "xl/sharedStrings.xml",
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><sst xmlns=\"\(main)\" count=\"\(shared.count)\">"
                    + shared.map { "<si><t>\(escaped($0))</t></si>" }.joined() + "</sst>"
            )
        )
        // Style 1: dd/mm/yyyy (a custom date format, id 164); style 2: the general number format.
        parts.append(
            (
                "xl/styles.xml",
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><styleSheet xmlns=\"\(main)\"><numFmts count=\"2\">"
                    + "<numFmt numFmtId=\"164\" formatCode=\"dd/mm/yyyy;@\"/>"
                    + ##"<numFmt numFmtId="165" formatCode="#,##0\ \V\N\D"/></numFmts><cellXfs count="4">"##
                    + "<xf numFmtId=\"0\"/><xf numFmtId=\"164\" applyNumberFormat=\"1\"/><xf numFmtId=\"0\"/>"
                    + "<xf numFmtId=\"165\" applyNumberFormat=\"1\"/></cellXfs></styleSheet>"
            )
        )
        parts.append(
            (
                "[Content_Types].xml",
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>"
            )
        )
        let archive = try Archive(url: url, accessMode: .create)
        for (path, text) in parts {
            let data = Data(text.utf8)
            try archive.addEntry(
                with: path,
                type: .file,
                uncompressedSize: Int64(data.count),
                compressionMethod: .deflate
            ) {
                position,
                size in data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
    }
}

@Suite struct XLSXImportTests {
    let database: CatalogDatabase
    let folder: TemporaryFolder

    init() throws {
        self.database = try CatalogDatabase.inMemory()
        self.folder = try TemporaryFolder()
    }

    /// An office's workbook: a notes sheet first; then a title row merged across the top, a blank row,
    /// headings in odd case and spacing (an unnamed column among them), products with Excel dates, a price
    /// as written in Vietnam, a stock as a number, and a blank row between them.
    func officeWorkbook(
        star secondStar: WorkbookWriter.Cell = .number("4"),
        decisionDateHeading: String = "Ngày quyết định",
        secondStock: String = "30"
    ) -> WorkbookWriter {
        let headings: [WorkbookWriter.Cell] = [
            .shared("  MÃ SẢN PHẨM "), .shared("Tên sản phẩm"), .shared("nhóm sản phẩm"), .shared("Hạng sao"),
            .shared("Số quyết định"), .shared(decisionDateHeading), .empty, .shared("Chủ thể"), .shared("Tỉnh"),
            .shared("Giá"), .shared("Tồn kho"), .shared("Hình ảnh"), .empty, .empty,
        ]
        func product(_ code: String, _ name: String, star: WorkbookWriter.Cell, date: Int, stock: String)
            -> [WorkbookWriter.Cell]
        {
            [
                .inline(code), .inline(name), .inline("Thực phẩm"), star, .inline("2719/QĐ-UBND"), .date(date),
                .inline("ghi chú riêng"), .inline("HTX Nông nghiệp Ea Tu"), .inline("Đắk Lắk"), .inline("320.000 đ"),
                .number(stock), .inline("https://cdn.example.vn/\(code).jpg"),
            ]
        }
        return WorkbookWriter(sheets: [
            ("Ghi chú", [[.inline("Danh sách gửi Sở Công Thương, cập nhật tháng 11/2026")]], []),
            (
                "Danh sách",
                [
                    [.inline("DANH SÁCH SẢN PHẨM OCOP TỈNH ĐẮK LẮK NĂM 2026"), .empty, .empty, .empty],
                    [],
                    headings,
                    product("EATU-CP-250", "Cà phê bột Ea Tu 250 g", star: .number("4"), date: 45_642, stock: "1200"),
                    [.empty, .empty, .empty],
                    product(
                        "EATU-CP-500",
                        "Cà phê bột Ea Tu 500 g",
                        star: secondStar,
                        date: 45_550,
                        stock: secondStock
                    ),
                ],
                ["A1:D1"]
            ),
        ])
    }

    func product(_ code: String) throws -> Product {
        let code = try #require(ProductCode(code))
        return try #require(try self.database.product(code: code))
    }

    @Test func anOfficeWorkbookImportsWholeWithTheRightValues() throws {
        let url = self.folder.url.appending(path: "ocop-daklak.xlsx")
        try self.officeWorkbook().write(to: url)
        let summary = try self.database.importCatalog(files: [url])
        #expect(summary.rows == 2)
        let first = try self.product("EATU-CP-250")
        #expect(first.certificate.decisionDate.description == "2024-12-16")  // Excel serial 45642
        #expect(first.price.amount == 320_000)
        #expect(first.stock == 1200)
        #expect(first.certificate.star == .four)
        let second = try self.product("EATU-CP-500")
        #expect(second.certificate.decisionDate.description == "2024-09-15")  // 45550
    }

    @Test func aWorkbookIsKnownByItsBytesWhateverItsName() throws {
        let url = self.folder.url.appending(path: "danh-sach.csv")
        try self.officeWorkbook().write(to: url)
        #expect(try self.database.importCatalog(files: [url]).rows == 2)
    }

    @Test func aBadRowIsNamedByItsExcelRowAndNothingIsImported() throws {
        let url = self.folder.url.appending(path: "ocop-daklak.xlsx")
        try self.officeWorkbook(star: .number("7")).write(to: url)
        let error = try #require(throws: CatalogError.self) { try self.database.importCatalog(files: [url]) }
        // Row 6 in Excel: title, blank, headings, a product, a blank row, then this one.
        // Named by the heading as the workbook writes it, in each language.
        #expect(
            error.problemTexts.contains {
                $0.english.hasSuffix("/ocop-daklak.xlsx [Danh sách]:6: Hạng sao: 7 is not a star rating (3, 4 or 5)")
                    && $0.vietnamese.hasSuffix(
                        "/ocop-daklak.xlsx [Danh sách], dòng 6: Hạng sao: 7 không phải hạng sao (3, 4 hoặc 5)"
                    )
            },
            "\(error.problemTexts)"
        )
        #expect(try self.database.productCount() == 0)
    }

    @Test func aNumberCellsDecimalIsNotTakenForThousands() throws {
        // 1.234 typed as a number is one and a bit, not 1,234 (a text cell "1.234" is, as written in Vietnam).
        let url = self.folder.url.appending(path: "ocop-daklak.xlsx")
        try self.officeWorkbook(secondStock: "1.234").write(to: url)
        let error = try #require(throws: CatalogError.self) { try self.database.importCatalog(files: [url]) }
        #expect(error.problems.contains { $0.hasSuffix(":6: Tồn kho: \"1.2340\" is not a whole number of at least 0") })
        #expect(try self.database.productCount() == 0)
    }

    @Test func aHeadingRowWithAMisspeltColumnNamesThatColumnNotAllTen() throws {
        let url = self.folder.url.appending(path: "ocop-daklak.xlsx")
        try self.officeWorkbook(decisionDateHeading: "Ngày QĐ").write(to: url)
        let error = try #require(throws: CatalogError.self) { try self.database.importCatalog(files: [url]) }
        let vietnamese = error.problemTexts.map(\.vietnamese)
        #expect(
            vietnamese.contains {
                $0.hasSuffix(
                    "ocop-daklak.xlsx [Danh sách], dòng 3: dòng tiêu đề: không nhận ra cột \"Ngày QĐ\" "
                        + "(thêm --ignore-unknown-columns để bỏ qua cột này)"
                )
            },
            "\(vietnamese)"
        )
        #expect(
            error.problems.contains {
                $0.hasSuffix(
                    "ocop-daklak.xlsx [Danh sách]:3: header: missing required column decision_date (Ngày quyết định)"
                )
            },
            "\(error.problems)"
        )
        #expect(!error.problems.contains { $0.contains("no sheet has a heading row") })
    }

    @Test func aSheetAskedForByNameMustExistAndAWorkbookWithoutHeadingsSaysWhatItNeeds() throws {
        let url = self.folder.url.appending(path: "ocop-daklak.xlsx")
        try self.officeWorkbook().write(to: url)
        let missing = try #require(throws: CatalogError.self) {
            try self.database.importCatalog(files: [url], options: ImportOptions(sheet: "Sheet1"))
        }
        #expect(
            missing.problems.contains {
                $0.contains("no sheet named \"Sheet1\" (the workbook has \"Ghi chú\", \"Danh sách\")")
            },
            "\(missing.problems)"
        )
        let notes = self.folder.url.appending(path: "notes.xlsx")
        try WorkbookWriter(sheets: [("Ghi chú", [[.inline("chỉ có ghi chú")]], [])]).write(to: notes)
        let none = try #require(throws: CatalogError.self) { try self.database.importCatalog(files: [notes]) }
        #expect(
            none.problems.contains {
                $0.contains("no sheet has a heading row with the required columns Mã sản phẩm (code)")
            },
            "\(none.problems)"
        )
    }

    @Test func mergesFillDownAColumnButNotAcrossAndEscapedLettersInAFormatAreNoDate() throws {
        let headings: [WorkbookWriter.Cell] = [
            .inline("code"), .inline("name"), .inline("group"), .inline("star"), .inline("decision_number"),
            .inline("decision_date"), .inline("producer"), .inline("province"), .inline("price"), .inline("images"),
            .empty, .empty,
        ]
        func product(_ code: String, producer: WorkbookWriter.Cell) -> [WorkbookWriter.Cell] {
            [
                .inline(code), .inline("Mật ong hoa cà phê \(code)"), .inline("food"), .number("4"), .inline("1/QĐ"),
                .date(45_642), producer, .inline("Đắk Lắk"), .amount("320000"),
                .inline("https://cdn.example.vn/\(code).jpg"),
            ]
        }
        let url = self.folder.url.appending(path: "merged.xlsx")
        // The images heading spreads over J1:L1; one producer's cell covers G2:G3.
        try WorkbookWriter(sheets: [
            (
                "Sheet1",
                [
                    headings, product("MO-1", producer: .inline("HTX Ong mật Krông Pắc")),
                    product("MO-2", producer: .empty),
                ],
                ["J1:L1", "G2:G3"]
            )
        ]).write(to: url)
        #expect(try self.database.importCatalog(files: [url]).rows == 2)
        #expect(try self.product("MO-2").producer.name == "HTX Ong mật Krông Pắc")
        #expect(try self.product("MO-1").price.amount == 320_000)
    }

    @Test func aWorkbookCountingFrom1904GivesTheSameDay() throws {
        var workbook = self.officeWorkbook()
        workbook.date1904 = true
        // The same days counted from 1 January 1904: 1,462 fewer.
        workbook.sheets[1].rows = workbook.sheets[1].rows.map { row in
            row.map { if case .date(let serial) = $0 { .date(serial - 1462) } else { $0 } }
        }
        let url = self.folder.url.appending(path: "mac.xlsx")
        try workbook.write(to: url)
        _ = try self.database.importCatalog(files: [url])
        #expect(try self.product("EATU-CP-250").certificate.decisionDate.description == "2024-12-16")
    }

    @Test func excelSerialDatesFollowThe1900DateSystem() {
        #expect(ExcelDate.iso(serial: 1) == "1900-01-01")
        #expect(ExcelDate.iso(serial: 59) == "1900-02-28")
        #expect(ExcelDate.iso(serial: 61) == "1900-03-01")  // 60 is Excel's phantom 29 February 1900
        #expect(ExcelDate.iso(serial: 45_642) == "2024-12-16")
    }
}
