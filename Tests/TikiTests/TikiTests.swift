import FeedKit
import Foundation
import Groundwork
import OCOPCatalog
import Publishing
import Sandbox
import Synchronization
import TestSupport
import Testing
import Tiki
import Transport

@Suite(.timeLimit(.minutes(1))) struct TikiFeedTests {
    let adapter = TikiAdapter()

    @Test func theSampleExportMatchesTheGoldenFileAndReadsBackValid() throws {
        let folder = try TemporaryFolder()
        let mapping = try Fixtures.mapping("tiki")
        let exporter = FeedExporter(adapter: self.adapter, mapping: mapping, context: Fixtures.sampleContext)
        let output = folder.url.appending(path: "tiki.jsonl")
        _ = try exporter.export(from: try Fixtures.sampleCatalog(), format: .json, to: output)
        #expect(try Data(contentsOf: output) == Data(contentsOf: Fixtures.feeds.appending(path: "tiki.jsonl")))
        let report = try FeedFileValidator(adapter: self.adapter, mapping: mapping).validate(output, file: "tiki.jsonl")
        #expect(report.items == 36 && report.errors == 0, "\(report.findings)")
    }

    @Test func theBuyerPaysTheSalePriceAndTheListPriceIsTheMarketPrice() throws {
        let listing = self.adapter.listing(
            for: try Fixtures.sampleProduct("DMC-MC-500"),
            mapping: try Fixtures.mapping("tiki"),
            context: Fixtures.sampleContext
        )
        let json = self.adapter.json(for: listing, context: Fixtures.sampleContext)
        #expect(json["market_price"] == .number("285000") && json["variants"]?[0]?["price"] == .number("259000"))
        #expect(json["images"]?.elements.count == 1 && json["option_attributes"] == .array([]))
        #expect(try self.adapter.listing(fromJSON: json) == listing)
    }
}

@Suite(.timeLimit(.minutes(1))) struct TikiSandboxTests {
    let folder: TemporaryFolder

    init() throws {
        self.folder = try TemporaryFolder()
    }

    func publish(
        _ adapter: any MarketplaceAdapter,
        _ base: URL,
        _ database: CatalogDatabase,
        pause: @escaping @Sendable (Duration) async throws -> Void = { _ in }
    ) async throws -> PublishSummary {
        try await SandboxPublishing.publish(
            adapter,
            mapping: "tiki",
            account: self.account(base),
            database: database,
            pause: pause
        )
    }

    func account(_ base: URL, token: String = "sandbox-tiki-access-token") -> [String: String] {
        ["endpoint": base.appending(path: "tiki/integration").absoluteString, "access_token": token]
    }

    @Test func requestsAreFollowedToApprovalThenAPriceChangeIsOneUpdateSKU() async throws {
        let database = try Fixtures.sampleCatalog()
        let adapter = TikiAdapter()
        let (first, second, third, before, after) = try await withSandbox { base in
            let first = try await self.publish(adapter, base, database)
            let second = try await self.publish(adapter, base, database)
            let before = try await SandboxPublishing.state(base, "tiki")
            try SandboxPublishing.changePrice(in: database, folder: self.folder)
            let third = try await self.publish(adapter, base, database)
            return (first, second, third, before, try await SandboxPublishing.state(base, "tiki"))
        }
        #expect(first.failed == 0 && first.plan.count(.create) == 36, "\(first.outcomes.filter { !$0.succeeded })")
        #expect(second.plan.changes.isEmpty)
        #expect(SandboxPublishing.createdOnce(after) == (36, true))  // 4 samples have no stock count, which Tiki needs
        // The seller's suppliers asked once, then one request and one tracking check each.
        #expect(before["requests"] == .number(String(1 + 36 + 36)))
        #expect(third.plan.count(.update) == 1 && third.failed == 0)
        #expect(third.outcomes.first?.message?.contains("Tiki keeps the name") == true)
        #expect(after["requests"] == .number(String(73 + 1 + 1)))  // the suppliers again, one updateSku
        #expect(after["items"]?["KC-CHON-250"]?["price"] == .number("1290000"))
    }

    @Test func aRequestStillUnderReviewIsFollowedByTheNextRunNotSentAgain() async throws {
        let database = try Fixtures.sampleCatalog()
        let pauses = Mutex<[Duration]>([])
        let adapter = TikiAdapter(trackingChecks: 2)
        let pause: @Sendable (Duration) async throws -> Void = { wait in pauses.withLock { $0.append(wait) } }
        var faults = FaultPlan.none
        faults.slowReviews = 3
        let (first, second, state) = try await withSandbox(faults: faults) { base in
            let first = try await self.publish(adapter, base, database, pause: pause)
            let second = try await self.publish(adapter, base, database, pause: pause)
            return (first, second, try await SandboxPublishing.state(base, "tiki"))
        }
        // Two checks each in the first run, both "under review": every item waits, its track id kept.
        #expect(first.failed == 36 && first.outcomes.allSatisfy { $0.message?.contains("still reviewing") == true })
        #expect(pauses.withLock { $0.first } == .seconds(1))
        let tracks = first.outcomes.map { RemoteReferences(ledgerText: $0.remoteID).request }
        #expect(tracks.allSatisfy { $0 != nil })
        // The next run follows the same requests (third check: under review, fourth: approved).
        #expect(second.failed == 0 && second.outcomes.count == 36)
        #expect(second.outcomes.allSatisfy { RemoteReferences(ledgerText: $0.remoteID).item != nil })
        #expect(SandboxPublishing.createdOnce(state) == (36, true))
        // The suppliers once a run; 36 requests sent once, four checks each.
        #expect(state["requests"] == .number(String(2 + 36 + 36 * 4)))
    }

    @Test func aSupplierNotConfiguredIsAskedOfTikiOnceARunAndAWrongOneIsRefusedAsTikiRefusesIt() async throws {
        let database = try Fixtures.sampleCatalog()
        let (wrong, asked, state) = try await withSandbox { base in
            let wrong = try await SandboxPublishing.publish(
                TikiAdapter(),
                mapping: "tiki",
                account: self.account(base).merging(["supplier": "114226"]) { $1 },
                database: database
            )
            let asked = try await self.publish(TikiAdapter(), base, database)
            return (wrong, asked, try await SandboxPublishing.state(base, "tiki"))
        }
        #expect(wrong.failed == 36)
        #expect(
            wrong.outcomes.allSatisfy {
                $0.message == "variants[0].supplier 114226 is not one of this seller's suppliers (HTTP 422)"
            }
        )
        #expect(asked.failed == 0 && SandboxPublishing.createdOnce(state) == (36, true))
        // 36 refused requests; then the suppliers once, 36 requests and 36 tracking checks.
        #expect(state["requests"] == .number(String(36 + 1 + 36 + 36)))
        #expect(state["items"]?["KC-CHON-250"]?["variants"]?[0]?["supplier"] == .number("239091"))
    }

    @Test func aSellerWithSeveralSuppliersIsToldToChooseOneByName() throws {
        let account = try TikiAdapter().account(
            MarketplaceAccount(marketplace: "tiki", values: ["endpoint": "http://127.0.0.1:9", "access_token": "t"])
        )
        #expect(TikiAdapter().discoveryCalls(for: account).map(\.path) == ["/v1/suppliers"])
        let several = try JSONValue.parse(Data(#"[{"id":114226,"name":"HN"},{"id":114227,"name":"SGN"}]"#.utf8))
        #expect {
            try TikiAdapter().account(account, discovered: [several])
        } throws: {
            ($0 as? PublishingError)?.message
                == "tiki: this seller has 2 suppliers (114226 HN, 114227 SGN); set supplier: under marketplaces.tiki in ocop.yaml to the one that ships your goods"
        }
        let configured = try TikiAdapter().account(
            MarketplaceAccount(
                marketplace: "tiki",
                values: ["endpoint": "http://127.0.0.1:9", "access_token": "t", "supplier": "114227"]
            )
        )
        #expect(TikiAdapter().discoveryCalls(for: configured).isEmpty)
    }

    @Test func aWrongTokenStopsTheRunWithTikisMessage() async throws {
        let database = try Fixtures.sampleCatalog()
        let error = try await withSandbox { base in
            await #expect(throws: PublishingError.self) {
                _ = try await SandboxPublishing.publish(
                    TikiAdapter(),
                    mapping: "tiki",
                    account: self.account(base, token: "expired"),
                    database: database
                )
            }
        }
        #expect(error?.code == .account && error?.message.contains("Unauthorized") == true)
        #expect(error?.message.contains("(HTTP 401)") == true)
    }
}
