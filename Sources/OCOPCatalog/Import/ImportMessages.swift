import Groundwork

/// The message catalogue of the catalogue import: every reason a row, a heading or a file is refused, in
/// English and Vietnamese side by side. Values from the file are quoted as written; dates are shown as each
/// language writes them (`2028-11-20`, `20/11/2028`).
enum ImportMessages {
    // MARK: Values

    static let requiredButEmpty = LocalizedText(
        en: "required, but empty",
        vi: "bắt buộc phải điền, nhưng đang để trống"
    )

    static func notOneOf(_ text: String, _ choices: [(english: String, vietnamese: String)]) -> LocalizedText {
        let english = choices.map { "\($0.english) (\($0.vietnamese))" }.joined(separator: ", ")
        let vietnamese = choices.map { "\($0.vietnamese) (\($0.english))" }.joined(separator: ", ")
        return LocalizedText(
            en: "\"\(text)\" is not one of \(english)",
            vi: "\"\(text)\" không hợp lệ; chỉ được ghi: \(vietnamese)"
        )
    }

    static func notAProductCode(_ text: String) -> LocalizedText {
        LocalizedText(
            en: "\"\(text)\" is not a product code (ASCII letters, digits, - and _, at most 50)",
            vi: "\"\(text)\" không phải mã sản phẩm (chữ không dấu, chữ số, - và _, tối đa 50 ký tự)"
        )
    }

    static func notADecisionDate(_ date: CalendarDate, from first: Int, to last: Int) -> LocalizedText {
        LocalizedText(
            en: "\(date) is not an OCOP decision date: decisions are from \(first) to \(last)",
            vi: "\(date.written(in: .vietnamese)) không phải ngày quyết định OCOP: quyết định có từ năm \(first) "
                + "đến năm \(last)"
        )
    }

    static func expiresBeforeDecision(_ expires: CalendarDate, _ decision: CalendarDate) -> LocalizedText {
        LocalizedText(
            en: "\(expires) is not after the decision date \(decision)",
            vi: "\(expires.written(in: .vietnamese)) phải sau ngày quyết định \(decision.written(in: .vietnamese))"
        )
    }

    static func expiresTooLate(_ expires: CalendarDate, _ decision: CalendarDate) -> LocalizedText {
        LocalizedText(
            en: "\(expires) is more than 10 years after the decision date \(decision)",
            vi: "\(expires.written(in: .vietnamese)) cách ngày quyết định \(decision.written(in: .vietnamese)) "
                + "hơn 10 năm"
        )
    }

    static func notATaxCode(_ text: String) -> LocalizedText {
        LocalizedText(
            en: "\"\(text)\" is not a tax code (10 or 13 digits, or 0123456789-001)",
            vi: "\"\(text)\" không phải mã số thuế (10 hoặc 13 chữ số, hoặc dạng 0123456789-001)"
        )
    }

    static let priceNotPositive = LocalizedText(en: "must be more than 0 ₫", vi: "phải lớn hơn 0 ₫")

    static let salePriceNotPositive = LocalizedText(
        en: "must be more than 0 ₫ (leave it empty when there is no sale)",
        vi: "phải lớn hơn 0 ₫ (để trống khi không khuyến mãi)"
    )

    static func salePriceNotBelowPrice(_ sale: VND, _ price: VND) -> LocalizedText {
        LocalizedText(
            en: "\(sale) is not below the price \(price)",
            vi: "\(sale) không thấp hơn giá bán \(price)"
        )
    }

    static func notANetQuantity(_ text: String) -> LocalizedText {
        LocalizedText(
            en: "\"\(text)\" is not a quantity and unit (e.g. 500 g, 750 ml, 1 hộp)",
            vi: "\"\(text)\" không phải số lượng kèm đơn vị (ví dụ 500 g, 750 ml, 1 hộp)"
        )
    }

    static let allThreeSizes = LocalizedText(
        en: "give all three of length_cm, width_cm and height_cm, or none",
        vi: "ghi đủ cả ba cột Dài (cm), Rộng (cm) và Cao (cm), hoặc để trống cả ba"
    )

    static func notAMarketplaceID(_ id: String) -> LocalizedText {
        LocalizedText(
            en: "\"\(id)\" is not a marketplace id (lowercase words joined by -, such as my-market)",
            vi: "\"\(id)\" không phải mã sàn (chữ thường nối bằng dấu -, ví dụ my-market)"
        )
    }

    static func unknownMarketplace(_ id: String, known: String) -> LocalizedText {
        LocalizedText(
            en: "unknown marketplace \"\(id)\" (known: \(known))",
            vi: "không có sàn \"\(id)\" (các sàn hỗ trợ: \(known))"
        )
    }

    static func notAnAmount(_ text: String) -> LocalizedText {
        LocalizedText(
            en: "\"\(text)\" is not a whole amount of đồng (write 185000 or 185.000)",
            vi: "\"\(text)\" không phải số tiền hợp lệ (ghi số đồng, ví dụ 185000 hoặc 185.000)"
        )
    }

    static func amountTooLarge(_ text: String, largest: VND) -> LocalizedText {
        LocalizedText(
            en: "\"\(text)\" is more than \(largest), more than any marketplace takes",
            vi: "\"\(text)\" vượt quá \(largest); không sàn nào chấp nhận"
        )
    }

    static func notAWholeNumber(_ text: String, minimum: Int) -> LocalizedText {
        LocalizedText(
            en: "\"\(text)\" is not a whole number of at least \(minimum)",
            vi: "\"\(text)\" không phải số nguyên từ \(minimum) trở lên"
        )
    }

    static func notCentimetres(_ text: String) -> LocalizedText {
        LocalizedText(
            en: "\"\(text)\" is not a size in centimetres (e.g. 12 or 12.5)",
            vi: "\"\(text)\" không phải kích thước tính bằng cm (ví dụ 12 hoặc 12,5)"
        )
    }

    static func notAStar(_ text: String) -> LocalizedText {
        LocalizedText(
            en: "\"\(text)\" is not a star rating (3, 4 or 5)",
            vi: "\"\(text)\" không phải hạng sao (3, 4 hoặc 5)"
        )
    }

    static func starNotCertified(_ value: Int) -> LocalizedText {
        LocalizedText(
            en:
                "\(value)★ is not an OCOP certification: only 3★, 4★ and 5★ products are certified and may be sold as OCOP",
            vi: "\(value)★ không phải hạng OCOP: chỉ sản phẩm 3★, 4★ và 5★ được công nhận và được bán là sản phẩm OCOP"
        )
    }

    static func notAStarValue(_ value: Int) -> LocalizedText {
        LocalizedText(
            en: "\(value) is not a star rating (3, 4 or 5)",
            vi: "\(value) không phải hạng sao (3, 4 hoặc 5)"
        )
    }

    static func notADate(_ text: String) -> LocalizedText {
        LocalizedText(
            en: "\"\(text)\" is not a date (write dd/mm/yyyy or yyyy-mm-dd)",
            vi: "\"\(text)\" không phải ngày tháng (ghi ngày/tháng/năm, ví dụ 15/03/2024)"
        )
    }

    static func gtinNotDigits(_ text: String) -> LocalizedText {
        LocalizedText(
            en: "\"\(text)\" is not a GTIN: digits only",
            vi: "\"\(text)\" không phải mã vạch: chỉ gồm chữ số"
        )
    }

    static func gtinLength(_ text: String, _ length: Int) -> LocalizedText {
        LocalizedText(
            en: "\"\(text)\" has \(length) digits; a GTIN has 8, 12, 13 or 14",
            vi: "\"\(text)\" có \(length) chữ số; mã vạch có 8, 12, 13 hoặc 14 chữ số"
        )
    }

    static func gtinCheckDigit(_ text: String, expected: String) -> LocalizedText {
        LocalizedText(
            en: "\"\(text)\" has a wrong check digit (expected \(expected) at the end)",
            vi: "\"\(text)\" sai chữ số kiểm tra (chữ số cuối phải là \(expected))"
        )
    }

    static func notAnAbsoluteURL(_ text: String) -> LocalizedText {
        LocalizedText(
            en: "\"\(text)\" is not an absolute http(s) URL",
            vi: "\"\(text)\" không phải địa chỉ web đầy đủ (bắt đầu bằng http:// hoặc https://)"
        )
    }

    static func urlHost(_ text: String) -> LocalizedText {
        LocalizedText(
            en: "\"\(text)\" has no host or a non-ASCII host (use its xn-- form)",
            vi: "\"\(text)\" không có tên miền, hoặc tên miền có dấu (dùng dạng xn-- của nó)"
        )
    }

    static func refusedCharacter(_ name: LocalizedText, codePoint: String, at offset: Int) -> LocalizedText {
        LocalizedText(
            en: "has \(name.english) (\(codePoint)) at character \(offset); remove it",
            vi: "có \(name.vietnamese) (\(codePoint)) ở ký tự thứ \(offset); hãy xoá ký tự này"
        )
    }

    static let nulCharacter = LocalizedText(en: "a NUL character", vi: "ký tự NUL")
    static let controlCharacter = LocalizedText(en: "a control character", vi: "ký tự điều khiển")
    static let nonCharacter = LocalizedText(en: "a non-character", vi: "ký tự không hợp lệ")
    static let zeroWidthCharacter = LocalizedText(
        en: "an invisible zero-width character",
        vi: "ký tự ẩn (không nhìn thấy)"
    )
    static let directionCharacter = LocalizedText(
        en: "an invisible text-direction character",
        vi: "ký tự ẩn đổi chiều chữ (không nhìn thấy)"
    )

    // MARK: Rows and headings

    static func valueCount(_ values: Int, columns: Int) -> LocalizedText {
        LocalizedText(
            en: "has \(values) values but the header has \(columns) columns",
            vi: "có \(values) ô nhưng dòng tiêu đề có \(columns) cột"
        )
    }

    static func unknownColumn(_ name: String) -> LocalizedText {
        LocalizedText(
            en: "unknown column \"\(name)\" (use --ignore-unknown-columns to skip it)",
            vi: "không nhận ra cột \"\(name)\" (thêm --ignore-unknown-columns để bỏ qua cột này)"
        )
    }

    static let unknownKey = LocalizedText(
        en: "unknown column (use --ignore-unknown-columns to skip it)",
        vi: "không nhận ra cột này (thêm --ignore-unknown-columns để bỏ qua)"
    )

    static func columnTwice(_ name: String) -> LocalizedText {
        LocalizedText(en: "column \"\(name)\" appears twice", vi: "cột \"\(name)\" xuất hiện hai lần")
    }

    static let givenTwice = LocalizedText(
        en: "given twice under different headings",
        vi: "được ghi hai lần dưới hai tiêu đề khác nhau"
    )

    static func missingRequiredColumn(_ column: CatalogColumn) -> LocalizedText {
        LocalizedText(
            en: "missing required column \(column.rawValue) (\(column.vietnameseHeadings[0]))",
            vi: "thiếu cột bắt buộc \(column.vietnameseHeadings[0]) (\(column.rawValue))"
        )
    }

    static let emptyFile = LocalizedText(
        en: "the file is empty; expected a header line of column names",
        vi: "tệp trống; cần một dòng tiêu đề ghi tên các cột"
    )

    static func longerThan(_ bytes: Int) -> LocalizedText {
        LocalizedText(en: "longer than \(bytes) bytes (as in CSV)", vi: "dài hơn \(bytes) byte")
    }

    static let notBoolean = LocalizedText(
        en: "expected text or a number, not true/false",
        vi: "cần chữ hoặc số, không phải true/false"
    )

    static let expectedTexts = LocalizedText(en: "expected a list of texts", vi: "cần một danh sách chữ")

    static let notAnObject = LocalizedText(
        en: "expected text, a number or a list of texts, not an object",
        vi: "cần chữ, số hoặc danh sách chữ, không phải một đối tượng"
    )

    static let expectedObject = LocalizedText(
        en: "expected an object with product columns",
        vi: "cần một đối tượng JSON có các cột sản phẩm"
    )

    static let quoteNeverClosed = LocalizedText(
        en: "a quoted value is never closed (missing \")",
        vi: "một giá trị mở ngoặc kép mà không đóng (thiếu \")"
    )

    static let textAfterClosingQuote = LocalizedText(
        en: "text after the closing quote of a value (inside quotes, write a \" as \"\")",
        vi: "có chữ sau dấu ngoặc kép đóng của một giá trị (trong ngoặc kép, ghi \" thành \"\")"
    )

    static func valueTooLong(_ bytes: Int) -> LocalizedText {
        LocalizedText(en: "a value is longer than \(bytes) bytes", vi: "một giá trị dài hơn \(bytes) byte")
    }

    /// A file that is not UTF-8: what to do in Excel, or how to read it as it is.
    static func notUTF8(_ file: String, line: Int) -> LocalizedText {
        LocalizedText(
            en: "\(file):\(line): the file is not UTF-8 text; in Excel choose File › Save As › "
                + "\"CSV UTF-8 (Comma delimited)\" and import that file, or import this one with --encoding windows-1258",
            vi: "\(file), dòng \(line): tệp chưa lưu ở dạng UTF-8 (Unicode); trong Excel chọn Tệp › Lưu Như › "
                + "\"CSV UTF-8 (Comma delimited)\" rồi nhập tệp đó, hoặc nhập tệp này với --encoding windows-1258"
        )
    }

    /// A file that is not text in the encoding it was read as.
    static func notInEncoding(_ file: String, line: Int, _ encoding: TextEncoding) -> LocalizedText {
        LocalizedText(
            en: "\(file):\(line): the file is not \(encoding.rawValue) text; in Excel choose File › Save As › "
                + "\"CSV UTF-8 (Comma delimited)\" and import that file",
            vi:
                "\(file), dòng \(line): tệp không đọc được theo bảng mã \(encoding.rawValue); trong Excel chọn Tệp › Lưu Như › "
                + "\"CSV UTF-8 (Comma delimited)\" rồi nhập tệp đó"
        )
    }

    static func alreadyUTF8(_ file: String) -> LocalizedText {
        LocalizedText(
            en: "\(file): the file is already UTF-8 text (as Excel's \"CSV UTF-8\" writes it): import it without "
                + "--encoding",
            vi: "\(file): tệp đã lưu ở dạng UTF-8 (như \"CSV UTF-8\" của Excel): hãy nhập mà không dùng --encoding"
        )
    }

    static func encodingUnavailable(_ file: String, _ encoding: TextEncoding) -> LocalizedText {
        LocalizedText(
            en: "\(file): this system cannot read \(encoding.rawValue) text (its C library lacks the converter); in "
                + "Excel choose File › Save As › \"CSV UTF-8 (Comma delimited)\" and import that file",
            vi:
                "\(file): máy này không đọc được chữ \(encoding.rawValue) (thư viện C thiếu bộ chuyển đổi); trong Excel "
                + "chọn Tệp › Lưu Như › \"CSV UTF-8 (Comma delimited)\" rồi nhập tệp đó"
        )
    }

    // MARK: Files

    static func cannotOpen(_ file: String, reason: String) -> LocalizedText {
        LocalizedText(
            en: "\(file): cannot open: \(reason)",
            vi: "\(file): không mở được tệp (\(reason)); hãy kiểm tra tên tệp và thư mục"
        )
    }

    // MARK: Workbooks

    static func noSuchSheet(_ file: String, _ sheet: String, sheets: [String]) -> LocalizedText {
        let listed = sheets.map { "\"\($0)\"" }.joined(separator: ", ")
        return LocalizedText(
            en: "\(file): no sheet named \"\(sheet)\" (the workbook has \(listed))",
            vi: "\(file): không có trang tính tên \"\(sheet)\" (tệp có các trang: \(listed))"
        )
    }

    static func noHeadingRow(_ file: String, searched rows: Int, sheets: [String]) -> LocalizedText {
        let listed = sheets.map { "\"\($0)\"" }.joined(separator: ", ")
        return LocalizedText(
            en: "\(file): no sheet has a heading row with the required columns "
                + CatalogColumn.required.map { "\($0.vietnameseHeadings[0]) (\($0.rawValue))" }.joined(separator: ", ")
                + " in its first \(rows) rows (sheets: \(listed))",
            vi: "\(file): không trang tính nào có dòng tiêu đề với đủ các cột bắt buộc "
                + CatalogColumn.required.map(\.vietnameseHeadings[0]).joined(separator: ", ")
                + " trong \(rows) dòng đầu (các trang: \(listed))"
        )
    }

    // MARK: Codes met twice

    static func codeTwice(_ code: String, firstFile: String, firstLine: Int) -> LocalizedText {
        LocalizedText(
            en: "\"\(code)\" is given twice; first at \(firstFile):\(firstLine)",
            vi: "\"\(code)\" được ghi hai lần; lần đầu ở \(firstFile), dòng \(firstLine)"
        )
    }

    static func codeInOtherLetters(_ code: String, first: String, firstFile: String, firstLine: Int) -> LocalizedText {
        LocalizedText(
            en: "\"\(code)\" is the code \"\(first)\" of \(firstFile):\(firstLine) in other letters; marketplaces do "
                + "not tell them apart",
            vi:
                "\"\(code)\" chính là mã \"\(first)\" ở \(firstFile), dòng \(firstLine) chỉ khác chữ hoa/chữ thường; các sàn "
                + "không phân biệt hai mã này"
        )
    }

    static func codeOfCatalogue(_ code: String, existing: String) -> LocalizedText {
        LocalizedText(
            en: "\"\(code)\" is the catalogue's \"\(existing)\" in other letters; marketplaces do not tell them "
                + "apart: write \"\(existing)\"",
            vi:
                "\"\(code)\" chính là mã \"\(existing)\" đã có trong danh sách, chỉ khác chữ hoa/chữ thường; các sàn không "
                + "phân biệt: hãy ghi \"\(existing)\""
        )
    }

    // MARK: The import as a whole

    static func nothingImported(problems: Int, badRows: Int, rows: Int, listed: Int?) -> LocalizedText {
        let more = listed.map { LocalizedText(en: " (the first \($0) are listed)", vi: " (liệt kê \($0) lỗi đầu)") }
        return LocalizedText(
            en: "nothing imported: \(problems) problem\(problems == 1 ? "" : "s") in \(badRows) of \(rows) rows or "
                + "their files",
            vi: "không nhập sản phẩm nào: có \(problems) lỗi ở \(badRows)/\(rows) dòng (hoặc ở tệp)"
        ) + (more ?? LocalizedText(verbatim: ""))
    }
}
