import Foundation
import GRDB

/// The keys seen so far (a feed's item ids), to tell a key seen before, in bounded memory: the first
/// ``memoryLimit`` in a `Set`, any beyond in a table of a temporary SQLite file, as an import keeps the codes it
/// has seen in a temporary table. A feed of a million items then does not hold a million ids.
///
/// A class: it owns the temporary file, removed when it goes. Not `Sendable`: one thread at a time uses it.
public final class SeenKeys {
    /// How many keys are held in memory before the rest go to the temporary table.
    public let memoryLimit: Int
    private var memory = Set<String>()
    private var spill: Spill?

    /// An empty set keeping up to `memoryLimit` keys in memory.
    public init(memoryLimit: Int = 200_000) {
        self.memoryLimit = memoryLimit
    }

    /// Remembers `key`; `true` when it had not been seen.
    public func insert(_ key: String) throws(CatalogError) -> Bool {
        if self.memory.contains(key) { return false }
        if self.spill == nil && self.memory.count < self.memoryLimit {
            self.memory.insert(key)
            return true
        }
        do {
            if self.spill == nil { self.spill = try Spill() }
            return try self.spill?.insert(key) ?? true
        } catch {
            throw CatalogError(.database, "cannot keep the ids seen in a temporary file: \(error)")
        }
    }

    /// The table beyond memory: one temporary file, no journal, one transaction never committed (the file is
    /// thrown away), so each key costs an index insert and nothing is synced to disk.
    private final class Spill {
        let file: URL
        let queue: DatabaseQueue

        init() throws {
            self.file = FileManager.default.temporaryDirectory.appending(path: "ocop-seen-\(UUID().uuidString).sqlite")
            var configuration = Configuration()
            // The one transaction stays open across accesses on purpose: nothing is ever committed.
            configuration.allowsUnsafeTransactions = true
            self.queue = try DatabaseQueue(path: self.file.path, configuration: configuration)
            try self.queue.inDatabase { db in
                try db.execute(sql: "PRAGMA journal_mode = OFF")
                try db.execute(sql: "PRAGMA synchronous = OFF")
                try db.execute(sql: "PRAGMA cache_size = -16384")  // 16 MiB, a bound
                try db.execute(sql: "CREATE TABLE seen (key TEXT PRIMARY KEY) WITHOUT ROWID")
                try db.execute(sql: "BEGIN")
            }
        }

        deinit {
            try? self.queue.close()
            try? FileManager.default.removeItem(at: self.file)
        }

        func insert(_ key: String) throws -> Bool {
            try self.queue.inDatabase { db in
                // Prepared once: compiling the statement for every key cost more than the insert itself.
                let statement = try db.cachedStatement(
                    sql: "INSERT INTO seen (key) VALUES (?) ON CONFLICT (key) DO NOTHING"
                )
                try statement.execute(arguments: [key])
                return db.changesCount > 0
            }
        }
    }
}
