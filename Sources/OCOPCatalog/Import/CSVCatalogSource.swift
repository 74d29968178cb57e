public import Foundation
import Groundwork

/// Reads catalogue rows from a CSV file whose first record is the header.
public struct CSVCatalogSource: CatalogRowSource, ~Copyable {
    private var reader: CSVRecordReader
    private let file: String
    private let headings: [CatalogColumn.Heading?]
    private let writtenHeadings: [CatalogColumn.Heading: String]

    /// Opens `url` and reads its header. Throws when the file cannot be read or the header is unusable:
    /// no header, a heading we do not know (unless `ignoreUnknownColumns`), a repeated or missing column.
    /// A `<marketplace>_category` heading must name one of `marketplaces` (any well-formed id when empty).
    public init(
        url: URL,
        file: String,
        ignoreUnknownColumns: Bool = false,
        marketplaces: [MarketplaceID] = [],
        encoding: TextEncoding? = nil
    ) throws(CatalogError) {
        var reader = try CSVRecordReader(url: url, file: file, encoding: encoding)
        // Title lines above the headings (a sheet saved from Excel) are passed over: the header is the first of
        // the top lines that names every required column; when none does, the first line, so its problems show.
        let isHeading = { (names: [String]) in
            CatalogColumn.namesEveryRequiredColumn(names, marketplaces: marketplaces)
        }
        var top: [(line: Int, names: [String])] = []
        while top.count < XLSXCatalogSource.headingSearchDepth, let record = try reader.next() {
            top.append((record.line, try Self.names(record, first: top.isEmpty, file: file)))
            if isHeading(top[top.count - 1].names) { break }
        }
        guard !top.isEmpty else {
            throw CatalogError(.invalidInput, LocalizedText(verbatim: "\(file): ") + ImportMessages.emptyFile)
        }
        // No line names every required column: the one naming most of them (a heading line with a column missing
        // or misspelt) has its problems reported, else the first line.
        let requiredNamed = top.map { CatalogColumn.requiredColumnsNamed($0.names, marketplaces: marketplaces) }
        let likeliest = requiredNamed.indices.max { (requiredNamed[$0], $1) < (requiredNamed[$1], $0) } ?? 0
        let header =
            top.first { isHeading($0.names) }
            ?? (requiredNamed[likeliest] >= CatalogColumn.headingLikeness ? top[likeliest] : top[0])
        if header.line != top.last!.line {
            // No heading line found: read on from the line after the first, as before.
            reader = try CSVRecordReader(url: url, file: file, encoding: encoding)
            _ = try reader.next()
        }
        (self.headings, self.writtenHeadings) = try HeaderMapping.columns(
            of: header.names,
            file: file,
            line: header.line,
            ignoreUnknownColumns: ignoreUnknownColumns,
            marketplaces: marketplaces
        )
        self.reader = reader
        self.file = file
    }

    /// A record's fields as heading names (the first line's BOM dropped), or why they cannot be.
    private static func names(_ record: CSVRecordReader.Record, first: Bool, file: String) throws(CatalogError)
        -> [String]
    {
        var names: [String] = []
        for (index, bytes) in record.fields.enumerated() {
            var bytes = bytes[...]
            if first, index == 0, bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }  // Excel's BOM
            guard let name = String(validating: bytes, as: UTF8.self) else {
                throw CatalogError(.invalidInput, ImportMessages.notUTF8(file, line: record.line))
            }
            names.append(name)
        }
        return names
    }

    public mutating func nextRow() throws(CatalogError) -> CatalogRow? {
        var next = try self.reader.next()
        // A blank line of separators (`;;;;`, Excel's leftover rows) is no product.
        while let record = next, record.bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) {
            next = try self.reader.next()
        }
        guard let record = next else { return nil }
        var row = CatalogRow(file: self.file, line: record.line, writtenHeadings: self.writtenHeadings)
        if record.count != self.headings.count {
            row.problems.append(
                row.problem("row", ImportMessages.valueCount(record.count, columns: self.headings.count))
            )
            return row
        }
        // Every field read where it lies in the record's one array (no slice of it made per field).
        let ends = record.ends
        let taken = record.bytes.withUnsafeBufferPointer { bytes in
            for (index, heading) in self.headings.enumerated() {
                guard let heading else { continue }
                let start = index == 0 ? 0 : ends[index - 1]
                guard row.set(heading, utf8: UnsafeBufferPointer(rebasing: bytes[start..<ends[index]])) else {
                    return false
                }
            }
            return true
        }
        // A file in another encoding: one line saying what to do, not one per value.
        guard taken else { throw CatalogError(.invalidInput, ImportMessages.notUTF8(self.file, line: record.line)) }
        return row
    }
}

extension CatalogColumn.Heading {
    /// The name messages use: the English column name.
    var name: String {
        switch self {
        case .column(let column): column.rawValue
        case .categoryOverride(let marketplace): "\(marketplace.rawValue)_category"
        }
    }
}

/// Turns the names in a header (CSV header line or JSON keys) into columns, checking the set is usable.
enum HeaderMapping {
    /// The column each cell of a heading row names (`nil` for a cell left empty, which Excel's trailing `;;;`
    /// and blank columns are: a column nobody named is ignored), and each column's heading as written.
    static func columns(
        of cells: [String],
        file: String,
        line: Int,
        ignoreUnknownColumns: Bool,
        marketplaces: [MarketplaceID]
    ) throws(CatalogError) -> (headings: [CatalogColumn.Heading?], written: [CatalogColumn.Heading: String]) {
        let named = cells.enumerated().compactMap { cell -> (offset: Int, name: String)? in
            let name = String(cell.element.trimmingSpaces)
            return name.isEmpty ? nil : (cell.offset, name)
        }
        let recognised = try Self.recognise(
            named.map(\.name),
            file: file,
            line: line,
            ignoreUnknownColumns: ignoreUnknownColumns,
            marketplaces: marketplaces
        )
        var headings = [CatalogColumn.Heading?](repeating: nil, count: cells.count)
        var written: [CatalogColumn.Heading: String] = [:]
        for (cell, heading) in zip(named, recognised) {
            headings[cell.offset] = heading
            if let heading { written[heading] = cell.name }
        }
        return (headings, written)
    }

    static func recognise(
        _ names: [String],
        file: String,
        line: Int,
        ignoreUnknownColumns: Bool,
        marketplaces: [MarketplaceID]
    ) throws(CatalogError) -> [CatalogColumn.Heading?] {
        var headings: [CatalogColumn.Heading?] = []
        var problems: [LocalizedText] = []
        func problem(_ reason: LocalizedText) -> LocalizedText {
            RowProblem(file: file, line: line, column: "header", reason: reason).text
        }
        var seen: Set<CatalogColumn.Heading> = []
        for name in names {
            let heading = CatalogColumn.recognise(name, marketplaces: marketplaces)
            if let heading {
                if !seen.insert(heading).inserted { problems.append(problem(ImportMessages.columnTwice(name))) }
            } else if !ignoreUnknownColumns {
                problems.append(problem(ImportMessages.unknownColumn(name)))
            }
            headings.append(heading)
        }
        for column in CatalogColumn.required where !seen.contains(.column(column)) {
            problems.append(problem(ImportMessages.missingRequiredColumn(column)))
        }
        guard problems.isEmpty else {
            throw CatalogError(.invalidInput, problems[0], problems: problems)
        }
        return headings
    }
}
