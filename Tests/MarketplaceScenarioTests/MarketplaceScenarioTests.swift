import Foundation
import Groundwork
import Lazada
import Publishing
import Sandbox
import Shopee
import TestSupport
import Testing
import TikTokShop
import Tiki

/// A multi-call marketplace as these scenarios drive it in the sandbox: its adapter, mapping, the account
/// the sandbox takes, and how many of the samples it lists.
struct MultiCallMarketplace: Sendable, CustomTestStringConvertible {
    let adapter: any MarketplaceAdapter
    let mapping: String
    let listed: Int
    let account: @Sendable (URL) -> [String: String]

    var testDescription: String { self.mapping }

    static let all = [
        MultiCallMarketplace(adapter: ShopeeAdapter(), mapping: "shopee", listed: 40) { base in
            [
                "endpoint": base.appending(path: "shopee").absoluteString, "partner_id": "2001887",
                "shop_id": "14701711", "partner_key": "sandbox-shopee-partner-key",
                "access_token": "sandbox-shopee-access-token", "logistic_ids": "50011, 50012",
                "image_mirror": base.appending(path: "images").absoluteString,
            ]
        },
        MultiCallMarketplace(adapter: LazadaAdapter(), mapping: "lazada", listed: 36) { base in
            [
                "endpoint": base.appending(path: "lazada/rest").absoluteString, "app_key": "123456",
                "app_secret": "sandbox-lazada-secret", "access_token": "seller-token",
            ]
        },
        MultiCallMarketplace(adapter: TikTokShopAdapter(), mapping: "tiktok-shop", listed: 33) { base in
            [
                "endpoint": base.appending(path: "tiktok").absoluteString, "app_key": "29a39d",
                "app_secret": "sandbox-tiktok-secret", "access_token": "sandbox-tiktok-access-token",
                "shop_cipher": "ROW_sandbox", "warehouse_id": "7000714532876273420",
                "image_mirror": base.appending(path: "images").absoluteString,
            ]
        },
        MultiCallMarketplace(adapter: TikiAdapter(), mapping: "tiki", listed: 40) { base in
            [
                "endpoint": base.appending(path: "tiki/integration").absoluteString,
                "access_token": "sandbox-tiki-access-token",
            ]
        },
    ]
}

/// The scenarios every multi-call marketplace must pass, written once: a flaky platform, a withdrawal.
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

    @Test(arguments: MultiCallMarketplace.all)
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
