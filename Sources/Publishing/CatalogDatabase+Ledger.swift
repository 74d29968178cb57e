public import Foundation
import GRDB
public import OCOPCatalog

extension CatalogDatabase {
    /// The ledger of `marketplace`, by product code; only `code`'s entry when it is given.
    public func ledger(marketplace: String, code: String? = nil) throws(PublishingError) -> [String: LedgerEntry] {
        try self.ledgerAccess { db in
            var entries: [String: LedgerEntry] = [:]
            // Columns read by position: a publish reads every entry of the marketplace before it plans.
            let columns = "productCode, contentHash, remoteID, lastSent, lastOutcome, lastError"
            let rows =
                try code.map {
                    try Row.fetchCursor(
                        db,
                        sql: "SELECT \(columns) FROM ledgerEntry WHERE marketplace = ? AND productCode = ?",
                        arguments: [marketplace, $0]
                    )
                }
                ?? Row.fetchCursor(
                    db,
                    sql: "SELECT \(columns) FROM ledgerEntry WHERE marketplace = ?",
                    arguments: [marketplace]
                )
            while let row = try rows.next() {
                entries[row[0]] = LedgerEntry(
                    contentHash: row[1],
                    remoteID: row[2],
                    lastSent: row[3],
                    lastOutcome: LedgerEntry.Outcome(rawValue: row[4]) ?? .failed,
                    lastError: row[5]
                )
            }
            return entries
        }
    }

    /// Starts a run and returns its id. Runs of the same marketplace and action still marked running belong
    /// to a process that died (the caller holds the lease), so they are marked interrupted.
    public func startRun(marketplace: String, trigger: String, action: String = "publish", at now: Date)
        throws(PublishingError) -> Int64
    {
        try self.ledgerWrite { db in
            try db.execute(
                sql: """
                    UPDATE publishRun SET status = 'interrupted', finished = ?
                    WHERE marketplace = ? AND action = ? AND status = 'running'
                    """,
                arguments: [now, marketplace, action]
            )
            try db.execute(
                sql:
                    "INSERT INTO publishRun (marketplace, trigger, action, started, status) VALUES (?, ?, ?, ?, 'running')",
                arguments: [marketplace, trigger, action, now]
            )
            return db.lastInsertedRowID
        }
    }

    /// Records one batch's outcomes and advances the ledger, in one transaction: a run killed at any point
    /// has recorded exactly the batches the marketplace confirmed.
    public func record(
        _ outcomes: [ItemOutcome],
        of changes: [PlannedChange],
        run: Int64,
        marketplace: String,
        at now: Date
    ) throws(PublishingError) {
        let hashes = Dictionary(changes.map { ($0.code, $0.contentHash) }) { first, _ in first }
        try self.ledgerWrite { db in
            for outcome in outcomes {
                try db.execute(
                    sql:
                        "INSERT INTO runItem (runID, productCode, action, outcome, remoteID, message) VALUES (?, ?, ?, ?, ?, ?)",
                    arguments: [
                        run, outcome.code, outcome.action.rawValue, outcome.succeeded ? "succeeded" : "failed",
                        outcome.remoteItemID, outcome.message,
                    ]
                )
                switch (outcome.action, outcome.succeeded) {
                case (.delete, true):
                    try db.execute(
                        sql: "DELETE FROM ledgerEntry WHERE marketplace = ? AND productCode = ?",
                        arguments: [marketplace, outcome.code]
                    )
                case (_, true):
                    try db.execute(
                        sql: """
                            INSERT INTO ledgerEntry (marketplace, productCode, contentHash, remoteID, lastSent, lastOutcome, lastError)
                            VALUES (?, ?, ?, ?, ?, 'succeeded', NULL)
                            ON CONFLICT (marketplace, productCode) DO UPDATE SET contentHash = excluded.contentHash,
                                remoteID = COALESCE(excluded.remoteID, ledgerEntry.remoteID), lastSent = excluded.lastSent,
                                lastOutcome = 'succeeded', lastError = NULL
                            """,
                        arguments: [marketplace, outcome.code, hashes[outcome.code] ?? "", outcome.remoteID, now]
                    )
                case (_, false) where outcome.remoteID != nil:
                    // Refused, but the marketplace keeps part of the item (its uploaded images): remember those
                    // ids, and mark the entry so the next run tries again without sending them twice.
                    try db.execute(
                        sql: """
                            INSERT INTO ledgerEntry (marketplace, productCode, contentHash, remoteID, lastSent, lastOutcome, lastError)
                            VALUES (?, ?, '', ?, ?, 'failed', ?)
                            ON CONFLICT (marketplace, productCode) DO UPDATE SET remoteID = excluded.remoteID,
                                lastOutcome = 'failed', lastError = excluded.lastError
                            """,
                        arguments: [marketplace, outcome.code, outcome.remoteID, now, outcome.message]
                    )
                case (_, false):
                    // Keep what the marketplace had; mark the entry so the next run tries again.
                    try db.execute(
                        sql:
                            "UPDATE ledgerEntry SET lastOutcome = 'failed', lastError = ? WHERE marketplace = ? AND productCode = ?",
                        arguments: [outcome.message, marketplace, outcome.code]
                    )
                }
                let column: String =
                    switch (outcome.succeeded, outcome.action) {
                    case (false, _): "failed"
                    case (true, .create): "created"
                    case (true, .update): "updated"
                    case (true, .delete): "deleted"
                    case (true, .refresh): "refreshed"
                    }
                try db.execute(sql: "UPDATE publishRun SET \(column) = \(column) + 1 WHERE id = ?", arguments: [run])
            }
        }
    }

    /// Ends a run with `status`, noting how many items were held back and, for a failed run, why.
    public func finishRun(_ run: Int64, status: RunStatus, heldBack: Int, message: String? = nil, at now: Date)
        throws(PublishingError)
    {
        try self.ledgerWrite { db in
            try db.execute(
                sql: "UPDATE publishRun SET finished = ?, status = ?, heldBack = ?, message = ? WHERE id = ?",
                arguments: [now, status.rawValue, heldBack, message, run]
            )
        }
    }

    /// Records a run that failed before it could start (a missing secret, a held lease, a refused plan), so
    /// that the history and a scheduled job's failure count see it.
    public func recordFailedRun(marketplace: String, trigger: String, action: String, message: String, at now: Date)
        throws(PublishingError)
    {
        try self.ledgerWrite { db in
            try db.execute(
                sql: """
                    INSERT INTO publishRun (marketplace, trigger, action, started, finished, status, message)
                    VALUES (?, ?, ?, ?, ?, 'failed', ?)
                    """,
                arguments: [marketplace, trigger, action, now, now, message]
            )
        }
    }

    /// The runs, newest first; with `trigger`, only the runs it started (a scheduled job's history).
    public func runs(limit: Int = 50, trigger: String? = nil) throws(PublishingError) -> [PublishRun] {
        try self.ledgerAccess { db in
            let rows =
                if let trigger {
                    try Row.fetchAll(
                        db,
                        sql: "SELECT * FROM publishRun WHERE trigger = ? ORDER BY id DESC LIMIT ?",
                        arguments: [trigger, limit]
                    )
                } else {
                    try Row.fetchAll(db, sql: "SELECT * FROM publishRun ORDER BY id DESC LIMIT ?", arguments: [limit])
                }
            return rows.map { row in
                var run = PublishRun(
                    id: row["id"],
                    marketplace: row["marketplace"],
                    trigger: row["trigger"],
                    action: row["action"],
                    started: row["started"],
                    finished: row["finished"],
                    status: RunStatus(rawValue: row["status"]) ?? .failed
                )
                run.message = row["message"]
                run.created = row["created"]
                run.updated = row["updated"]
                run.deleted = row["deleted"]
                run.refreshed = row["refreshed"]
                run.heldBack = row["heldBack"]
                run.failed = row["failed"]
                return run
            }
        }
    }

    /// How many times each product was sent to `marketplace` (created, updated or refreshed, whatever the
    /// answer) in runs started since `since`: what a daily limit per product counts.
    public func sendCounts(marketplace: String, since: Date) throws(PublishingError) -> [String: Int] {
        try self.ledgerAccess { db in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT runItem.productCode AS code, COUNT(*) AS sends FROM runItem
                    JOIN publishRun ON publishRun.id = runItem.runID
                    WHERE publishRun.marketplace = ? AND publishRun.started >= ? AND runItem.action != 'delete'
                    GROUP BY runItem.productCode
                    """,
                arguments: [marketplace, since]
            )
            return Dictionary(uniqueKeysWithValues: rows.map { (($0["code"] as String), ($0["sends"] as Int)) })
        }
    }

    /// The per-item outcomes of run `id`.
    public func runItems(_ id: Int64) throws(PublishingError) -> [ItemOutcome] {
        try self.ledgerAccess { db in
            try Row.fetchAll(db, sql: "SELECT * FROM runItem WHERE runID = ? ORDER BY rowid", arguments: [id]).map {
                row in
                ItemOutcome(
                    code: row["productCode"],
                    action: PublishAction(rawValue: row["action"]) ?? .update,
                    succeeded: (row["outcome"] as String) == "succeeded",
                    remoteID: row["remoteID"],
                    message: row["message"]
                )
            }
        }
    }

    func ledgerAccess<T>(_ body: (Database) throws -> T) throws(PublishingError) -> T {
        do {
            return try self.writer.read(body)
        } catch {
            throw PublishingError(.database, "could not read the ledger: \(error)", underlying: error)
        }
    }

    func ledgerWrite<T>(_ body: (Database) throws -> T) throws(PublishingError) -> T {
        do {
            return try self.writer.write(body)
        } catch {
            throw PublishingError(.database, "could not write the ledger: \(error)", underlying: error)
        }
    }
}
