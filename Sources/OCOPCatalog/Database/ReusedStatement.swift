import GRDB
import GRDBSQLite

/// A statement prepared once and run for every row of an import, its values bound straight into SQLite.
///
/// GRDB's `StatementArguments` box every value and its statement cache hashes the whole SQL text on each
/// call; for the import's hundreds of thousands of rows that was most of the writing thread's own time. The
/// statement is GRDB's, prepared in GRDB's open transaction, but it is bound and stepped here, straight through
/// SQLite: GRDB's per-run bookkeeping (aborted and suspended transactions, regions read, autocommit
/// transitions) was 4% of an import. So it is only for inserts (upserts included) and reads inside a transaction
/// GRDB began and ends, on a connection no GRDB observation watches.
struct ReusedStatement {
    private let statement: Statement
    /// The text values bound since ``start()``, read by SQLite in place while the statement runs.
    private let texts = BoundTexts()

    /// Prepares `sql` on `db`.
    init(_ db: Database, sql: String) throws {
        self.statement = try db.makeStatement(sql: sql)
    }

    /// Starts a new run: resets the statement (a statement must be reset before it is bound again) and
    /// unbinds every value, so a value left out is NULL.
    func start() throws {
        // A reset answers the last run's error again, which that run has reported already.
        sqlite3_reset(self.statement.sqliteStatement)
        try self.check(sqlite3_clear_bindings(self.statement.sqliteStatement))
        self.texts.removeAll()
    }

    /// Binds `text` to the 1-based parameter `index`; `nil` stays NULL. The text is gathered with the run's other
    /// texts and handed to SQLite when the statement runs, to be read in place rather than copied one by one.
    func bind(_ index: Int32, _ text: String?) throws {
        guard let text else { return }
        self.texts.append(index, text)
    }

    /// Binds `number` to the 1-based parameter `index`; `nil` stays NULL.
    func bind(_ index: Int32, _ number: Int64?) throws {
        guard let number else { return }
        try self.check(sqlite3_bind_int64(self.statement.sqliteStatement, index, number))
    }

    /// Binds `number` to the 1-based parameter `index`; `nil` stays NULL.
    func bind(_ index: Int32, _ number: Int?) throws {
        try self.bind(index, number.map(Int64.init))
    }

    /// Runs a write with the values bound since ``start()``.
    func execute() throws {
        try self.check(try self.stepToTheEnd())
    }

    /// Runs a write like ``execute()``; `false`, with nothing written and the transaction going on, when the
    /// row's primary key is taken.
    func executeUnlessKeyTaken() throws -> Bool {
        let code = try self.stepToTheEnd()
        let handle = sqlite3_db_handle(self.statement.sqliteStatement)
        if code & 0xFF == SQLITE_CONSTRAINT,
            sqlite3_extended_errcode(handle) == ResultCode.SQLITE_CONSTRAINT_PRIMARYKEY.rawValue
        {
            return false
        }
        try self.check(code)
        return true
    }

    /// Steps the statement through every row with the values bound since ``start()``; SQLite's last answer.
    private func stepToTheEnd() throws -> Int32 {
        let statement = self.statement.sqliteStatement
        var code = SQLITE_OK
        try self.withTextsBound {
            code = sqlite3_step(statement)
            while code == SQLITE_ROW { code = sqlite3_step(statement) }
        }
        return code
    }

    /// Runs a read with the values bound since ``start()``, giving `body` each row's statement to read columns
    /// from (``text(_:)``); `body` returns `false` to stop early.
    func forEachRow(_ body: (ReusedStatement) throws -> Bool) throws {
        let statement = self.statement.sqliteStatement
        defer { sqlite3_reset(statement) }
        try self.withTextsBound {
            while true {
                let code = sqlite3_step(statement)
                if code == SQLITE_DONE { return }
                guard code == SQLITE_ROW else { return try self.check(code) }
                guard try body(self) else { return }
            }
        }
    }

    /// Binds the gathered texts where they lie (`SQLITE_STATIC`: SQLite neither copies nor frees them) and runs
    /// `body`, the only time the bytes are sure to stay put. SQLite reads bound values only while stepping, and
    /// ``start()`` unbinds them before the bytes change again.
    private static let empty: StaticString = ""

    private func withTextsBound(_ body: () throws -> Void) throws {
        let statement = self.statement.sqliteStatement
        try self.texts.bytes.withUnsafeBufferPointer { bytes in
            for slot in self.texts.slots {
                // Never a null pointer, even for empty text: SQLite would bind NULL.
                let text = slot.count == 0 ? ReusedStatement.empty.utf8Start : bytes.baseAddress.map { $0 + slot.start }
                try self.check(sqlite3_bind_text(statement, slot.index, text, Int32(slot.count), nil))
            }
            try body()
        }
    }

    /// The text of the 0-based column `index` of the current row; `nil` for NULL.
    func text(_ index: Int32) -> String? {
        let statement = self.statement.sqliteStatement
        guard sqlite3_column_type(statement, index) != SQLITE_NULL, let bytes = sqlite3_column_text(statement, index)
        else { return nil }
        let count = Int(sqlite3_column_bytes(statement, index))
        return String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
    }

    /// The integer of the 0-based column `index` of the current row.
    func integer(_ index: Int32) -> Int64 {
        sqlite3_column_int64(self.statement.sqliteStatement, index)
    }

    private func check(_ code: Int32) throws {
        guard code == SQLITE_OK || code == SQLITE_ROW || code == SQLITE_DONE else {
            let message = sqlite3_errmsg(sqlite3_db_handle(self.statement.sqliteStatement)).map { String(cString: $0) }
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: message, sql: self.statement.sql)
        }
    }

}

/// The bytes of the texts bound for one run of a statement, one after another, and where each one lies. A class:
/// the statement's copies share it, and its arrays keep their capacity from run to run, so binding allocates
/// nothing once they have grown.
private final class BoundTexts {
    private(set) var bytes: [UInt8]
    private(set) var slots: [(index: Int32, start: Int, count: Int)] = []

    init() {
        self.bytes = []
        self.bytes.reserveCapacity(4096)
    }

    func append(_ index: Int32, _ text: String) {
        let start = self.bytes.count
        // One copy of the bytes where they lie rather than through the UTF-8 view's iterator.
        if text.utf8.withContiguousStorageIfAvailable({ self.bytes.append(contentsOf: $0) }) == nil {
            self.bytes.append(contentsOf: text.utf8)
        }
        self.slots.append((index, start, self.bytes.count - start))
    }

    func removeAll() {
        self.bytes.removeAll(keepingCapacity: true)
        self.slots.removeAll(keepingCapacity: true)
    }
}
