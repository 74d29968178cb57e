import Foundation
import GRDB
import Groundwork

/// Writes an import's rows as they are read, in the one open transaction: counts what each product did, and
/// gathers every problem so that ``finish()`` throws them all (and the transaction rolls back) when there is any.
struct RowImporter {
    private var writer: ProductWriter
    private var collector: ProblemCollector
    private var summary = ImportSummary()
    /// The database's error that stopped the import, thrown by ``finish()``.
    private var failure: (any Error)?

    /// Starts writing on `db`, inside its transaction; `limit` is how many problems are listed at most.
    init(db: Database, now: Date, limit: Int) throws {
        self.writer = try ProductWriter(db: db, now: now)
        self.collector = ProblemCollector(limit: limit)
    }

    /// Writes or notes one row or file problem; `false` when the database failed and reading should stop.
    mutating func take(_ message: ImportMessage) -> Bool {
        do {
            try self.write(message)
            return true
        } catch {
            self.failure = error
            return false
        }
    }

    /// What the import did; throws the database's error, or the collected problems.
    func finish() throws -> ImportSummary {
        if let failure = self.failure { throw failure }
        guard self.collector.count == 0 else { throw self.collector.error(rows: self.summary.rows) }
        return self.summary
    }

    private mutating func write(_ message: ImportMessage) throws {
        switch message {
        case .fileProblem(let error):
            self.collector.add(error)
        case .badRow(let problems):
            self.summary.rows += 1
            self.collector.add(problems.all)
        case .product(let product, let hash, let file, let line):
            self.summary.rows += 1
            switch try self.writer.write(product, hash: hash, file: file, line: line) {
            case .created: self.summary.created += 1
            case .updated: self.summary.updated += 1
            case .unchanged: self.summary.unchanged += 1
            case .duplicate(let firstCode, let firstFile, let firstLine):
                let reason =
                    firstCode == product.code.rawValue
                    ? ImportMessages.codeTwice(product.code.rawValue, firstFile: firstFile, firstLine: firstLine)
                    : ImportMessages.codeInOtherLetters(
                        product.code.rawValue,
                        first: firstCode,
                        firstFile: firstFile,
                        firstLine: firstLine
                    )
                self.collector.add([RowProblem(file: file, line: line, column: "code", reason: reason)])
            case .caseOfExisting(let existing):
                let reason = ImportMessages.codeOfCatalogue(product.code.rawValue, existing: existing)
                self.collector.add([RowProblem(file: file, line: line, column: "code", reason: reason)])
            }
        }
    }
}

/// One row (decoded and hashed, or its problems) or one unreadable file, as the import reads them.
enum ImportMessage {
    /// A good row: its product, the product's content hash, and where it was read.
    case product(Product, hash: String, file: String, line: Int)
    /// A bad row's problems.
    case badRow(RowProblems)
    /// A file that could not be read on.
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
