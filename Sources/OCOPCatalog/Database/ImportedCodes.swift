import GRDB

/// The codes an import into a catalogue that holds products has read so far, and where each was read first:
/// there an upsert would take a code given twice as an update, so each code is noted before its row is written.
///
/// The codes live in a temporary SQLite table, not in memory, so memory stays flat. Without a rowid the table is
/// one B-tree keyed by code (ignoring letter case), not a table and an index beside it.
struct ImportedCodes {
    private let insert: ReusedStatement
    private let first: ReusedStatement
    private let db: Database

    /// An empty set of codes on `db`, inside its transaction.
    init(db: Database) throws {
        self.db = db
        try db.execute(
            sql: """
                CREATE TEMP TABLE IF NOT EXISTS importedCodes (code TEXT PRIMARY KEY COLLATE NOCASE, file INTEGER,
                    line INTEGER) WITHOUT ROWID
                """
        )
        try db.execute(sql: "DELETE FROM importedCodes")
        self.insert = try ReusedStatement(
            db,
            sql: "INSERT INTO importedCodes (code, file, line) VALUES (?, ?, ?) ON CONFLICT (code) DO NOTHING"
        )
        self.first = try ReusedStatement(db, sql: "SELECT code, file, line FROM importedCodes WHERE code = ?")
    }

    /// Notes that `code` was read at `line` of file number `file`; when it was read before (in any letters), the
    /// code as first read and its place instead.
    func note(_ code: String, file: Int, line: Int) throws -> (code: String, file: Int, line: Int)? {
        try self.insert.start()
        try self.insert.bind(1, code)
        try self.insert.bind(2, file)
        try self.insert.bind(3, line)
        try self.insert.execute()
        guard self.db.changesCount == 0 else { return nil }
        var first: (code: String, file: Int, line: Int) = (code, file, 0)
        try self.first.start()
        try self.first.bind(1, code)
        try self.first.forEachRow { row in
            first = (row.text(0) ?? code, Int(row.integer(1)), Int(row.integer(2)))
            return false
        }
        return first
    }
}
