public import FeedKit
public import Foundation
public import Groundwork
public import OCOPCatalog

/// What a run does to one listing on the marketplace.
public enum PublishAction: String, Hashable, Sendable, Codable {
    /// Not on the marketplace yet.
    case create
    /// On the marketplace, but what it would show has changed.
    case update
    /// On the marketplace, but the product is gone, withdrawn (expired, revoked, a service) or opted out.
    case delete
    /// Unchanged, but sent again before the marketplace expires it (its `listingLifetime`).
    case refresh

    /// The action as a person reads it (`--json` and the ledger keep ``rawValue``).
    public var words: LocalizedText {
        switch self {
        case .create: LocalizedText(en: "create", vi: "tạo mới")
        case .update: LocalizedText(en: "update", vi: "cập nhật")
        case .delete: LocalizedText(en: "delete", vi: "gỡ")
        case .refresh: LocalizedText(en: "refresh", vi: "làm mới")
        }
    }
}

/// One change a run will send.
public struct PlannedChange: Hashable, Sendable {
    public var code: String
    public var action: PublishAction
    /// What to send; `nil` for a delete, and in a plan (the publisher takes each batch's listings from
    /// the run's `ListingSpool`, where the planner put them).
    public var listing: Listing?
    /// The listing's content hash, recorded in the ledger once the marketplace has it.
    public var contentHash: String?
    /// The marketplace's id for the item, when it has one.
    public var remoteID: String?

    /// Creates a change.
    public init(code: String, action: PublishAction, listing: Listing?, contentHash: String?, remoteID: String?) {
        self.code = code
        self.action = action
        self.listing = listing
        self.contentHash = contentHash
        self.remoteID = remoteID
    }
}

/// An item held back: it has errors and is neither sent nor deleted; the marketplace keeps what it had.
public struct HeldBackItem: Hashable, Sendable {
    public var code: String
    public var findings: [Finding]
}

/// What a run will do: the changes to send in order, and the items held back with their reasons.
public struct PublishPlan: Hashable, Sendable {
    public var changes: [PlannedChange] = []
    public var heldBack: [HeldBackItem] = []
    /// Products whose change waits for the next run: the marketplace took them as often today as it
    /// allows (`MarketplaceAdapter.dailySendLimit`).
    public var deferred: [String] = []
    /// Listings the marketplace already holds exactly.
    public var unchanged = 0
    /// Listings the ledger knew of before the run.
    public var ledgerCount = 0

    /// How many changes of `action` the plan holds.
    public func count(_ action: PublishAction) -> Int { self.changes.filter { $0.action == action }.count }
}

/// Decides what to send from the catalogue, the mapping's rules and the ledger.
public struct PublishPlanner {
    public let exporter: FeedExporter
    /// Re-send unchanged listings after this long, before the marketplace expires them; `nil` for a
    /// marketplace whose listings stay until removed (re-sending would only cost calls, and on some a
    /// new audit).
    public var refreshAfter: Duration?
    /// Refuse a run that deletes more than this share of the ledger's listings…
    public var maximumDeleteShare: Double
    /// …unless told to.
    public var allowMassDelete: Bool
    /// Sends of one product the marketplace takes in a day (`MarketplaceAdapter.dailySendLimit`).
    public var dailySendLimit: Int?

    /// Creates a planner; by default unchanged listings are re-sent five days before `listingLifetime` (the
    /// marketplace's) runs out, and never where listings do not expire.
    public init(
        exporter: FeedExporter,
        listingLifetime: Duration? = nil,
        refreshAfter: Duration? = nil,
        maximumDeleteShare: Double = 0.2,
        allowMassDelete: Bool = false,
        dailySendLimit: Int? = nil
    ) {
        self.exporter = exporter
        self.refreshAfter =
            refreshAfter ?? listingLifetime.map { $0 - .seconds(5 * 86_400) }
        self.maximumDeleteShare = maximumDeleteShare
        self.allowMassDelete = allowMassDelete
        self.dailySendLimit = dailySendLimit
    }

    /// The plan for `products` against `ledger` on `now`, each listing built, checked and hashed once: the
    /// listing of every change that sends one goes to `spool` in plan order (a dry run needs none), so the
    /// plan itself holds codes and hashes only. A change to a product sent `sentToday[code]` times in the last
    /// 24 hours, as often as `dailySendLimit` allows, waits for the next run. Throws when it would delete too
    /// much.
    public func plan(
        products: (_ body: (Product) throws -> Void) throws -> Void,
        ledger: [String: LedgerEntry],
        now: Date,
        sentToday: [String: Int] = [:],
        spool: ListingSpool? = nil
    ) throws -> PublishPlan {
        let marketplace = self.exporter.adapter.marketplace
        // Reading the catalogue and building listings run here; finding each product's ledger entry,
        // validating, hashing and comparing run on a second core, in catalogue order (the plan, and the spool,
        // keep that order).
        let state = PipelineState(
            PlanBuilding(
                exporter: self.exporter,
                spool: spool,
                refreshAfter: self.refreshAfter,
                now: now,
                dailySendLimit: self.dailySendLimit,
                sentToday: sentToday,
                remaining: ledger
            )
        )
        try OrderedPipeline.run(work: { (items: [PlanItem]) in state.value.add(items) }) { emit in
            // `products` is a non-escaping parameter too, which `emit` may not be passed into as it is; it does not
            // outlive this call either.
            try withoutActuallyEscaping(emit) { emit in
                try products { product in
                    let code = product.code.rawValue
                    guard product.isOffered(on: marketplace) else {
                        emit(.withdraw(code: code))
                        return
                    }
                    // Only the OCOP rules withdraw a product; its listing is not built when they do.
                    let ocopErrors = self.exporter.ocopFindings(for: product).filter { $0.severity == .error }
                    if ocopErrors.contains(where: ValidationReport.withdraws) {
                        emit(.withdraw(code: code))
                        return
                    }
                    emit(.check(code: code, listing: self.exporter.listing(for: product), ocopErrors: ocopErrors))
                }
            }
        }
        if let error = state.value.error { throw error }
        var plan = state.value.plan
        plan.ledgerCount = ledger.count
        for (code, entry) in state.value.remaining.sorted(by: { $0.key < $1.key }) {
            plan.changes.append(.delete(code, entry))  // gone from the catalogue
        }
        let deletes = plan.count(.delete)
        if !self.allowMassDelete, plan.ledgerCount > 0,
            Double(deletes) > self.maximumDeleteShare * Double(plan.ledgerCount)
        {
            throw PublishingError(
                .massDelete,
                "\(marketplace): this run would delete \(deletes) of \(plan.ledgerCount) listings (more than \(Int(self.maximumDeleteShare * 100))%); check the catalogue, or pass --allow-mass-delete"
            )
        }
        return plan
    }
}

extension PublishPlan {
    /// What the run record says of the changes that wait for the next run, when there are any.
    public func deferredNote(_ adapter: any MarketplaceAdapter) -> String? {
        guard !self.deferred.isEmpty else { return nil }
        let limit = adapter.dailySendLimit.map { "\($0) times" } ?? "so often"
        let codes = self.deferred.prefix(5).joined(separator: ", ") + (self.deferred.count > 5 ? ", …" : "")
        return "\(self.deferred.count) changes wait for the next run: \(adapter.marketplace.rawValue) takes "
            + "a product at most \(limit) a day (\(codes))"
    }
}
