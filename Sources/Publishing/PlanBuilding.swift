import FeedKit
import Foundation

/// One catalogue product as the planner's reading side left it, on its way to the checking side.
enum PlanItem: Sendable {
    /// Not offered there (not offered, certificate expired or revoked, a service): a delete when the
    /// marketplace has it.
    case withdraw(code: String)
    /// Offered: its listing, to be validated and hashed, with the OCOP rules' errors already found.
    case check(code: String, listing: Listing, ocopErrors: [Finding])
}

/// The checking side of planning, on an `OrderedPipeline`'s consumer: each product matched with its ledger
/// entry, each listing validated against the mapping, hashed and compared with the entry, and the plan grown
/// in catalogue order. Held in a `PipelineState`: its spool, and its exporter's validation (compiled patterns
/// are not `Sendable`), are used by the consumer only (the planning thread builds listings with the same
/// exporter, never validating), and by the planning thread once the pipeline has finished.
struct PlanBuilding {
    /// The plan's exporter: only its ``FeedExporter/validate(_:)`` is used here.
    let exporter: FeedExporter
    /// Where the listing of each change that sends one goes, in plan order; `nil` for a dry run.
    let spool: ListingSpool?
    let refreshAfter: Duration?
    let now: Date
    let dailySendLimit: Int?
    let sentToday: [String: Int]
    /// The ledger's entries of products not seen yet: what is left at the end is gone from the catalogue.
    var remaining: [String: LedgerEntry]
    var plan = PublishPlan()
    /// The first error (writing the spool); items after it are not looked at.
    var error: (any Error)?

    /// Adds `items` to the plan in order, until an error.
    mutating func add(_ items: [PlanItem]) {
        for item in items {
            guard self.error == nil else { return }
            do {
                try self.add(item)
            } catch {
                self.error = error
            }
        }
    }

    private mutating func add(_ item: PlanItem) throws {
        switch item {
        case .withdraw(let code):
            if let entry = self.remaining.removeValue(forKey: code) { self.plan.changes.append(.delete(code, entry)) }
        case .check(let code, let listing, let ocopErrors):
            let entry = self.remaining.removeValue(forKey: code)
            let errors = ocopErrors + self.exporter.validate(listing).filter { $0.severity == .error }
            guard errors.isEmpty else {
                self.plan.heldBack.append(HeldBackItem(code: code, findings: errors))
                return
            }
            let hash = listing.contentHash
            guard let action = self.action(entry, hash: hash) else {
                self.plan.unchanged += 1
                return
            }
            if let limit = self.dailySendLimit, self.sentToday[code, default: 0] >= limit {
                self.plan.deferred.append(code)
                return
            }
            try self.spool?.append(listing)
            self.plan.changes.append(
                PlannedChange(code: code, action: action, listing: nil, contentHash: hash, remoteID: entry?.remoteID)
            )
        }
    }

    /// What to send for a valid listing with content `hash`, given its ledger `entry`; `nil` when the
    /// marketplace holds it exactly and it needs no refresh.
    private func action(_ entry: LedgerEntry?, hash: String) -> PublishAction? {
        guard let entry else { return .create }
        if entry.lastOutcome != .succeeded { return entry.remoteID == nil ? .create : .update }
        if entry.contentHash != hash { return .update }
        if let refreshAfter = self.refreshAfter,
            self.now.timeIntervalSince(entry.lastSent) >= Double(refreshAfter.components.seconds)
        {
            return .refresh
        }
        return nil
    }
}

extension PlannedChange {
    /// The delete of what the ledger says the marketplace holds of `code`.
    static func delete(_ code: String, _ entry: LedgerEntry) -> PlannedChange {
        PlannedChange(code: code, action: .delete, listing: nil, contentHash: nil, remoteID: entry.remoteID)
    }
}
