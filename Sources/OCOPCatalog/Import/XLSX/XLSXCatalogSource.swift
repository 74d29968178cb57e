public import Foundation

/// Reads catalogue rows from an Excel workbook as offices keep them: the sheet named `sheet`, else the first
/// sheet with a heading row (a notes sheet before it is passed over); title rows above the headings skipped;
/// blank rows skipped and columns without a heading ignored. Rows are numbered as Excel numbers them.
public struct XLSXCatalogSource: CatalogRowSource, ~Copyable {
    private let rows: [(number: Int, cells: [String])]
    private var next: Int
    private let file: String
    private let headings: [CatalogColumn.Heading?]
    private let writtenHeadings: [CatalogColumn.Heading: String]

    /// How many rows from the top a heading row is looked for in.
    static let headingSearchDepth = 30

    /// Opens the workbook at `url` and finds its heading row. Throws when the workbook cannot be read, the
    /// sheet asked for does not exist, or no sheet has the required headings (naming the sheets there are).
    public init(
        url: URL,
        file: String,
        sheet: String? = nil,
        ignoreUnknownColumns: Bool = false,
        marketplaces: [MarketplaceID] = []
    ) throws(CatalogError) {
        let workbook = try XLSXWorkbook(url: url, file: file)
        let names = workbook.sheets.map(\.name)
        let candidates: [XLSXWorkbook.Sheet]
        if let sheet {
            guard let named = workbook.sheets.first(where: { $0.name == sheet }) else {
                throw CatalogError(.invalidInput, ImportMessages.noSuchSheet(file, sheet, sheets: names))
            }
            candidates = [named]
        } else {
            candidates = workbook.sheets
        }
        // The row most like a heading row, should no row name every required column: its own problems say what
        // is missing or misspelt.
        var likeliest: (sheet: XLSXWorkbook.Sheet, row: (number: Int, cells: [String]), named: Int)?
        for candidate in candidates {
            let rows = try workbook.rows(of: candidate)
            for row in rows.prefix(Self.headingSearchDepth) {
                let named = CatalogColumn.requiredColumnsNamed(row.cells, marketplaces: marketplaces)
                if named > likeliest?.named ?? CatalogColumn.headingLikeness - 1 { likeliest = (candidate, row, named) }
            }
            guard let index = Self.headingRow(rows, marketplaces: marketplaces) else { continue }
            let header = rows[index]
            let sheetFile = workbook.sheets.count > 1 ? "\(file) [\(candidate.name)]" : file
            (self.headings, self.writtenHeadings) = try HeaderMapping.columns(
                of: header.cells,
                file: sheetFile,
                line: header.number,
                ignoreUnknownColumns: ignoreUnknownColumns,
                marketplaces: marketplaces
            )
            self.rows = rows
            self.next = index + 1
            self.file = sheetFile
            return
        }
        if let (sheet, row, _) = likeliest {
            _ = try HeaderMapping.columns(
                of: row.cells,
                file: workbook.sheets.count > 1 ? "\(file) [\(sheet.name)]" : file,
                line: row.number,
                ignoreUnknownColumns: ignoreUnknownColumns,
                marketplaces: marketplaces
            )
        }
        throw CatalogError(
            .invalidInput,
            ImportMessages.noHeadingRow(file, searched: Self.headingSearchDepth, sheets: names)
        )
    }

    /// The index of the first row, near the top, whose cells name every required column.
    private static func headingRow(_ rows: [(number: Int, cells: [String])], marketplaces: [MarketplaceID]) -> Int? {
        rows.prefix(Self.headingSearchDepth).firstIndex {
            CatalogColumn.namesEveryRequiredColumn($0.cells, marketplaces: marketplaces)
        }
    }

    public mutating func nextRow() throws(CatalogError) -> CatalogRow? {
        while self.next < self.rows.count {
            let (number, cells) = self.rows[self.next]
            self.next += 1
            // Excel's leftovers: a row with nothing in any named column is no product.
            let values = zip(self.headings, cells).filter { $0.0 != nil && !$0.1.trimmingSpaces.isEmpty }
            guard !values.isEmpty else { continue }
            var row = CatalogRow(file: self.file, line: number, writtenHeadings: self.writtenHeadings)
            for (heading, text) in values {
                guard let heading else { continue }
                row.set(heading, text)
            }
            return row
        }
        return nil
    }
}
