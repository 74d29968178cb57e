import FeedKit
public import Foundation
public import Logging
public import OCOPCatalog
public import Transport

/// What a run did.
public struct PublishSummary: Hashable, Sendable {
    public var run: Int64?
    public var plan: PublishPlan
    public var outcomes: [ItemOutcome] = []
    /// How the run ended: `planned` (a dry run), `succeeded`, `partial` or `interrupted`.
    public var status = RunStatus.planned

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
    /// Waits between status checks of a batch still being processed, and of a request under review.
    private let pause: @Sendable (Duration) async throws -> Void
    /// Access tokens obtained through the adapter's grant, kept across runs of a long-lived process.
    private let tokens: AccessTokenCache
    private let logger: Logger
    /// A fresh nonce for each batch request (OAuth 1.0a, multipart boundaries).
    private let nonce: @Sendable () -> String
    /// The connected shop's tokens, renewed before the run and when the marketplace says one has expired;
    /// `nil` when the account's token is static (given in `ocop.yaml`) or obtained by a grant.
    private let connections: ConnectionKeeper?

    /// Creates a publisher; time, waiting, nonces, the token cache and the logger are injected.
    public init(
        adapter: any MarketplaceAdapter,
        account: MarketplaceAccount,
        client: any HTTPClient,
        database: CatalogDatabase,
        holder: String = "\(ProcessInfo.processInfo.hostName):\(ProcessInfo.processInfo.processIdentifier)",
        batchSize: Int? = nil,
        now: @escaping @Sendable () -> Date = { Date() },
        pause: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) },
        tokens: AccessTokenCache = AccessTokenCache(),
        connections: ConnectionKeeper? = nil,
        logger: Logger = Logger(label: "ocop.publishing", factory: { _ in SwiftLogNoOpLogHandler() }),
        nonce: @escaping @Sendable () -> String = {
            UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        }
    ) {
        self.nonce = nonce
        self.connections = connections
        self.pause = pause
        self.tokens = tokens
        self.logger = logger
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

    /// `changes` with the listings the planner spooled for them, in plan order.
    private static func withListings(_ changes: [PlannedChange], from spool: ListingSpool) throws -> [PlannedChange] {
        try changes.map { change in
            guard change.action != .delete else { return change }
            guard let listing = try spool.next(), listing.id == change.code else {
                throw PublishingError(.database, "the run's plan file does not match its plan at \(change.code)")
            }
            var sent = change
            sent.listing = listing
            return sent
        }
    }

    /// Sends `batch` the adapter's way and returns its outcomes: one request for a batch marketplace, each
    /// change's conversation for a multi-call one. A multi-call run that stops mid-batch records what it did.
    private func send(_ batch: [PlannedChange], with sender: Sender, secrets: RunSecrets, run: Int64) async throws
        -> [ItemOutcome]
    {
        switch sender {
        case .batches(let send):
            return try await send(batch, secrets.redactor)
        case .items(let publish):
            var outcomes: [ItemOutcome] = []
            for change in batch {
                do {
                    outcomes.append(try await publish(change))
                } catch {
                    // What this batch did before the run stopped is on the marketplace: keep it.
                    let redactor = secrets.redactor
                    let done = Array(batch.prefix(outcomes.count))
                    try self.database.record(
                        outcomes.map { $0.redacted(by: redactor) },
                        of: done,
                        run: run,
                        marketplace: self.adapter.marketplace.rawValue,
                        at: self.now()
                    )
                    guard let error = error as? PublishingError else { throw error }
                    throw PublishingError(error.code, redactor.redact(error.message), underlying: error.underlying)
                }
            }
            return outcomes
        }
    }

    /// How this run sends, its adapter's account parsed once (on the first batch, after any token grant).
    private func sender(account: MarketplaceAccount, listing: ListingContext, secrets: RunSecrets) async throws
        -> Sender
    {
        switch self.adapter.style {
        case .batches(let adapter): try self.batchSender(adapter, account: account, listing: listing)
        case .itemCalls(let adapter): try await self.itemSender(adapter, account: account, secrets: secrets)
        }
    }

    private func batchSender<Adapter: BatchRequestAdapter>(
        _ adapter: Adapter,
        account: MarketplaceAccount,
        listing: ListingContext
    ) throws(PublishingError) -> Sender {
        let runner = BatchRunner(
            adapter: adapter,
            account: try adapter.account(account),
            client: self.client,
            timeout: Self.timeout(account),
            now: self.now,
            nonce: self.nonce,
            pause: self.pause,
            logger: self.logger
        )
        return .batches { batch, redactor in try await runner.send(batch, listing: listing, redactor: redactor) }
    }

    private func itemSender<Adapter: ItemCallsAdapter>(
        _ adapter: Adapter,
        account: MarketplaceAccount,
        secrets: RunSecrets
    ) async throws -> Sender {
        let client = TimeoutClient(base: self.client, timeout: Self.timeout(account))
        var renewal: ItemCallsRunner<Adapter>.Renewal? = nil
        if let keeper = self.connections {
            renewal = { @Sendable stale, refused in
                let renewed = try await keeper.renewed(stale, refusing: refused)
                secrets.add(renewed.secrets)
                return renewed
            }
        }
        let runner = try await ItemCallsRunner(
            adapter: adapter,
            settings: account,
            renewal: renewal,
            client: client,
            images: ImageDownloader(client: client, account: account),
            now: self.now,
            pause: self.pause,
            logger: self.logger
        ).discovered()
        return .items { try await runner.publish($0) }
    }

    /// The account's `timeout` (seconds) for each request, when it sets one.
    private static func timeout(_ account: MarketplaceAccount) -> Duration? {
        account.value("timeout").flatMap(Double.init).flatMap {
            $0 > 0 ? Duration.milliseconds(Int64($0 * 1000)) : nil
        }
    }

    /// The account with an access token from the adapter's grant, when it has one: the cached token while
    /// it is good, else a new one from the token endpoint.
    private func authorized(_ account: MarketplaceAccount) async throws(PublishingError) -> MarketplaceAccount {
        let now = self.now()
        guard let grant = self.adapter.tokenGrant, let key = try grant.cacheKey(for: account) else { return account }
        if let cached = self.tokens.token(for: key, now: now) { return account.setting("access_token", to: cached) }
        let request = try grant.tokenRequest(for: account, now: now)
        let response: HTTPResponse
        do {
            response = try await self.client.send(request)
        } catch {
            throw PublishingError(
                .unreachable,
                "\(self.adapter.marketplace.rawValue): the token endpoint could not be reached: \(error.message)",
                underlying: error
            )
        }
        let (value, lifetime) = try grant.token(from: response)
        self.tokens.store(value, for: key, expires: now.addingTimeInterval(lifetime))
        self.logger.debug("access token obtained", metadata: ["marketplace.id": "\(self.adapter.marketplace)"])
        return account.setting("access_token", to: value)
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
        // The catalogue is read once, here: each listing is built, checked and hashed once, and what a run
        // sends comes from the spool, never from the catalogue again.
        let spool = dryRun ? nil : try ListingSpool()
        let sentToday =
            planner.dailySendLimit == nil
            ? [:]
            : try self.database.sendCounts(marketplace: marketplace, since: self.now().addingTimeInterval(-86_400))
        let plan = try planner.plan(
            products: { try self.database.forEachProduct($0) },
            ledger: ledger,
            now: self.now(),
            sentToday: sentToday,
            spool: spool
        )
        var summary = PublishSummary(plan: plan)
        guard let spool else { return summary }

        let lease: TimeInterval = 15 * 60
        try self.database.acquireLease(
            marketplace,
            holder: self.holder,
            now: self.now(),
            duration: lease,
            isAlive: Self.isAlive
        )
        defer { try? self.database.releaseLease(marketplace, holder: self.holder) }
        let run = try self.database.startRun(marketplace: marketplace, trigger: trigger, at: self.now())
        summary.run = run
        var status = RunStatus.succeeded
        var account = self.account
        var sender: Sender? = nil
        // Every secret this run has held, the tokens renewed during it included.
        let secrets = RunSecrets(account.secrets)
        do {
            if self.adapter.tokenGrant != nil {
                account = try await self.authorized(account)
            }
            if let keeper = self.connections {
                account = try await keeper.authorized(account)
            }
            secrets.add(account.secrets)
            for start in stride(from: 0, to: plan.changes.count, by: self.batchSize) {
                try Task.checkCancellation()
                guard !stopRequested() else {
                    status = .interrupted
                    break
                }
                let batch = try Self.withListings(
                    Array(plan.changes[start..<min(start + self.batchSize, plan.changes.count)]),
                    from: spool
                )
                let how: Sender
                if let sender {
                    how = sender
                } else {
                    how = try await self.sender(
                        account: account,
                        listing: planner.exporter.context,
                        secrets: secrets
                    )
                }
                sender = how
                let sent = try await self.send(batch, with: how, secrets: secrets, run: run)
                let redactor = secrets.redactor
                let outcomes = sent.map { $0.redacted(by: redactor) }
                try self.database.record(outcomes, of: batch, run: run, marketplace: marketplace, at: self.now())
                let failed = outcomes.filter { !$0.succeeded }.count
                self.logger.info(
                    "batch recorded",
                    metadata: [
                        "marketplace.id": "\(marketplace)", "run.id": "\(run)",
                        "batch.sent": "\(outcomes.count)", "batch.failed": "\(failed)",
                    ]
                )
                summary.outcomes += outcomes
                try self.database.acquireLease(
                    marketplace,
                    holder: self.holder,
                    now: self.now(),
                    duration: lease
                )
            }
        } catch is CancellationError {
            status = .interrupted
        } catch {
            try? self.database.finishRun(
                run,
                status: .failed,
                heldBack: plan.heldBack.count,
                message: secrets.redactor.redact("\(error)"),
                at: self.now()
            )
            throw error
        }
        if status == .succeeded && summary.failed > 0 { status = .partial }
        try self.database.finishRun(
            run,
            status: status,
            heldBack: plan.heldBack.count,
            message: plan.deferredNote(self.adapter),
            at: self.now()
        )
        summary.status = status
        return summary
    }
}

/// How a run sends, its adapter's type erased once: a batch at a time, or one change's conversation at a time.
private enum Sender: Sendable {
    case batches(@Sendable ([PlannedChange], Redactor) async throws -> [ItemOutcome])
    case items(@Sendable (PlannedChange) async throws -> ItemOutcome)
}

/// Sends through `base` with every request's timeout set to the account's `timeout`, when it has one.
private struct TimeoutClient: HTTPClient {
    let base: any HTTPClient
    let timeout: Duration?

    func send(_ request: HTTPRequest) async throws(TransportError) -> HTTPResponse {
        try await self.send(signingEachAttempt: { request })
    }

    func send(signingEachAttempt sign: @Sendable () -> HTTPRequest) async throws(TransportError) -> HTTPResponse {
        let timeout = self.timeout
        return try await self.base.send(signingEachAttempt: {
            var request = sign()
            if let timeout { request.timeout = timeout }
            return request
        })
    }
}
