public import Foundation
import GRDB
public import OCOPCatalog

/// Leases: one holder at a time for a named piece of work (a marketplace's publish runs, a scheduled job),
/// kept in the database so that two processes on any host never do it at once, and expiring when a
/// holder dies without giving it back. (The table keeps its first name, `publishLease`, and its key column
/// `marketplace`: shipped migrations never change.)
extension CatalogDatabase {
    /// Takes the lease `name` (a marketplace's id for a publish run, `job:<name>` for a scheduled job) for
    /// `holder` until `now + duration`; throws when another holder's lease has not expired. Taking it again renews it. `isAlive` says whether another holder still runs
    /// (a crashed process on this host does not): a dead holder's lease is taken over at once.
    public func acquireLease(
        _ name: String,
        holder: String,
        now: Date,
        duration: TimeInterval,
        isAlive: (String) -> Bool = { _ in true }
    ) throws(PublishingError) {
        let taken: Bool = try self.ledgerWrite { db in
            if let row = try Row.fetchOne(
                db,
                sql: "SELECT holder, expires FROM publishLease WHERE marketplace = ?",
                arguments: [name]
            ),
                (row["holder"] as String) != holder, (row["expires"] as Date) > now, isAlive(row["holder"])
            {
                return false
            }
            try db.execute(
                sql: """
                    INSERT INTO publishLease (marketplace, holder, expires) VALUES (?, ?, ?)
                    ON CONFLICT (marketplace) DO UPDATE SET holder = excluded.holder, expires = excluded.expires
                    """,
                arguments: [name, holder, now.addingTimeInterval(duration)]
            )
            return true
        }
        guard taken else {
            throw PublishingError(
                .leaseHeld,
                "\(name): another run is publishing (its lease has not expired); try again later"
            )
        }
    }

    /// Gives the lease `name` back when `holder` has it.
    public func releaseLease(_ name: String, holder: String) throws(PublishingError) {
        try self.ledgerWrite { db in
            try db.execute(
                sql: "DELETE FROM publishLease WHERE marketplace = ? AND holder = ?",
                arguments: [name, holder]
            )
        }
    }
}
