import FeedKit
import Foundation
import OCOPCatalog
import Publishing
import TestSupport
import Testing

/// The publisher and planner against a marketplace of the tests' own: plans, the mass-delete guard, the
/// lease, and what a run sends.
@Suite struct PublisherTests {
    let database: CatalogDatabase
    let marketplace = RecordingMarketplace()
    let exporter: FeedExporter
    let account = MarketplaceAccount(marketplace: "test-market", values: ["endpoint": "http://127.0.0.1:9/api"])
    let now = Date(timeIntervalSince1970: 1_795_000_000)

    init() throws {
        self.database = try Fixtures.sampleCatalog()
        self.exporter = FeedExporter(
            adapter: TestMarketplace(),
            mapping: Mapping(marketplace: "test-market"),
            context: Fixtures.sampleContext
        )
    }

    func publish(at now: Date? = nil, allowMassDelete: Bool = false, holder: String = "this-host:1") async throws
        -> PublishSummary
    {
        let at = now ?? self.now
        return try await Publisher(
            adapter: TestMarketplace(),
            account: self.account,
            client: self.marketplace,
            database: self.database,
            holder: holder,
            now: { at }
        )
        .publish(
            planner: PublishPlanner(exporter: self.exporter, allowMassDelete: allowMassDelete),
            trigger: "test",
            dryRun: false
        )
    }

    /// The samples' products offered on every marketplace that stand (certified, physical goods) on the
    /// samples' day.
    var offered: Int {
        get throws {
            var count = 0
            try self.database.forEachProduct { product in
                let (_, findings) = self.exporter.check(product)
                if product.isOffered(on: TestMarketplace().marketplace),
                    !findings.contains(where: { $0.severity == .error })
                {
                    count += 1
                }
            }
            return count
        }
    }

    @Test func theFirstRunCreatesEveryStandingProductInBatchesAndTheSecondSendsNothing() async throws {
        let first = try await self.publish()
        let offered = try self.offered
        #expect(offered > 30 && first.plan.count(.create) == offered && first.failed == 0)
        let batches = await self.marketplace.batches
        #expect(batches.count == (offered + 9) / 10 && batches.allSatisfy { $0.count <= 10 })
        // Each item went with the listing the planner built (its title), not a listing read again later.
        #expect(batches.joined().allSatisfy { !$0.hasSuffix(" -") })
        let second = try await self.publish()
        #expect(second.plan.changes.isEmpty && second.plan.unchanged == offered)
        #expect(await self.marketplace.batches.count == batches.count)
    }

    @Test func aRunThatWouldDeleteMostListingsIsRefusedUnlessAllowed() async throws {
        _ = try await self.publish()
        let empty = try CatalogDatabase.inMemory()
        let planner = PublishPlanner(exporter: self.exporter)
        let ledger = try self.database.ledger(marketplace: "test-market")
        let error = #expect(throws: PublishingError.self) {
            try planner.plan(products: { try empty.forEachProduct($0) }, ledger: ledger, now: self.now)
        }
        #expect(error?.code == .massDelete && error?.message.contains("--allow-mass-delete") == true)
        var allowing = planner
        allowing.allowMassDelete = true
        let plan = try allowing.plan(products: { try empty.forEachProduct($0) }, ledger: ledger, now: self.now)
        #expect(plan.count(.delete) == ledger.count)
    }

    @Test func anotherHoldersLeaseBlocksTheRunUntilItExpires() async throws {
        try self.database.acquireLease("test-market", holder: "other-host:1", now: self.now, duration: 600)
        let error = await #expect(throws: PublishingError.self) { try await self.publish() }
        #expect(error?.code == .leaseHeld)
        #expect(await self.marketplace.batches.isEmpty)
        let later = try await self.publish(at: self.now.addingTimeInterval(601))
        #expect(later.plan.count(.create) > 0 && later.status == .succeeded)
    }

    @Test func aLeaseOfAHolderThatIsNoLongerRunningIsTakenOverAtOnce() throws {
        try self.database.acquireLease("job:nightly", holder: "this-host:1", now: self.now, duration: 3600)
        #expect(throws: PublishingError.self) {
            try self.database.acquireLease("job:nightly", holder: "this-host:2", now: self.now, duration: 3600)
        }
        try self.database.acquireLease(
            "job:nightly",
            holder: "this-host:2",
            now: self.now,
            duration: 3600,
            isAlive: { _ in false }
        )
        try self.database.releaseLease("job:nightly", holder: "this-host:2")
        try self.database.acquireLease("job:nightly", holder: "this-host:3", now: self.now, duration: 3600)
    }

    @Test func unchangedListingsAreRefreshedOnlyWhereTheMarketplaceExpiresThem() throws {
        let sent = self.now.addingTimeInterval(-26 * 86_400)
        var ledger: [String: LedgerEntry] = [:]
        try self.database.forEachProduct { product in
            let (listing, findings) = self.exporter.check(product)
            guard product.isOffered(on: TestMarketplace().marketplace),
                !findings.contains(where: { $0.severity == .error })
            else { return }
            ledger[product.code.rawValue] = LedgerEntry(
                contentHash: listing.contentHash,
                remoteID: "1",
                lastSent: sent,
                lastOutcome: .succeeded
            )
        }
        let products: ((Product) throws -> Void) throws -> Void = { try self.database.forEachProduct($0) }
        let expiring = PublishPlanner(exporter: self.exporter, listingLifetime: .seconds(30 * 86_400))
        #expect(try expiring.plan(products: products, ledger: ledger, now: self.now).count(.refresh) == ledger.count)
        let lasting = PublishPlanner(exporter: self.exporter)
        #expect(try lasting.plan(products: products, ledger: ledger, now: self.now).changes.isEmpty)
    }

    @Test func aProductSentAsOftenAsTheMarketplaceTakesInADayWaitsForTheNextRunAndTheRunSaysSo() async throws {
        // Every run re-sends every listing (refreshed after a minute); the marketplace takes two a day.
        let planner = PublishPlanner(exporter: self.exporter, refreshAfter: .seconds(60), dailySendLimit: 2)
        func run(after hours: Double) async throws -> PublishSummary {
            let at = self.now.addingTimeInterval(hours * 3600)
            return try await Publisher(
                adapter: TestMarketplace(),
                account: self.account,
                client: self.marketplace,
                database: self.database,
                holder: "this-host:1",
                now: { at }
            )
            .publish(planner: planner, trigger: "test", dryRun: false)
        }
        let offered = try self.offered
        let first = try await run(after: 0)
        let second = try await run(after: 1)
        let third = try await run(after: 2)
        #expect(first.plan.count(.create) == offered && second.plan.count(.refresh) == offered)
        #expect(third.plan.changes.isEmpty && third.plan.deferred.count == offered)
        let record = try self.database.runs(limit: 1).first
        #expect(record?.message?.hasPrefix("\(offered) changes wait for the next run: test-market takes") == true)
        #expect(await self.marketplace.batches.joined().count == 2 * offered)  // nothing sent the third time
        // A day after the first run, its send no longer counts: one more each.
        let fourth = try await run(after: 24.5)
        #expect(fourth.plan.count(.refresh) == offered && fourth.plan.deferred.isEmpty)
    }
}
