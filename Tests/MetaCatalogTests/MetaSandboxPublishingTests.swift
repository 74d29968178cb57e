import FeedKit
import Foundation
import Groundwork
import MetaCatalog
import OCOPCatalog
import Publishing
import Sandbox
import TestSupport
import Testing
import Transport

@Suite(.timeLimit(.minutes(1))) struct MetaSandboxPublishingTests {
    /// Publishes the samples to the sandbox at `base` until a run completes (at most `runs` runs).
    func publishUntilDone(_ base: URL, database: CatalogDatabase, runs: Int, timeout: String = "30") async throws
        -> Int
    {
        let adapter = MetaCatalogAdapter(batchSize: 5)
        let account = MarketplaceAccount(
            marketplace: "meta-catalog",
            values: [
                "endpoint": base.appending(path: "graph/v21.0").absoluteString, "catalog_id": "789",
                "access_token": "sandbox-meta-token", "timeout": timeout,
            ]
        )
        let exporter = FeedExporter(
            adapter: adapter,
            mapping: try Fixtures.mapping("meta-catalog"),
            context: Fixtures.sampleContext
        )
        // Retries without waiting: the test never sleeps.
        let client = RetryingClient(CurlClient(), sleep: { _ in }, jitter: { 0 })
        let publisher = Publisher(adapter: adapter, account: account, client: client, database: database)
        for attempt in 1...runs {
            do {
                let summary = try await publisher.publish(
                    planner: PublishPlanner(exporter: exporter),
                    trigger: "test",
                    dryRun: false
                )
                if summary.failed == 0 { return attempt }
            } catch let error as PublishingError where error.code == .unreachable {
                continue  // all retries of one batch failed: the next run resumes
            }
        }
        return runs + 1
    }

    @Test func publishingToTheSandboxCreatesEveryValidItemOnceThenSendsNothing() async throws {
        let database = try Fixtures.sampleCatalog()
        let (state, second) = try await withSandbox { base in
            let runs = try await self.publishUntilDone(base, database: database, runs: 1)
            #expect(runs == 1)
            let state = try JSONValue.parse(
                try await CurlClient().send(HTTPRequest(url: base.appending(path: "sandbox/meta-catalog"))).body
            )
            let calls = state["calls"]
            _ = try await self.publishUntilDone(base, database: database, runs: 1)
            let after = try JSONValue.parse(
                try await CurlClient().send(HTTPRequest(url: base.appending(path: "sandbox/meta-catalog"))).body
            )
            #expect(after["calls"] == calls)  // the second publish sent nothing
            return (state, after)
        }
        guard case .object(let items)? = state["items"], case .object(let creations)? = second["creations"] else {
            Issue.record("no sandbox state")
            return
        }
        #expect(items.count == 39)
        #expect(creations.allSatisfy { $0.1 == .number("1") })
    }

    @Test func anItemMetaCannotIngestFailsWithMetasMessageOnceTheBatchIsChecked() async throws {
        // One product's image is on a host that cannot exist: the answer accepts it, ingestion rejects it.
        let folder = try TemporaryFolder()
        let csv = try String(contentsOf: Fixtures.samples.appending(path: "catalog/daklak-ocop.csv"), encoding: .utf8)
        let broken = "https://cdn.broken.invalid/kc-chon-250-1.jpg"
        let database = try CatalogDatabase.inMemory()
        _ = try database.importCatalog(files: [
            try folder.write(
                "daklak-ocop.csv",
                csv.replacingOccurrences(of: "https://cdn.ocopdaklak.example.vn/anh/kc-chon-250-1.jpg", with: broken)
            )
        ])
        let (runs, state) = try await withSandbox { base in
            let runs = try await self.publishUntilDone(base, database: database, runs: 1)
            let state = try JSONValue.parse(
                try await CurlClient().send(HTTPRequest(url: base.appending(path: "sandbox/meta-catalog"))).body
            )
            return (runs, state)
        }
        #expect(runs == 2)  // the one run did not complete cleanly
        #expect(state["items"]?["KC-CHON-250"] == nil)
        let failed = try database.runItems(1).filter { !$0.succeeded }
        #expect(failed.map(\.code) == ["KC-CHON-250"])
        #expect(failed.first?.message == "Image could not be downloaded: \(broken)")
    }

    @Test func withThirtyPercentFaultsAndLostAnswersTheMarketplaceEndsExactlyRight() async throws {
        let database = try Fixtures.sampleCatalog()
        // 40% of calls fail outright (500, 429, or applied and answered 503); 10% more answer after 1 s,
        // past the client's 0.5 s timeout, and are applied anyway.
        let faults = FaultPlan(
            serverErrors: 0.15,
            rateLimited: 0.15,
            droppedAfterApplying: 0.1,
            slowAnswers: 0.1,
            slowness: .seconds(1),
            seed: 7
        )
        let state = try await withSandbox(faults: faults) { base in
            let runs = try await self.publishUntilDone(base, database: database, runs: 5, timeout: "0.5")
            #expect(runs <= 5)
            return try JSONValue.parse(
                try await CurlClient().send(HTTPRequest(url: base.appending(path: "sandbox/meta-catalog"))).body
            )
        }
        guard case .object(let items)? = state["items"], case .object(let creations)? = state["creations"] else {
            Issue.record("no sandbox state")
            return
        }
        let expected = Set(try database.ledger(marketplace: "meta-catalog").keys)
        #expect(Set(items.map(\.0)) == expected)
        #expect(expected.count == 39)
        #expect(creations.allSatisfy { $0.1 == .number("1") }, "an item was created twice")
        #expect(Int(state["calls"]?.text ?? "0")! > 8)  // faults really happened and were retried
    }
}
