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
            let sql = try String.fetchOne(db, sql: "SELECT sql FROM sqlite_schema WHERE name = 'product'")
            #expect(CheckConstraints.expressions(in: sql ?? "")?.count == 8)
            try db.execute(sql: "PRAGMA ignore_check_constraints = ON")
            defer { try? db.execute(sql: "PRAGMA ignore_check_constraints = OFF") }
            #expect(try CheckConstraints.violations(in: "product", db: db) == 0)
            for (code, producerType, star) in [("P-1", "household", 4), ("P-2", "guild", 4), ("P-3", "household", 2)] {
                try db.execute(
                    sql: """
                        INSERT INTO product (code, name, productGroup, brand, priceVND, images, categoryOverrides,
                            producerName, producerType, province, star, decisionNumber, decisionDate, issuedBy,
                            expires, status, contentHash, updatedAt)
                        VALUES (?, 'A', 'food', 'B', 1000, '[]', '{}', 'C', ?, 'P', ?, '1/QĐ', '2024-01-01', 'UBND',
                            '2027-01-01', 'active', 'h', '2026-12-06')
                        """,
                    arguments: [code, producerType, star]
                )
            }
            #expect(try CheckConstraints.violations(in: "product", db: db) == 2)
        }
    }
}
