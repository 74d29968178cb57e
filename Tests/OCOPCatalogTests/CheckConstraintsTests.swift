import GRDB
import Testing

@testable import OCOPCatalog

/// An import into an empty catalogue checks the schema's CHECK constraints in one scan per table at its end,
/// from the expressions it reads out of the schema.
@Suite struct CheckConstraintsTests {
    @Test func theExpressionsOfEveryCheckAreReadAndQuotedWordsAreNotTheKeyword() {
        let sql = """
            CREATE TABLE "t" ("check" TEXT CHECK ("check" IN ('check (', 'a)b')), "n" INTEGER check(("n" > 0)),
                "s" TEXT DEFAULT 'CHECK (1)', "checked" INTEGER, [x] CHECK ([x] != ']'))
            """
        #expect(
            CheckConstraints.expressions(in: sql) == [
                #""check" IN ('check (', 'a)b')"#, #"("n" > 0)"#, "[x] != ']'",
            ]
        )
        #expect(CheckConstraints.expressions(in: #"CREATE TABLE t (a CHECK (a > (0)"#) == nil)
        #expect(CheckConstraints.expressions(in: #"CREATE TABLE t (a CHECK (a != 'x))"#) == nil)
    }

    @Test func rowsWrittenWithChecksOffThatBreakOneAreCounted() throws {
        let database = try CatalogDatabase.inMemory()
        try database.writer.write { db in
            for table in ["producer", "product", "certificate"] {
                let sql = try String.fetchOne(
                    db,
                    sql: "SELECT sql FROM sqlite_schema WHERE name = ?",
                    arguments: [table]
                )
                #expect(CheckConstraints.expressions(in: sql ?? "")?.isEmpty == false)
            }
            try db.execute(sql: "PRAGMA ignore_check_constraints = ON")
            defer { try? db.execute(sql: "PRAGMA ignore_check_constraints = OFF") }
            try db.execute(
                sql:
                    "INSERT INTO producer (key, name, type, province) VALUES ('k1', 'A', 'household', 'P'), ('k2', 'B', 'guild', 'P'), ('k3', 'C', NULL, 'P')"
            )
            #expect(try CheckConstraints.violations(in: "producer", db: db) == 1)
            #expect(try CheckConstraints.violations(in: "product", db: db) == 0)
        }
    }
}
