import GRDB
import GRDBSQLite

/// A statement prepared once and run for every row of an import, its values bound straight into SQLite.
///
/// GRDB's `StatementArguments` box every value and its statement cache hashes the whole SQL text on each
/// call; for the import's hundreds of thousands of rows that was most of the writing thread's own time. The
/// statement is still GRDB's, so writes go through GRDB's `execute()` (its transaction bookkeeping and
/// observers see them); only binding, and stepping through a read's rows, are done here.
struct ReusedStatement {
    private let statement: Statement

    /// Prepares `sql` on `db`.
    init(_ db: Database, sql: String) throws {
        self.statement = try db.makeStatement(sql: sql)
        // No GRDB arguments: GRDB then takes the statement's bindings as they are, which are the ones made here.
        self.statement.setUncheckedArguments(StatementArguments())
    }

    /// Starts a new run: resets the statement (a statement must be reset before it is bound again) and
    /// unbinds every value, so a value left out is NULL.
    func start() throws {
        try self.check(sqlite3_reset(self.statement.sqliteStatement))
        try self.check(sqlite3_clear_bindings(self.statement.sqliteStatement))
    }

    /// Binds `text` (SQLite copies it) to the 1-based parameter `index`; `nil` stays NULL.
    func bind(_ index: Int32, _ text: String?) throws {
        guard var text else { return }
        let statement = self.statement.sqliteStatement
        let code = text.withUTF8 { bytes in
            // SQLITE_TRANSIENT (-1): SQLite copies the text before this returns.
            sqlite3_bind_text(statement, index, bytes.baseAddress, Int32(bytes.count), ReusedStatement.transient)
        }
        try self.check(code)
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
        try self.statement.execute()
    }

    /// Runs a read with the values bound since ``start()``, giving `body` each row's statement to read columns
    /// from (``text(_:)``); `body` returns `false` to stop early.
    func forEachRow(_ body: (ReusedStatement) throws -> Bool) throws {
        let statement = self.statement.sqliteStatement
        defer { sqlite3_reset(statement) }
        while true {
            let code = sqlite3_step(statement)
            if code == SQLITE_DONE { return }
            guard code == SQLITE_ROW else { return try self.check(code) }
            guard try body(self) else { return }
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

    /// SQLite's `SQLITE_TRANSIENT` destructor, which C spells `((sqlite3_destructor_type)-1)`: a macro Swift
    /// cannot import. The value is only ever compared by SQLite, never called.
    private static let transient = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)
}
