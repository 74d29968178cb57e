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
                // Reading, checking and hashing rows runs on a second thread; this one only writes.
                let channel = BoundedChannel<[ImportMessage]>(capacity: 4)
                DispatchQueue.global(qos: .userInitiated).async {
                    Self.read(files, options: options, into: channel, progress: progress)
                }
                do {
                    return try Self.write(from: channel, db: db, now: now, options: options)
                } catch {
                    channel.cancel()
                    channel.waitUntilClosed()
                    throw error
                }
            }
        } catch let error as CatalogError {
            throw error
        } catch {
            throw CatalogError(.database, "could not write the catalogue: \(Self.describe(error))")
        }
    }

    /// Reads every row of every file, decodes and hashes it, and sends it on in batches; closes the
    /// channel at the end (or when the writer cancels).
    private static func read(
        _ files: [URL],
        options: ImportOptions,
        into channel: BoundedChannel<[ImportMessage]>,
        progress: (@Sendable (Int) -> Void)?
    ) {
        defer { channel.close() }
        let decoder = ProductRowDecoder(marketplaces: options.marketplaces)
        var batch: [ImportMessage] = []
        var rows = 0
        func drain<Source: CatalogRowSource & ~Copyable>(_ source: inout Source) throws(CatalogError) -> Bool {
            while let row = try source.nextRow() {
                rows += 1
                if rows.isMultiple(of: 10_000) { progress?(rows) }
                let decoded = decoder.decode(row).map { product in (product, product.contentHash) }
                batch.append(.row(file: row.file, line: row.line, decoded: decoded))
                if batch.count == 256 {
                    guard channel.send(batch) else { return false }
                    batch.removeAll(keepingCapacity: true)
                }
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
                batch.append(.fileProblem(error))  // The file cannot be read on; keep checking the other files.
            }
        }
        _ = channel.send(batch)
    }

    /// Writes what the reading thread sends, in one transaction; throws the collected problems when any
    /// row or file was bad, so that the transaction rolls back.
    private static func write(
        from channel: BoundedChannel<[ImportMessage]>,
        db: Database,
        now: Date,
        options: ImportOptions
    ) throws -> ImportSummary {
        var collector = ProblemCollector(limit: options.maximumProblemsListed)
        var writer = try ProductWriter(db: db, now: now)
        defer { writer.close() }
        var summary = ImportSummary()
        while let batch = channel.receive() {
            for message in batch {
                switch message {
                case .fileProblem(let error):
                    collector.add(error)
                case .row(_, _, .failure(let problems)):
                    summary.rows += 1
                    collector.add(problems.all)
                case .row(let file, let line, .success((let product, let hash))):
                    summary.rows += 1
                    switch try writer.write(product, hash: hash, file: file, line: line) {
                    case .created: summary.created += 1
                    case .updated: summary.updated += 1
                    case .unchanged: summary.unchanged += 1
                    case .duplicate(let firstCode, let firstFile, let firstLine):
                        let reason =
                            firstCode == product.code.rawValue
                            ? ImportMessages.codeTwice(
                                product.code.rawValue,
                                firstFile: firstFile,
                                firstLine: firstLine
                            )
                            : ImportMessages.codeInOtherLetters(
                                product.code.rawValue,
                                first: firstCode,
                                firstFile: firstFile,
                                firstLine: firstLine
                            )
                        collector.add([RowProblem(file: file, line: line, column: "code", reason: reason)])
                    case .caseOfExisting(let existing):
                        collector.add([
                            RowProblem(
                                file: file,
                                line: line,
                                column: "code",
                                reason: ImportMessages.codeOfCatalogue(product.code.rawValue, existing: existing)
                            )
                        ])
                    }
                }
            }
        }
        guard collector.count == 0 else { throw collector.error(rows: summary.rows) }
        try writer.finish()
        return summary
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

/// One row (decoded and hashed, or its problems) or one unreadable file, from the reading thread.
private enum ImportMessage: Sendable {
    case row(file: String, line: Int, decoded: Result<(Product, String), RowProblems>)
    case fileProblem(CatalogError)
}

/// Gathers the problems of an import, listing up to a limit and counting them all.
private struct ProblemCollector {
    let limit: Int
    private(set) var listed: [LocalizedText] = []
    private(set) var count = 0
    private var badRows = Set<String>()
    /// Whether every problem so far is a file that could not be opened (not bad data).
    private var onlyUnreadableFiles = true

    init(limit: Int) {
        self.limit = limit
    }

    mutating func add(_ problems: [RowProblem]) {
        self.onlyUnreadableFiles = false
        for problem in problems {
            self.badRows.insert("\(problem.file):\(problem.line)")
            self.note(problem.text)
        }
    }

    mutating func add(_ error: CatalogError) {
        if error.code != .unreadableFile { self.onlyUnreadableFiles = false }
        for problem in error.problemTexts.isEmpty ? [error.text] : error.problemTexts { self.note(problem) }
    }

    private mutating func note(_ line: LocalizedText) {
        self.count += 1
        if self.listed.count < self.limit { self.listed.append(line) }
    }

    func error(rows: Int) -> CatalogError {
        CatalogError(
            self.onlyUnreadableFiles ? .unreadableFile : .invalidInput,
            ImportMessages.nothingImported(
                problems: self.count,
                badRows: max(self.badRows.count, 1),
                rows: rows,
                listed: self.count > self.listed.count ? self.listed.count : nil
            ),
            problems: self.listed
        )
    }
}
