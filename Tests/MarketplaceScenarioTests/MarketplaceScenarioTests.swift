import Foundation
import Groundwork
import Lazada
import MetaCatalog
import Publishing
import Sandbox
import Shopee
import TestSupport
import Testing
import TikTokShop
import Tiki
import WooCommerce

/// A marketplace as these scenarios drive it in the sandbox: its adapter, mapping, the account the sandbox
/// takes, and how many of the samples it lists.
struct MultiCallMarketplace: Sendable, CustomTestStringConvertible {
    let adapter: any MarketplaceAdapter
    let mapping: String
    let listed: Int
    let account: @Sendable (URL) -> [String: String]

    var testDescription: String { self.mapping }

    static let all = [
        MultiCallMarketplace(adapter: ShopeeAdapter(), mapping: "shopee", listed: 38, account: SandboxAccounts.shopee),
        MultiCallMarketplace(adapter: LazadaAdapter(), mapping: "lazada", listed: 36, account: SandboxAccounts.lazada),
        MultiCallMarketplace(
            adapter: TikTokShopAdapter(),
            mapping: "tiktok-shop",
            listed: 33,
            account: SandboxAccounts.tiktokShop
        ),
        MultiCallMarketplace(adapter: TikiAdapter(), mapping: "tiki", listed: 36, account: SandboxAccounts.tiki),
    ]

    /// Meta and WooCommerce, which take a batch a call (Google's service account: GoogleSandboxPublishingTests).
    static let batches = [
        MultiCallMarketplace(
            adapter: MetaCatalogAdapter(),
            mapping: "meta-catalog",
            listed: 39,
            account: SandboxAccounts.metaCatalog
        ),
        MultiCallMarketplace(adapter: WooCommerceAdapter(), mapping: "woocommerce", listed: 41) { base in
            [
                "endpoint": base.appending(path: "woocommerce/wp-json/wc/v3").absoluteString,
                "consumer_key": "ck_sandbox", "consumer_secret": "cs_sandbox",
            ]
        },
    ]
}

/// The scenarios every multi-call marketplace must pass, written once: a flaky platform, a withdrawal (which
/// the batch marketplaces pass too).
@Suite(.timeLimit(.minutes(1))) struct MarketplaceScenarioTests {
    @Test(arguments: MultiCallMarketplace.all)
    func underServerErrorsAndRateLimitsEveryItemIsCreatedOnce(marketplace: MultiCallMarketplace) async throws {
        let (runs, state) = try await SandboxPublishing.publishUnderFaults(
            marketplace.adapter,
            mapping: marketplace.mapping,
            account: marketplace.account
        )
        #expect(runs[0].failed > 0)  // with this seed some items exhaust their retries in the first run
        // Retried with backoff; what still fails is left for the next run, which sends it again.
        #expect(runs.map(\.outcomes).joined().filter { $0.succeeded }.count == marketplace.listed)
        let failures = runs.flatMap(\.outcomes).compactMap { $0.succeeded ? nil : $0.message }
        #expect(
            failures.allSatisfy { $0.contains("busy") || $0.contains("HTTP 5") || $0.contains("HTTP 429") },
            "\(failures)"
        )
        #expect(runs.last?.failed == 0 && SandboxPublishing.createdOnce(state) == (marketplace.listed, true))
    }

    @Test(arguments: MultiCallMarketplace.batches)
    func aBatchUnderServerErrorsIsSentAgainSignedAfreshUntilEveryItemIsCreatedOnce(
        marketplace: MultiCallMarketplace
    ) async throws {
        let (runs, state) = try await SandboxPublishing.publishUnderFaults(
            marketplace.adapter,
            mapping: marketplace.mapping,
            account: marketplace.account
        )
        // WooCommerce over HTTP signs with OAuth 1.0a: a retry that reused its nonce would be refused as used.
        let failures = runs.flatMap(\.outcomes).compactMap { $0.succeeded ? nil : $0.message }
        #expect(!failures.contains { $0.contains("nonce") }, "\(failures)")
        #expect(runs.last?.failed == 0 && SandboxPublishing.createdOnce(state) == (marketplace.listed, true))
    }

    @Test(arguments: MultiCallMarketplace.all + MultiCallMarketplace.batches)
    func aStandInThatAnswersOKWithAnythingElsePublishesNothing(marketplace: MultiCallMarketplace) async throws {
        let database = try Fixtures.sampleCatalog()
        var faults = FaultPlan.none
        faults.sentinelAnswers = true
        let (first, second) = try await withSandbox(faults: faults) { base in
            // What the marketplace would be asked first is configured, so every item reaches its own calls.
            let account = marketplace.account(base).merging([
                "logistic_ids": "50011", "warehouse_id": "7000714532876273420", "supplier": "239091",
            ]) { $1 }
            let publish = {
                try await SandboxPublishing.publish(
                    marketplace.adapter,
                    mapping: marketplace.mapping,
                    account: account,
                    database: database
                )
            }
            return (try await publish(), try await publish())
        }
        #expect(first.failed == marketplace.listed && first.outcomes.allSatisfy { !$0.succeeded })
        let said = first.outcomes.compactMap(\.message)
        #expect(said.allSatisfy { $0.contains("unexpected answer") || $0.contains("without") }, "\(said.prefix(3))")
        // Nothing was recorded as published: the next run sends every item again (as a create, or where the
        // marketplace was asked for a part of it, such as an image, as a retry that still creates it).
        #expect(second.plan.changes.count == marketplace.listed)
        #expect(second.plan.count(.create) + second.plan.count(.update) == marketplace.listed)
    }

    @Test(arguments: MultiCallMarketplace.all + MultiCallMarketplace.batches)
    func aRevokedCertificateWithdrawsTheListing(marketplace: MultiCallMarketplace) async throws {
        let folder = try TemporaryFolder()
        let (summary, state) = try await withSandbox { base in
            try await SandboxPublishing.publishThenRevoke(
                marketplace.adapter,
                mapping: marketplace.mapping,
                account: marketplace.account(base),
                base: base,
                folder: folder
            )
        }
        // The marketplace no longer lists it (deleted or deactivated), and the ledger forgets it.
        #expect(summary.plan.count(.delete) == 1 && summary.failed == 0 && summary.outcomes.count == 1)
        #expect(state["items"]?["DMC-MC-500"] == nil && state["items"]?["DMC-MC-1KG"] != nil)
    }
}
