import FeedKit
import Foundation
import Groundwork
import MetaCatalog
import OCOPCatalog
import Publishing
import Synchronization
import TestSupport
import Testing
import Transport

/// Meta's items_batch as far as these tests need it: checks the token, keeps what it is sent, refuses the
/// retailer ids it is told to refuse, and counts the calls.
actor FakeMetaCatalog: HTTPClient {
    private(set) var items: [String: JSONValue] = [:]
    private(set) var methods: [String] = []
    var refuse: Set<String> = []
    /// Items accepted in the answer but rejected while the batch is processed, with Meta's message.
    var rejectLater: [String: String] = [:]
    /// Status checks answered `in_progress` before the batch is `finished`.
    var checksBeforeFinished = 0
    private(set) var statusChecks = 0

    func refuse(_ ids: Set<String>) { self.refuse = ids }

    func rejectLater(_ items: [String: String], checksBeforeFinished: Int) {
        self.rejectLater = items
        self.checksBeforeFinished = checksBeforeFinished
    }

    func send(_ request: HTTPRequest) async throws(TransportError) -> HTTPResponse {
        guard request.headers.contains(where: { $0.name == "Authorization" && $0.value == "Bearer meta-token-123" })
        else {
            return HTTPResponse(
                status: 401,
                body: Data(#"{"error":{"message":"Invalid OAuth access token","code":190}}"#.utf8)
            )
        }
        if request.url.path.hasSuffix("/check_batch_request_status") {
            self.statusChecks += 1
            let finished = self.statusChecks > self.checksBeforeFinished
            let errors = self.rejectLater.map {
                JSONValue.object([("id", .string($0.key)), ("message", .string($0.value))])
            }
            let entry = JSONValue.object([
                ("handle", .string("h1")), ("status", .string(finished ? "finished" : "in_progress")),
                ("errors", .array(finished ? errors : [])),
                ("ids_of_invalid_requests", .array(finished ? self.rejectLater.keys.map { .string($0) } : [])),
            ])
            return HTTPResponse(status: 200, body: Data(JSONValue.object([("data", .array([entry]))]).serialized.utf8))
        }
        guard let body = try? JSONValue.parse(request.body), case .array(let requests)? = body["requests"] else {
            return HTTPResponse(status: 400, body: Data(#"{"error":{"message":"bad body","code":100}}"#.utf8))
        }
        var statuses: [JSONValue] = []
        for entry in requests {
            guard let method = entry["method"]?.text, let data = entry["data"], let id = data["id"]?.text else {
                continue
            }
            self.methods.append("\(method) \(id)")
            if self.refuse.contains(id) {
                statuses.append(
                    .object([
                        ("retailer_id", .string(id)),
                        ("errors", .array([.object([("message", .string("Price is invalid"))])])),
                    ])
                )
                continue
            }
            if method == "DELETE" {
                self.items[id] = nil
            } else if self.rejectLater[id] == nil {
                self.items[id] = data
            }
        }
        let answer = JSONValue.object([("handles", .array([.string("h1")])), ("validation_status", .array(statuses))])
        return HTTPResponse(status: 200, body: Data(answer.serialized.utf8))
    }

    func resetLog() { self.methods = [] }
}

@Suite(.timeLimit(.minutes(1))) struct MetaPublishingTests {
    let database: CatalogDatabase
    let marketplace = FakeMetaCatalog()
    let folder: TemporaryFolder
    let account = MarketplaceAccount(
        marketplace: "meta-catalog",
        values: ["endpoint": "http://127.0.0.1:9/v21.0", "catalog_id": "789", "access_token": "meta-token-123"]
    )

    init() throws {
        self.database = try Fixtures.sampleCatalog()
        self.folder = try TemporaryFolder()
    }

    func publish(
        now: Date = Date(timeIntervalSince1970: 1_795_000_000),
        pause: @escaping @Sendable (Duration) async throws -> Void = { _ in }
    ) async throws -> PublishSummary {
        let adapter = MetaCatalogAdapter()
        let exporter = FeedExporter(
            adapter: adapter,
            mapping: try Fixtures.mapping("meta-catalog"),
            context: Fixtures.sampleContext
        )
        let publisher = Publisher(
            adapter: adapter,
            account: self.account,
            client: self.marketplace,
            database: self.database,
            now: { now },
            pause: pause
        )
        return try await publisher.publish(
            planner: PublishPlanner(exporter: exporter),
            trigger: "test",
            dryRun: false
        )
    }

    func reimport(replacing original: String, with replacement: String) throws {
        let url = Fixtures.samples.appending(path: "catalog/daklak-ocop.csv")
        let text = try String(contentsOf: url, encoding: .utf8)
        #expect(text.contains(original))
        _ = try self.database.importCatalog(files: [
            try self.folder.write("daklak-ocop.csv", text.replacingOccurrences(of: original, with: replacement))
        ])
    }

    @Test func theFirstRunCreatesEveryValidItemAndTheSecondSendsNothing() async throws {
        let first = try await self.publish()
        #expect(first.plan.count(.create) == 39)
        #expect(await self.marketplace.items.count == 39)
        #expect(first.failed == 0)

        await self.marketplace.resetLog()
        let second = try await self.publish()
        #expect(second.plan.changes.isEmpty && second.plan.unchanged == 39)
        #expect(await self.marketplace.methods.isEmpty)
    }

    @Test func aBatchIsCheckedUntilMetaHasProcessedItAndWhatItRejectsThenFails() async throws {
        await self.marketplace.rejectLater(
            ["KC-CHON-250": "Image could not be downloaded"],
            checksBeforeFinished: 2
        )
        let pauses = Mutex<[Duration]>([])
        let first = try await self.publish { duration in pauses.withLock { $0.append(duration) } }
        // Checked at once, then after 1 and 2 seconds: the third check finds it finished
        #expect(await self.marketplace.statusChecks == 3)
        #expect(pauses.withLock { $0 } == [.seconds(1), .seconds(2)])
        let rejected = first.outcomes.filter { !$0.succeeded }
        #expect(rejected.map(\.code) == ["KC-CHON-250"])
        #expect(rejected.first?.message == "Image could not be downloaded")
        #expect(first.outcomes.count == 39 && first.failed == 1)
        // The rejected item is not in the ledger as held, so the next run creates it again
        await self.marketplace.rejectLater([:], checksBeforeFinished: 0)
        await self.marketplace.resetLog()
        _ = try await self.publish()
        #expect(await self.marketplace.methods == ["CREATE KC-CHON-250"])
    }

    @Test func changingOnePriceSendsExactlyOneUpdate() async throws {
        _ = try await self.publish()
        await self.marketplace.resetLog()
        try self.reimport(replacing: ",1.250.000 đ,", with: ",1.290.000 đ,")
        let run = try await self.publish()
        #expect(await self.marketplace.methods == ["UPDATE KC-CHON-250"])
        #expect(run.plan.count(.update) == 1)
        #expect(await self.marketplace.items["KC-CHON-250"]?["price"] == .string("1290000 VND"))
    }

    @Test func revokingOneCertificateSendsExactlyOneDelete() async throws {
        _ = try await self.publish()
        await self.marketplace.resetLog()
        let csv = Fixtures.samples.appending(path: "catalog/daklak-ocop.csv")
        let line = try #require(
            try String(contentsOf: csv, encoding: .utf8).split(separator: "\n").first { $0.hasPrefix("MEH-MACA-500,") }
        )
        try self.reimport(
            replacing: String(line),
            with: line.replacingOccurrences(of: ",Còn hiệu lực,", with: ",Thu hồi,")
        )
        _ = try await self.publish()
        #expect(await self.marketplace.methods == ["DELETE MEH-MACA-500"])
        #expect(await self.marketplace.items["MEH-MACA-500"] == nil)
        #expect(try self.database.ledger(marketplace: "meta-catalog")["MEH-MACA-500"] == nil)
    }

    @Test func aRefusedItemIsAFailedOutcomeAndIsTriedAgainNextRun() async throws {
        await self.marketplace.refuse(["KC-CHON-250"])
        let first = try await self.publish()
        #expect(first.failed == 1)
        #expect(
            first.outcomes.first { !$0.succeeded }
                == ItemOutcome(code: "KC-CHON-250", action: .create, succeeded: false, message: "Price is invalid")
        )
        let run = try #require(try self.database.runs().first)
        #expect(run.status == .partial && run.created == 38 && run.failed == 1)

        await self.marketplace.refuse([])
        await self.marketplace.resetLog()
        _ = try await self.publish()
        #expect(await self.marketplace.methods == ["CREATE KC-CHON-250"])
    }

    @Test func aWrongTokenStopsTheRunWithMetasWordsAndTheTokenAppearsNowhere() async throws {
        let wrong = MarketplaceAccount(
            marketplace: "meta-catalog",
            values: ["endpoint": "http://127.0.0.1:9/v21.0", "catalog_id": "789", "access_token": "wrong-token-456"]
        )
        let adapter = MetaCatalogAdapter()
        let exporter = FeedExporter(
            adapter: adapter,
            mapping: try Fixtures.mapping("meta-catalog"),
            context: Fixtures.sampleContext
        )
        let publisher = Publisher(adapter: adapter, account: wrong, client: self.marketplace, database: self.database)
        let error = await #expect(throws: PublishingError.self) {
            _ = try await publisher.publish(planner: PublishPlanner(exporter: exporter), trigger: "test", dryRun: false)
        }
        #expect(error?.code == .account)
        #expect(
            error?.message
                == "meta-catalog: Invalid OAuth access token (code 190); check marketplaces.meta-catalog.access_token"
        )
        // Nothing is recorded as sent, and the token is in no message kept.
        let runs = try self.database.runs()
        for run in runs {
            let stored = try self.database.runItems(run.id)
            #expect(stored.allSatisfy { !$0.succeeded && !($0.message ?? "").contains("wrong-token-456") })
        }
    }
}
