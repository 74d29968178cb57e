import GRDB

/// The CHECK constraints of a table, read from the statement SQLite keeps in its schema, to check every row at
/// once: what an import does after writing with SQLite's own checks turned off.
enum CheckConstraints {
    /// How many rows of `table` break one of its CHECK constraints. One scan of the table: SQLite's
    /// `quick_check`, which also checks them, reads every page's structure besides and costs ten times as much.
    static func violations(in table: String, db: Database) throws -> Int {
        let sql = try String.fetchOne(
            db,
            sql: "SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = ?",
            arguments: [table]
        )
        guard let sql, let expressions = Self.expressions(in: sql) else {
            // A statement this reader cannot take apart: let SQLite check everything.
            let problems = try String.fetchAll(db, sql: "PRAGMA quick_check(\(table.quotedDatabaseIdentifier))")
            return problems == ["ok"] ? 0 : problems.count
        }
        guard !expressions.isEmpty else { return 0 }
        // A CHECK fails only when its expression is false; NULL passes, and NOT NULL is NULL again.
        let broken = expressions.map { "NOT (\($0))" }.joined(separator: " OR ")
        return try Int.fetchOne(
            db,
            sql: "SELECT count(*) FROM \(table.quotedDatabaseIdentifier) WHERE \(broken)"
        ) ?? 0
    }

    /// The expression inside each `CHECK (…)` of `sql`, a `CREATE TABLE` statement; `nil` when a parenthesis or
    /// a quote is left open. Words inside quotes (`'check'`, `"check"`) are not the keyword.
    static func expressions(in sql: String) -> [String]? {
        let bytes = Array(sql.utf8)
        var expressions: [String] = []
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if let closing = Self.closingQuote(byte) {
                guard let end = Self.end(ofQuoteFrom: index, closing: closing, in: bytes) else { return nil }
                index = end
            } else if Self.isKeyword(at: index, in: bytes) {
                index += 5
                while index < bytes.count, bytes[index] == UInt8(ascii: " ") || bytes[index] == 0x0A { index += 1 }
                guard index < bytes.count, bytes[index] == UInt8(ascii: "("),
                    let end = Self.end(ofParenthesesFrom: index, in: bytes)
                else { return nil }
                expressions.append(String(decoding: bytes[(index + 1)..<(end - 1)], as: UTF8.self))
                index = end
            } else {
                index += 1
            }
        }
        return expressions
    }

    /// The byte that closes a quote `byte` opens, if it opens one.
    private static func closingQuote(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "'"), UInt8(ascii: "\""), UInt8(ascii: "`"): byte
        case UInt8(ascii: "["): UInt8(ascii: "]")
        default: nil
        }
    }

    /// Just past the quote opened at `start` (a doubled closing byte stays inside); `nil` when it never closes.
    private static func end(ofQuoteFrom start: Int, closing: UInt8, in bytes: [UInt8]) -> Int? {
        var index = start + 1
        while index < bytes.count {
            if bytes[index] == closing {
                if closing != UInt8(ascii: "]"), index + 1 < bytes.count, bytes[index + 1] == closing {
                    index += 2
                    continue
                }
                return index + 1
            }
            index += 1
        }
        return nil
    }

    /// Just past the parenthesis that closes the one at `start`, quotes skipped; `nil` when it never closes.
    private static func end(ofParenthesesFrom start: Int, in bytes: [UInt8]) -> Int? {
        var depth = 0
        var index = start
        while index < bytes.count {
            let byte = bytes[index]
            if let closing = Self.closingQuote(byte) {
                guard let end = Self.end(ofQuoteFrom: index, closing: closing, in: bytes) else { return nil }
                index = end
                continue
            }
            if byte == UInt8(ascii: "(") { depth += 1 }
            if byte == UInt8(ascii: ")") {
                depth -= 1
                if depth == 0 { return index + 1 }
            }
            index += 1
        }
        return nil
    }

    /// Whether the word `CHECK` (any case) starts at `index`, standing alone.
    private static func isKeyword(at index: Int, in bytes: [UInt8]) -> Bool {
        let word = Array("check".utf8)
        guard index + word.count <= bytes.count else { return false }
        for offset in 0..<word.count where bytes[index + offset] | 0x20 != word[offset] { return false }
        func isWordByte(_ position: Int) -> Bool {
            guard bytes.indices.contains(position) else { return false }
            let byte = bytes[position]
            // A letter of either case, a digit, `_`, or part of a character beyond ASCII.
            return (0x61...0x7A).contains(byte | 0x20) || (0x30...0x39).contains(byte) || byte == UInt8(ascii: "_")
                || byte >= 0x80
        }
        return !isWordByte(index - 1) && !isWordByte(index + word.count)
    }
}
