public import Foundation
import GRDB
import Groundwork

/// What an import did.
public struct ImportSummary: Hashable, Sendable, Codable {
    /// Rows read from all files.
    public var rows = 0
    /// Products that were not in the catalogue.
    public var created = 0
    /// Products whose content changed.
    public var updated = 0
    /// Products imported exactly as the catalogue already held them.
    public var unchanged = 0

    /// An empty summary.
    public init() {}
}

/// How to import.
public struct ImportOptions: Hashable, Sendable {
    /// Skip columns we do not know instead of refusing the file.
    public var ignoreUnknownColumns: Bool
    /// How many problems an error lists at most (all are counted).
    public var maximumProblemsListed: Int
    /// The marketplaces a row's `marketplaces` may name (the adapter registry's); empty for any well-formed id.
    public var marketplaces: [MarketplaceID]
    /// The sheet of an Excel workbook to read (`--sheet`); `nil`: the first with a heading row.
    public var sheet: String?
    /// The encoding of CSV files (`--encoding`); `nil`: UTF-8, or UTF-16 by its byte-order mark.
    public var encoding: TextEncoding?

    /// Creates options.
    public init(
        ignoreUnknownColumns: Bool = false,
        maximumProblemsListed: Int = 1000,
        marketplaces: [MarketplaceID] = [],
        sheet: String? = nil,
        encoding: TextEncoding? = nil
    ) {
        self.sheet = sheet
        self.encoding = encoding
        self.ignoreUnknownColumns = ignoreUnknownColumns
        self.maximumProblemsListed = maximumProblemsListed
        self.marketplaces = marketplaces
    }
}

extension CatalogDatabase {
    /// Imports CSV and JSON catalogue files, all or nothing.
    ///
    /// Every row of every file is checked. When any row (or file) is bad, nothing is written and one
    /// ``CatalogError`` (code ``CatalogError/Code/invalidInput``) lists each problem as
    /// `file:line: column: reason`. Otherwise products are upserted by code in one transaction; a product
    /// imported unchanged is not written at all.
    ///
    /// - Parameters:
    ///   - files: The files; `.json` files (or files starting with `[` or `{`) are JSON, the rest CSV.
    ///   - now: The time recorded as the products' `updatedAt`.
    ///   - progress: Called every 10,000 rows with the number of rows read so far.
    public func importCatalog(
        files: [URL],
        options: ImportOptions = ImportOptions(),
        now: Date = Date(),
        progress: (@Sendable (Int) -> Void)? = nil
    ) throws(CatalogError) -> ImportSummary {
        do {
            return try self.writer.write { db in
                // A larger page cache for the import's one big transaction keeps SQLite from spilling pages to the
                // WAL before commit; it is a bound (32 MiB), so memory stays flat in the number of rows. The
                // connection gets its own back after, as a scheduler keeps it open.
                let cacheSize = try Int.fetchOne(db, sql: "PRAGMA cache_size") ?? -2000
                try db.execute(sql: "PRAGMA cache_size = -32768")
                defer { try? db.execute(sql: "PRAGMA cache_size = \(cacheSize)") }
                // One thread reads, checks, hashes and writes each row in turn: handing rows to a second thread
                // cost more CPU (allocations freed on the other thread, waking it) than it saved in time.
                var importer = try RowImporter(db: db, now: now, limit: options.maximumProblemsListed)
                Self.read(files, options: options, progress: progress) { importer.take($0) }
                return try importer.finish()
            }
        } catch let error as CatalogError {
            throw error
        } catch {
            throw CatalogError(.database, "could not write the catalogue: \(Self.describe(error))")
        }
    }

    /// Reads every row of every file, decodes and hashes it, and gives it to `take`, stopping when `take`
    /// returns `false`.
    private static func read(
        _ files: [URL],
        options: ImportOptions,
        progress: (@Sendable (Int) -> Void)?,
        take: (ImportMessage) -> Bool
    ) {
        let decoder = ProductRowDecoder(marketplaces: options.marketplaces)
        var rows = 0
        func drain<Source: CatalogRowSource & ~Copyable>(_ source: inout Source) throws(CatalogError) -> Bool {
            while let row = try source.nextRow() {
                rows += 1
                if rows.isMultiple(of: 10_000) { progress?(rows) }
                let message: ImportMessage
                switch decoder.decode(row) {
                case .success(let product):
                    message = .product(product, hash: product.contentHash, file: row.file, line: row.line)
                case .failure(let problems):
                    message = .badRow(problems)
                }
                guard take(message) else { return false }
            }
            return true
        }
        for url in files {
            let file = url.baseURL == nil ? url.path : url.relativePath  // as the user wrote it
            do {
                let goOn: Bool
                if XLSXWorkbook.isWorkbook(url) {
                    var source = try XLSXCatalogSource(
                        url: url,
                        file: file,
                        sheet: options.sheet,
                        ignoreUnknownColumns: options.ignoreUnknownColumns,
                        marketplaces: options.marketplaces
                    )
                    goOn = try drain(&source)
                } else if try Self.isJSON(url, file: file) {
                    var source = try JSONCatalogSource(
                        url: url,
                        file: file,
                        ignoreUnknownColumns: options.ignoreUnknownColumns,
                        marketplaces: options.marketplaces
                    )
                    goOn = try drain(&source)
                } else {
                    var source = try CSVCatalogSource(
                        url: url,
                        file: file,
                        ignoreUnknownColumns: options.ignoreUnknownColumns,
                        marketplaces: options.marketplaces,
                        encoding: options.encoding
                    )
                    goOn = try drain(&source)
                }
                guard goOn else { return }
            } catch {
                // The file cannot be read on; keep checking the other files.
                guard take(.fileProblem(error)) else { return }
            }
        }
    }

    private static func isJSON(_ url: URL, file: String) throws(CatalogError) -> Bool {
        switch url.pathExtension.lowercased() {
        case "json": return true
        case "csv", "tsv", "txt": return false
        default:
            guard let handle = FileHandle(forReadingAtPath: url.path) else {
                throw CatalogError(
                    .unreadableFile,
                    ImportMessages.cannotOpen(file, reason: "no such file or no permission")
                )
            }
            defer { try? handle.close() }
            let start = (try? handle.read(upToCount: 64)) ?? Data()
            let firstByte = start.first { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }
            return firstByte == UInt8(ascii: "[") || firstByte == UInt8(ascii: "{")
        }
    }
}
