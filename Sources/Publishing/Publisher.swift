import FeedKit
public import Foundation
public import OCOPCatalog
public import Transport

/// What a run did.
public struct PublishSummary: Hashable, Sendable {
    public var run: Int64?
    public var plan: PublishPlan
    public var outcomes: [ItemOutcome] = []
    /// How the run ended: `planned` (a dry run), `succeeded`, `partial` or `interrupted`.
    public var status = "planned"

    /// Items the marketplace refused.
    public var failed: Int { self.outcomes.filter { !$0.succeeded }.count }
}

/// Runs a plan against a marketplace: in batches, each batch's outcomes recorded with the ledger's
/// advance in one transaction, under a lease so that two runs never publish the same marketplace at once.
public struct Publisher {
    public let adapter: any MarketplaceAdapter
    public let account: MarketplaceAccount
    public let client: any HTTPClient
    public let database: CatalogDatabase
    /// Who holds the lease: unique per process.
    public let holder: String
    /// Changes per call: the configuration's `batch_size`, never above what the adapter can send at once.
    public let batchSize: Int
    private let now: @Sendable () -> Date
    /// Waits between status checks of a batch still being processed.
    private let pause: @Sendable (Duration) async throws -> Void

    /// Creates a publisher; time and waiting are injected.
    public init(
        adapter: any MarketplaceAdapter,
        account: MarketplaceAccount,
        client: any HTTPClient,
        database: CatalogDatabase,
        holder: String = "\(ProcessInfo.processInfo.hostName):\(ProcessInfo.processInfo.processIdentifier)",
        batchSize: Int? = nil,
        now: @escaping @Sendable () -> Date = { Date() },
        pause: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) }
    ) {
        self.pause = pause
        self.batchSize = max(1, min(batchSize ?? adapter.batchSize, adapter.batchSize))
        self.adapter = adapter
        self.account = account
        self.client = client
        self.database = database
        self.holder = holder
        self.now = now
    }

    /// Whether a lease holder (`host:pid`) may still be running: a process on another host is assumed
    /// alive until its lease expires; one on this host is alive when its process exists.
    public static func isAlive(_ holder: String) -> Bool {
        let parts = holder.split(separator: ":")
        guard parts.count == 2, String(parts[0]) == ProcessInfo.processInfo.hostName, let pid = Int32(parts[1]) else {
            return true
        }
        return kill(pid, 0) == 0 || errno != ESRCH
    }

    /// `changes` with their listings rebuilt from the catalogue (and their hashes taken from what is really
    /// sent); a product that has left the catalogue or failed its checks since planning is left out, and the
    /// next run plans it again.
    private func withListings(_ changes: [PlannedChange], exporter: FeedExporter) throws -> [PlannedChange] {
        let needed = changes.filter { $0.action != .delete && $0.listing == nil }.compactMap { ProductCode($0.code) }
        let products = try self.database.products(codes: needed)
        return changes.compactMap { change in
            guard change.action != .delete, change.listing == nil else { return change }
            guard let code = ProductCode(change.code), let product = products[code] else { return nil }
            let (listing, findings) = exporter.check(product)
            guard !findings.contains(where: { $0.severity == .error }) else { return nil }
            var rebuilt = change
            rebuilt.listing = listing
            rebuilt.contentHash = listing.contentHash
            return rebuilt
        }
    }

    /// Sends `batch` the adapter's way and returns its outcomes.
    private func send(_ batch: [PlannedChange], account: MarketplaceAccount, redactor: Redactor, run: Int64)
        async throws -> [ItemOutcome]
    {
        let marketplace = self.adapter.marketplace.rawValue
        let timeout = account.value("timeout").flatMap(Double.init).flatMap {
            $0 > 0 ? Duration.milliseconds(Int64($0 * 1000)) : nil
        }
        switch self.adapter {
        case let adapter as any BatchRequestAdapter:
            var request = try adapter.request(for: batch, account: account)
            if let timeout { request.timeout = timeout }
            let response: HTTPResponse
            do {
                response = try await self.client.send(request)
            } catch {
                throw PublishingError(.unreachable, "\(marketplace): \(redactor.redact(error.message))")
            }
            return try await self.finalOutcomes(of: batch, adapter: adapter, response: response, account: account)
        case let adapter as any ItemCallsAdapter:
            let client = TimeoutClient(base: self.client, timeout: timeout)
            var outcomes: [ItemOutcome] = []
            for change in batch {
                do {
                    outcomes.append(try await adapter.publish(change, account: account, client: client))
                } catch {
                    // What this batch did before the run stopped is on the marketplace: keep it.
                    let done = Array(batch.prefix(outcomes.count))
                    try self.database.record(
                        outcomes.map { $0.redacted(by: redactor) },
                        of: done,
                        run: run,
                        marketplace: marketplace,
                        at: self.now()
                    )
                    throw PublishingError(error.code, redactor.redact(error.message))
                }
            }
            return outcomes
        default:
            throw PublishingError(.account, "\(marketplace) takes feed files, not API calls, in this version")
        }
    }

    /// The batch's outcomes; for a marketplace that processes batches after answering, once its status
    /// says it has finished (checked at once, then after 1, 2, 4… up to 10 seconds, at most 12 times; still
    /// unfinished, the answer's own outcomes stand, each saying so).
    private func finalOutcomes(
        of batch: [PlannedChange],
        adapter: any BatchRequestAdapter,
        response: HTTPResponse,
        account: MarketplaceAccount
    ) async throws -> [ItemOutcome] {
        let immediate = adapter.outcomes(of: batch, response: response)
        guard let tracker = adapter as? any BatchStatusTracking,
            let request = try tracker.statusRequest(after: response, account: account)
        else { return immediate }
        var wait = Duration.seconds(1)
        for check in 0..<12 {
            if check > 0 {
                try await self.pause(wait)
                wait = min(wait * 2, .seconds(10))
            }
            guard let status = try? await self.client.send(request) else { continue }
            if let outcomes = tracker.outcomes(of: batch, response: response, status: status) { return outcomes }
        }
        return immediate.map { outcome in
            var outcome = outcome
            if outcome.succeeded { outcome.message = "accepted; the marketplace was still processing the batch" }
            return outcome
        }
    }

    /// Plans and (unless `dryRun`) sends. Throws when the run cannot go on as a whole (lease, mass delete,
    /// unreachable marketplace); refused items are outcomes.
    ///
    /// `stopRequested` is asked between batches: when it says yes (a scheduler shutting down), the batch
    /// under way has been recorded, the run is marked interrupted, and the next run resumes the job.
    public func publish(
        planner: PublishPlanner,
        trigger: String,
        dryRun: Bool,
        stopRequested: @Sendable () -> Bool = { false }
    ) async throws -> PublishSummary {
        let marketplace = self.adapter.marketplace.rawValue
        let ledger = try self.database.ledger(marketplace: marketplace)
        let plan = try planner.plan(products: { try self.database.forEachProduct($0) }, ledger: ledger, now: self.now())
        var summary = PublishSummary(plan: plan)
        guard !dryRun else { return summary }

        let lease: TimeInterval = 15 * 60
        try self.database.acquireLease(
            marketplace: marketplace,
            holder: self.holder,
            now: self.now(),
            duration: lease,
            isAlive: Self.isAlive
        )
        defer { try? self.database.releaseLease(marketplace: marketplace, holder: self.holder) }
        let run = try self.database.startRun(marketplace: marketplace, trigger: trigger, at: self.now())
        summary.run = run
        var status = "succeeded"
        var account = self.account
        var redactor = Redactor(secrets: account.secrets)
        do {
            if let authenticator = self.adapter as? any MarketplaceAuthenticator {
                account = try await authenticator.authorize(account, client: self.client, now: self.now())
                redactor = Redactor(secrets: account.secrets)
            }
            for start in stride(from: 0, to: plan.changes.count, by: self.batchSize) {
                try Task.checkCancellation()
                guard !stopRequested() else {
                    status = "interrupted"
                    break
                }
                let batch = try self.withListings(
                    Array(plan.changes[start..<min(start + self.batchSize, plan.changes.count)]),
                    exporter: planner.exporter
                )
                guard !batch.isEmpty else { continue }
                let outcomes = try await self.send(batch, account: account, redactor: redactor, run: run).map {
                    $0.redacted(by: redactor)
                }
                try self.database.record(outcomes, of: batch, run: run, marketplace: marketplace, at: self.now())
                summary.outcomes += outcomes
                try self.database.acquireLease(
                    marketplace: marketplace,
                    holder: self.holder,
                    now: self.now(),
                    duration: lease
                )
            }
        } catch is CancellationError {
            status = "interrupted"
        } catch {
            try? self.database.finishRun(
                run,
                status: "failed",
                heldBack: plan.heldBack.count,
                message: redactor.redact("\(error)"),
                at: self.now()
            )
            throw error
        }
        if status == "succeeded" && summary.failed > 0 { status = "partial" }
        try self.database.finishRun(run, status: status, heldBack: plan.heldBack.count, at: self.now())
        summary.status = status
        return summary
    }
}

/// Sends through `base` with every request's timeout set to the account's `timeout`, when it has one.
private struct TimeoutClient: HTTPClient {
    let base: any HTTPClient
    let timeout: Duration?

    func send(_ request: HTTPRequest) async throws(TransportError) -> HTTPResponse {
        var request = request
        if let timeout { request.timeout = timeout }
        return try await self.base.send(request)
    }
}
