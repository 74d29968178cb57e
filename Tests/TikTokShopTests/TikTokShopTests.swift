import FeedKit
import Foundation
import Groundwork
import OCOPCatalog
import Publishing
import Sandbox
import TestSupport
import Testing
import TikTokShop
import Transport

@Suite(.timeLimit(.minutes(1))) struct TikTokShopFeedTests {
    let adapter = TikTokShopAdapter()

    @Test func theSampleExportMatchesTheGoldenFileAndHoldsBackShortTitles() throws {
        let folder = try TemporaryFolder()
        let mapping = try Fixtures.mapping("tiktok-shop")
        let exporter = FeedExporter(adapter: self.adapter, mapping: mapping, context: Fixtures.sampleContext)
        let output = folder.url.appending(path: "tiktok-shop.jsonl")
        let exported = try exporter.export(from: try Fixtures.sampleCatalog(), format: .json, to: output)
        #expect(try Data(contentsOf: output) == Data(contentsOf: Fixtures.feeds.appending(path: "tiktok-shop.jsonl")))
        // VN titles run 25 to 255 characters, and every SKU needs a stock quantity: both held back, saying so.
        let short = Set(exported.findings.filter { $0.rule == "min_length" }.map(\.item))
        #expect(short.intersection(exported.heldBackItems) == ["ET-BOT-500", "KL-MO-BONBON", "TP-TIEU-DEN"])
        #expect(exported.heldBackItems.subtracting(short) == ["PY-BANHTRANG-HL", "PY-CADUONG-MOT", "PY-SAMNGOC-TH"])
        let report = try FeedFileValidator(adapter: self.adapter, mapping: mapping).validate(output, file: "t.jsonl")
        #expect(report.items == 33 && report.errors == 0, "\(report.findings)")
    }

    @Test func theBodyCarriesVNDAKilogramWeightAndItReadsBack() throws {
        let listing = self.adapter.listing(
            for: try Fixtures.sampleProduct("DMC-MC-500"),
            mapping: try Fixtures.mapping("tiktok-shop"),
            context: Fixtures.sampleContext
        )
        let json = self.adapter.json(for: listing, context: Fixtures.sampleContext)
        #expect(json["skus"]?[0]?["price"] == .object([("amount", .string("259000")), ("currency", .string("VND"))]))
        #expect(json["package_weight"]?["value"] == .string("0.56"))
        #expect(json["package_dimensions"]?["unit"] == .string("CENTIMETER"))
        #expect(try self.adapter.listing(fromJSON: json) == listing)
    }
}

@Suite(.timeLimit(.minutes(1))) struct TikTokShopSandboxTests {
    let folder: TemporaryFolder

    init() throws {
        self.folder = try TemporaryFolder()
    }

    func publish(_ adapter: any MarketplaceAdapter, _ base: URL, _ database: CatalogDatabase) async throws
        -> PublishSummary
    {
        try await SandboxPublishing.publish(
            adapter,
            mapping: "tiktok-shop",
            account: self.account(base),
            database: database
        )
    }

    func account(_ base: URL, secret: String = "sandbox-tiktok-secret") -> [String: String] {
        [
            "endpoint": base.appending(path: "tiktok").absoluteString, "app_key": "29a39d", "app_secret": secret,
            "access_token": "sandbox-tiktok-access-token", "shop_cipher": "ROW_sandbox",
            "warehouse_id": "7000714532876273420",
            "image_mirror": base.appending(path: "images").absoluteString,
        ]
    }

    @Test func imagesAreUploadedOnceThenProductsCreatedThenAPriceChangeIsOneEdit() async throws {
        let database = try Fixtures.sampleCatalog()
        let adapter = TikTokShopAdapter()
        let (first, second, third, before, after) = try await withSandbox { base in
            let first = try await self.publish(adapter, base, database)
            let second = try await self.publish(adapter, base, database)
            let before = try await SandboxPublishing.state(base, "tiktok-shop")
            try SandboxPublishing.changePrice(in: database, folder: self.folder)
            let third = try await self.publish(adapter, base, database)
            return (first, second, third, before, try await SandboxPublishing.state(base, "tiktok-shop"))
        }
        #expect(first.failed == 0 && first.plan.count(.create) == 33, "\(first.outcomes.filter { !$0.succeeded })")
        #expect(second.plan.changes.isEmpty)
        #expect(SandboxPublishing.createdOnce(after) == (33, true))
        #expect(after["uploads"] == before["uploads"])
        let references = RemoteReferences(ledgerText: third.outcomes.first?.remoteID)
        #expect(third.plan.count(.update) == 1 && third.failed == 0 && references.skus.count == 1)
        let requests = try #require(after["requests"]?.text.flatMap(Int.init))
        #expect(requests - (before["requests"]?.text.flatMap(Int.init) ?? 0) == 1)
        #expect(after["items"]?["KC-CHON-250"]?["skus"]?[0]?["price"]?["amount"] == .string("1290000"))
    }

    @Test func imagesTooSmallForTikTokFailTheirProductsBeforeAnyCall() async throws {
        let database = try Fixtures.sampleCatalog()
        let (summary, state) = try await withSandbox { base in
            // Every image from the mirror's `small` folder: 200×200 px, below TikTok's 300 px for main images.
            var account = self.account(base)
            account["image_mirror"] = base.appending(path: "images/small").absoluteString
            let summary = try await SandboxPublishing.publish(
                TikTokShopAdapter(),
                mapping: "tiktok-shop",
                account: account,
                database: database
            )
            return (summary, try await SandboxPublishing.state(base, "tiktok-shop"))
        }
        #expect(summary.failed == 33)
        let message = try #require(summary.outcomes.first?.message)
        #expect(message.hasPrefix("image https://cdn.ocopdaklak.example.vn/"))
        #expect(message.hasSuffix(" is 200×200 px; TikTok Shop takes 300 to 4000 px a side"))
        #expect(state["requests"] == .number("0") && state["uploads"] == .number("0"))
    }

    @Test func aCreateSentAgainWithItsIdempotencyKeyIsTheSameProduct() async throws {
        let database = try Fixtures.sampleCatalog()
        let (first, again, state) = try await withSandbox { base in
            let first = try await self.publish(TikTokShopAdapter(), base, database)
            // A catalogue whose ledger knows nothing (as after answers that never arrived): the same creates
            // go again, with the same idempotency keys.
            let again = try await self.publish(TikTokShopAdapter(), base, try Fixtures.sampleCatalog())
            return (first, again, try await SandboxPublishing.state(base, "tiktok-shop"))
        }
        #expect(again.plan.count(.create) == 33 && again.failed == 0)
        #expect(SandboxPublishing.createdOnce(state) == (33, true))
        let ids = { (summary: PublishSummary) in summary.outcomes.map { RemoteReferences(ledgerText: $0.remoteID).item }
        }
        #expect(ids(first) == ids(again))
    }

    @Test func aWrongSecretStopsTheRunWithTikToksMessage() async throws {
        let database = try Fixtures.sampleCatalog()
        let error = try await withSandbox { base in
            await #expect(throws: PublishingError.self) {
                _ = try await SandboxPublishing.publish(
                    TikTokShopAdapter(),
                    mapping: "tiktok-shop",
                    account: self.account(base, secret: "wrong-secret"),
                    database: database
                )
            }
        }
        #expect(
            error?.code == .account
                && error?.message == "tiktok-shop: Invalid credentials. The `sign` query parameter is invalid. (106001)"
        )
    }
}
