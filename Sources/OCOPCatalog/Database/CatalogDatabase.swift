import Foundation
package import GRDB

/// The one database of OCOP Connect: the catalogue now, the ledger and run history later.
///
/// A `Sendable` value owning a GRDB writer (a `DatabasePool` on disk, a `DatabaseQueue` in memory) that is
/// migrated when opened. Each method is one whole transaction.
public struct CatalogDatabase: Sendable {
    /// The connection(s); `package` so that `Publishing` can write its ledger in the same transactions.
    package let writer: any DatabaseWriter

    /// Opens (creating if needed) the catalogue at `path` and brings its schema up to date.
    public init(path: String) throws(CatalogError) {
        do {
            var configuration = Configuration()
            configuration.foreignKeysEnabled = true
            configuration.busyMode = .timeout(10)
            let pool = try DatabasePool(path: path, configuration: configuration)
            try Self.migrator.migrate(pool)
            self.writer = pool
        } catch {
            throw CatalogError(.database, "cannot open the catalogue \(path): \(Self.describe(error))")
        }
    }

    /// A fresh catalogue in memory, for tests.
    public static func inMemory() throws(CatalogError) -> CatalogDatabase {
        do {
            let queue = try DatabaseQueue()
            try Self.migrator.migrate(queue)
            return CatalogDatabase(writer: queue)
        } catch {
            throw CatalogError(.database, "cannot create an in-memory catalogue: \(Self.describe(error))")
        }
    }

    private init(writer: any DatabaseWriter) {
        self.writer = writer
    }

    /// One line for a database error: SQLite's own message, without the statement and arguments.
    static func describe(_ error: any Error) -> String {
        if let error = error as? DatabaseError { return error.message ?? "\(error.resultCode)" }
        if let error = error as? CatalogError { return error.message }
        return "\(error)"
    }
}

extension CatalogDatabase {
    /// A number that changes whenever another connection (an import, a publish, another process) has committed
    /// to the catalogue since this one last asked (SQLite's `PRAGMA data_version`); checkpoints and reads do
    /// not change it. Cheap enough to ask on every request.
    public func changeCounter() throws(CatalogError) -> Int {
        do {
            return try self.writer.writeWithoutTransaction { try Int.fetchOne($0, sql: "PRAGMA data_version") ?? 0 }
        } catch {
            throw CatalogError(.database, "cannot read the catalogue's change counter: \(Self.describe(error))")
        }
    }
}
