import Foundation
import ZIPFoundation

/// An Excel workbook (Office Open XML, `.xlsx`) read for its sheets' cell values: the workbook's sheet list,
/// the shared strings, which cell styles are dates (the 1900 date system, by number format), and each sheet
/// as rows of text with merged cells filled in.
struct XLSXWorkbook {
    /// A sheet: its name as the tabs show it, and its part in the archive.
    struct Sheet {
        var name: String
        var part: String
    }

    let sheets: [Sheet]
    private let archive: Archive
    private let file: String
    private let sharedStrings: [String]
    private let dateStyles: Set<Int>
    /// Whether dates count from 1904 (`workbookPr date1904`, Excel for Mac's old default) instead of 1900.
    private let date1904: Bool

    /// Whether `url` starts as a zip archive does (`PK\3\4`), whatever it is named.
    static func isWorkbook(_ url: URL) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: url.path) else { return false }
        defer { try? handle.close() }
        return (try? handle.read(upToCount: 4)) == Data([0x50, 0x4B, 0x03, 0x04])
    }

    /// Opens the workbook at `url`; `file` is how messages name it.
    init(url: URL, file: String) throws(CatalogError) {
        let archive: Archive
        do {
            archive = try Archive(url: url, accessMode: .read)
        } catch {
            throw CatalogError(.invalidInput, "\(file): not an Excel workbook (.xlsx) that can be opened")
        }
        func part(_ path: String) throws(CatalogError) -> Data? {
            guard let entry = archive[path] else { return nil }
            return try Self.unpack(entry, from: archive, name: "\(file): \(path)")
        }
        guard let workbook = try part("xl/workbook.xml") else {
            throw CatalogError(
                .invalidInput,
                "\(file): a zip file but not an Excel workbook; save it from Excel as .xlsx or as CSV UTF-8"
            )
        }
        let relations =
            try part("xl/_rels/workbook.xml.rels").map { data throws(CatalogError) in
                try Self.relations(data, file: file)
            } ?? [:]
        (self.sheets, self.date1904) = try Self.sheets(workbook, relations: relations, file: file)
        self.sharedStrings =
            try part("xl/sharedStrings.xml").map { data throws(CatalogError) in
                try Self.sharedStrings(data, file: file)
            } ?? []
        self.dateStyles =
            try part("xl/styles.xml").map { data throws(CatalogError) in
                try Self.dateStyles(data, file: file)
            } ?? []
        self.archive = archive
        self.file = file
    }

    /// The rows of `sheet`, by Excel row number, each a list of cell texts by column (0 = A); merged cells
    /// carry their top-left value in every cell they cover.
    func rows(of sheet: Sheet) throws(CatalogError) -> [(number: Int, cells: [String])] {
        guard let entry = self.archive[sheet.part] else {
            throw CatalogError(.invalidInput, "\(self.file): sheet \"\(sheet.name)\" is missing from the workbook")
        }
        let data = try Self.unpack(entry, from: self.archive, name: "\(self.file): sheet \"\(sheet.name)\"")
        var reader = try XMLPart(data, name: "\(self.file): sheet \"\(sheet.name)\"")
        var rows: [Int: [Int: String]] = [:]
        var merges: [(rows: ClosedRange<Int>, columns: ClosedRange<Int>)] = []
        var rowNumber = 0
        var column = -1
        var type = ""
        var style = 0
        var value = ""
        var inValue = false
        while let event = try reader.next() {
            switch event {
            case .start(name: "row", _):
                rowNumber = reader.attribute("r").flatMap(Int.init).map { min(max($0, 1), 1_048_576) } ?? rowNumber + 1
                column = -1
            case .start(name: "c", let isEmpty):
                let reference = reader.attribute("r").flatMap(Self.reference)
                column = reference?.column ?? min(column + 1, Self.columns - 1)
                if let row = reference?.row { rowNumber = row }
                type = reader.attribute("t") ?? "n"
                style = reader.attribute("s").flatMap(Int.init) ?? 0
                value = ""
                if isEmpty { continue }
            case .start(name: "v", let isEmpty), .start(name: "t", let isEmpty):
                inValue = !isEmpty
            case .text(let text) where inValue:
                value += text
            case .end(name: "v"), .end(name: "t"):
                inValue = false
            case .end(name: "c"):
                if let text = self.text(value, type: type, style: style), !text.isEmpty {
                    rows[rowNumber, default: [:]][column] = text
                }
            case .start(name: "mergeCell", _):
                if let range = reader.attribute("ref"), let merge = Self.range(range) { merges.append(merge) }
            default:
                break
            }
        }
        // A merge down a column (one producer over several products) gives each row its value; across
        // columns (a title, a heading spread wide) it stays in its first cell, or it would land in other columns.
        let lastRow = rows.keys.max() ?? 0
        for merge in merges where merge.rows.lowerBound < lastRow {
            let column = merge.columns.lowerBound
            guard let top = rows[merge.rows.lowerBound]?[column] else { continue }
            for row in merge.rows.lowerBound...min(merge.rows.upperBound, lastRow) {
                rows[row, default: [:]][column] = top
            }
        }
        return rows.keys.sorted().map { number in
            let cells = rows[number] ?? [:]
            let width = (cells.keys.max() ?? -1) + 1
            return (number, (0..<width).map { cells[$0] ?? "" })
        }
    }

    /// The most a part may unpack to: counted as it unpacks, since a zip's declared sizes can lie.
    static let largestPart = 256 << 20

    /// `entry` unpacked, refused past ``largestPart`` (a zip bomb) or when damaged.
    private static func unpack(_ entry: Entry, from archive: Archive, name: String) throws(CatalogError) -> Data {
        struct TooLarge: Error {}
        var data = Data()
        do {
            _ = try archive.extract(entry, skipCRC32: false) { chunk in
                guard data.count + chunk.count <= Self.largestPart else { throw TooLarge() }
                data.append(chunk)
            }
        } catch is TooLarge {
            throw CatalogError(.invalidInput, "\(name) unpacks to more than \(Self.largestPart >> 20) MiB")
        } catch {
            throw CatalogError(.invalidInput, "\(name) cannot be unpacked (a damaged workbook?)")
        }
        return data
    }

    /// A cell's text: a shared or inline string, a boolean, or a number (a date when its style formats one,
    /// written yyyy-mm-dd; a whole number without a decimal point).
    private func text(_ raw: String, type: String, style: Int) -> String? {
        switch type {
        case "s": return Int(raw).flatMap { self.sharedStrings.indices.contains($0) ? self.sharedStrings[$0] : nil }
        case "inlineStr", "str": return raw
        case "b": return raw == "1" ? "TRUE" : "FALSE"
        case "e": return nil
        default:
            guard let number = Double(raw) else { return raw }
            if self.dateStyles.contains(style), let date = ExcelDate.iso(serial: number, date1904: self.date1904) {
                return date
            }
            if number == number.rounded(), abs(number) < 1e15 { return String(Int64(number)) }
            return Self.unambiguousDecimal(raw)
        }
    }

    /// A number cell's decimal as text no value parser can take for Vietnamese thousands: `1.234` (one and a bit)
    /// is written `1.2340`, which the stock, weight and price parsers refuse instead of reading 1234; every other
    /// decimal (`12.5`, `0.75`) is already unambiguous.
    static func unambiguousDecimal(_ raw: String) -> String {
        let parts = raw.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[1].count == 3, parts[1].allSatisfy(\.isNumber),
            (1...3).contains(parts[0].trimmingPrefix("-").count)
        else { return raw }
        return raw + "0"
    }

    /// `B12` as its column (0-based) and row.
    static func reference(_ text: String) -> (column: Int, row: Int)? {
        var column = 0
        var digits = ""
        for scalar in text.unicodeScalars {
            if ("A"..."Z").contains(scalar) {
                guard digits.isEmpty, column <= Self.columns / 26 else { return nil }
                column = column * 26 + Int(scalar.value - 64)
            } else if ("0"..."9").contains(scalar) {
                digits.unicodeScalars.append(scalar)
            } else if scalar != "$" {
                return nil
            }
        }
        // Excel's own bounds: XFD (16,384 columns) and 1,048,576 rows.
        guard (1...Self.columns).contains(column), digits.count <= 7, let row = Int(digits),
            (1...1_048_576).contains(row)
        else { return nil }
        return (column - 1, row)
    }

    /// How many columns a sheet has at most (A to XFD).
    static let columns = 16_384

    /// `A1:C3` as its rows and columns.
    static func range(_ text: String) -> (rows: ClosedRange<Int>, columns: ClosedRange<Int>)? {
        let ends = text.split(separator: ":").map(String.init)
        guard ends.count == 2, let start = self.reference(ends[0]), let end = self.reference(ends[1]),
            start.row <= end.row, start.column <= end.column
        else { return nil }
        return (start.row...end.row, start.column...end.column)
    }

    private static func relations(_ data: Data, file: String) throws(CatalogError) -> [String: String] {
        var reader = try XMLPart(data, name: "\(file): xl/_rels/workbook.xml.rels")
        var targets: [String: String] = [:]
        while let event = try reader.next() {
            guard case .start(name: "Relationship", _) = event, let id = reader.attribute("Id"),
                let target = reader.attribute("Target")
            else { continue }
            targets[id] = target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
        }
        return targets
    }

    private static func sheets(_ data: Data, relations: [String: String], file: String) throws(CatalogError)
        -> ([Sheet], date1904: Bool)
    {
        var reader = try XMLPart(data, name: "\(file): xl/workbook.xml")
        var sheets: [Sheet] = []
        var date1904 = false
        while let event = try reader.next() {
            if case .start(name: "workbookPr", _) = event {
                date1904 = ["1", "true"].contains(reader.attribute("date1904")?.lowercased() ?? "")
            }
            guard case .start(name: "sheet", _) = event else { continue }
            let name = reader.attribute("name") ?? "Sheet\(sheets.count + 1)"
            let part =
                reader.attribute("r:id").flatMap { relations[$0] } ?? "xl/worksheets/sheet\(sheets.count + 1).xml"
            sheets.append(Sheet(name: name, part: part))
        }
        return (sheets, date1904)
    }

    /// Each `<si>`'s text: its `<t>`, or the `<t>` of each of its rich-text runs (phonetic runs left out).
    private static func sharedStrings(_ data: Data, file: String) throws(CatalogError) -> [String] {
        var reader = try XMLPart(data, name: "\(file): xl/sharedStrings.xml")
        var strings: [String] = []
        var current = ""
        var inText = false
        var inPhonetic = false
        while let event = try reader.next() {
            switch event {
            case .start(name: "si", let isEmpty):
                current = ""
                if isEmpty { strings.append("") }  // an empty string is still an entry: later indices count it
            case .end(name: "si"): strings.append(current)
            case .start(name: "rPh", _): inPhonetic = true
            case .end(name: "rPh"): inPhonetic = false
            case .start(name: "t", let isEmpty): inText = !isEmpty && !inPhonetic
            case .end(name: "t"): inText = false
            case .text(let text) where inText: current += text
            default: break
            }
        }
        return strings
    }

    /// The cell styles (`cellXfs` indices) whose number format shows a date: Excel's built-in date formats
    /// (14–22, 27–36, 45–47, 50–58) or a custom format with day, month or year codes outside quotes.
    private static func dateStyles(_ data: Data, file: String) throws(CatalogError) -> Set<Int> {
        var reader = try XMLPart(data, name: "\(file): xl/styles.xml")
        var customDates: Set<Int> = []
        var styles: Set<Int> = []
        var inCellFormats = false
        var index = 0
        let builtIn = Set(Array(14...22) + Array(27...36) + Array(45...47) + Array(50...58))
        while let event = try reader.next() {
            switch event {
            case .start(name: "numFmt", _):
                if let id = reader.attribute("numFmtId").flatMap(Int.init), let code = reader.attribute("formatCode"),
                    Self.isDateFormat(code)
                {
                    customDates.insert(id)
                }
            case .start(name: "cellXfs", _): inCellFormats = true
            case .end(name: "cellXfs"): inCellFormats = false
            case .start(name: "xf", _) where inCellFormats:
                let format = reader.attribute("numFmtId").flatMap(Int.init) ?? 0
                if builtIn.contains(format) || customDates.contains(format) { styles.insert(index) }
                index += 1
            default: break
            }
        }
        return styles
    }

    /// Whether a number format code shows a date: `d`, `m` with `d` or `y`, or `y`, outside quotes and brackets.
    static func isDateFormat(_ code: String) -> Bool {
        var plain = ""
        var quoted = false
        var bracketed = false
        var skipNext = false
        for character in code.lowercased() {
            if skipNext {
                skipNext = false
                continue
            }
            switch character {
            case "\"": quoted.toggle()
            case "\\" where !quoted, "_" where !quoted, "*" where !quoted:
                skipNext = true  // an escaped, spaced or repeated character: text, not a date code
            case "[" where !quoted: bracketed = true
            case "]" where !quoted: bracketed = false
            default: if !quoted && !bracketed { plain.append(character) }
            }
        }
        return plain.contains("y") || plain.contains("d")
    }
}
