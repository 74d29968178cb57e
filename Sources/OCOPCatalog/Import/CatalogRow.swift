public import Groundwork

/// One product's values as read from a CSV record or a JSON object, before any value is checked.
public struct CatalogRow: Sendable {
    /// The file's name as the user gave it, for messages.
    public var file: String
    /// The line the row starts on (1-based; a CSV header is line 1).
    public var line: Int
    /// Non-empty values, trimmed and NFC, by column.
    public var values: [CatalogColumn: String] {
        get {
            var values: [CatalogColumn: String] = [:]
            for column in CatalogColumn.allCases { values[column] = self[column] }
            return values
        }
        set {
            self.slots = Array(repeating: nil, count: CatalogColumn.allCases.count)
            for (column, value) in newValue { self[column] = value }
        }
    }
    /// The values by ``CatalogColumn/ordinal``: a row's columns are looked up dozens of times, without hashing.
    private var slots: [String?]
    /// Category ids given in `<marketplace>_category` columns.
    public var categoryOverrides: [MarketplaceID: String]
    /// What was already wrong while reading (a value that is not UTF-8…).
    public var problems: [RowProblem]
    /// Each column's heading exactly as the file writes it (`Hạng  sao`), so problems name what the person sees.
    public var writtenHeadings: [CatalogColumn.Heading: String]

    /// Creates a row.
    public init(
        file: String,
        line: Int,
        values: [CatalogColumn: String] = [:],
        categoryOverrides: [MarketplaceID: String] = [:],
        problems: [RowProblem] = [],
        writtenHeadings: [CatalogColumn.Heading: String] = [:]
    ) {
        self.writtenHeadings = writtenHeadings
        self.file = file
        self.line = line
        self.slots = Array(repeating: nil, count: CatalogColumn.allCases.count)
        for (column, value) in values { self.slots[column.ordinal] = value }
        self.categoryOverrides = categoryOverrides
        self.problems = problems
    }

    /// The value of `column`, `nil` when the row has none.
    subscript(column: CatalogColumn) -> String? {
        get { self.slots[column.ordinal] }
        set { self.slots[column.ordinal] = newValue }
    }

    /// Records the UTF-8 text `utf8` under `heading`, as ``set(_:_:)`` does; `false` when it is not UTF-8.
    /// Text with nothing to trim, already NFC and with no character to look at closely (``TextSafety/isPlain(_:)``,
    /// nearly every value) is taken as it is, checked to be UTF-8 in the same pass, without reading it again.
    mutating func set(_ heading: CatalogColumn.Heading, utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let text = TextSafety.plainText(utf8) else {
            // Through UTF8Span: `String(validating:as:)` is generic over the encoding and looked its type up each time.
            guard let span = try? UTF8Span(validating: utf8.span) else { return false }
            self.set(heading, String(copying: span))
            return true
        }
        switch heading {
        case .column(let column): self[column] = text
        case .categoryOverride(let marketplace): self.categoryOverrides[marketplace] = text
        }
        return true
    }

    /// Records `text` under `heading`: trimmed, NFC, and only when something is left; a value with a
    /// character no feed can carry (``TextSafety``) is a problem of the row instead.
    mutating func set(_ heading: CatalogColumn.Heading, _ text: String) {
        let value = text.trimmingSpaces.nfc
        guard !value.isEmpty else { return }
        switch heading {
        case .column(let column):
            if let reason = TextSafety.problem(in: value, identifying: TextSafety.identifying.contains(column)) {
                self.problems.append(self.problem(column.rawValue, reason))
            } else {
                self[column] = value
            }
        case .categoryOverride(let marketplace):
            if let reason = TextSafety.problem(in: value, identifying: true) {
                self.problems.append(self.problem("\(marketplace.rawValue)_category", reason))
            } else {
                self.categoryOverrides[marketplace] = value
            }
        }
    }

    /// A problem with this row, naming the column by its heading as the file writes it.
    func problem(_ column: String, _ reason: LocalizedText) -> RowProblem {
        let heading = self.writtenHeadings.first { $0.key.name == column }?.value
        return RowProblem(file: self.file, line: self.line, column: column, heading: heading, reason: reason)
    }
}

/// Why one row (or one file) cannot be imported: `file:line: heading: reason` (`file, dòng N: …` in Vietnamese).
public struct RowProblem: Hashable, Sendable, CustomStringConvertible {
    public var file: String
    /// The line (CSV, JSON) or Excel row number the row starts on.
    public var line: Int
    /// The column's English name, or `header` / `row` / `file` for problems that are not one value's.
    public var column: String
    /// The column's heading as the file writes it; `nil` when the file has none (a column left out).
    public var writtenHeading: String?
    public var reason: LocalizedText

    /// Creates a problem; `heading` is the column's heading as the file writes it.
    public init(file: String, line: Int, column: String, heading: String? = nil, reason: LocalizedText) {
        self.file = file
        self.line = line
        self.column = column
        self.writtenHeading = heading
        self.reason = reason
    }

    /// The problem in each language: `file:6: Hạng sao: …` and `file, dòng 6: Hạng sao: …`. A column the file
    /// does not have is named as that language names it (`star`, `Hạng sao`).
    public var text: LocalizedText {
        let heading = self.writtenHeading.map(LocalizedText.init(verbatim:)) ?? self.columnName
        return LocalizedText(
            en: "\(self.file):\(self.line): \(heading.english): \(self.reason.english)",
            vi: "\(self.file), dòng \(self.line): \(heading.vietnamese): \(self.reason.vietnamese)"
        )
    }

    private var columnName: LocalizedText {
        switch self.column {
        case "header": LocalizedText(en: "header", vi: "dòng tiêu đề")
        case "row": LocalizedText(en: "row", vi: "cả dòng")
        case "file": LocalizedText(en: "file", vi: "tệp")
        default:
            LocalizedText(
                en: self.column,
                vi: CatalogColumn(rawValue: self.column)?.vietnameseHeadings[0] ?? self.column
            )
        }
    }

    public var description: String { self.text.english }
}

/// Every problem of one row.
public struct RowProblems: Error, Hashable, Sendable {
    /// The problems, in column order.
    public var all: [RowProblem]

    /// Wraps problems.
    public init(all: [RowProblem]) {
        self.all = all
    }
}

/// Something that yields catalogue rows one at a time: a CSV reader, a JSON reader.
public protocol CatalogRowSource: ~Copyable {
    /// The next row, or `nil` at the end. Throws only when the file as a whole cannot be read on.
    mutating func nextRow() throws(CatalogError) -> CatalogRow?
}
