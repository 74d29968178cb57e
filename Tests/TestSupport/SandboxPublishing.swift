import FeedKit
public import Foundation
public import Groundwork
public import OCOPCatalog
public import Publishing
import Sandbox
import Transport

/// Publishing the samples to a running sandbox, as the adapters' tests do it.
public enum SandboxPublishing {
    /// One run of `adapter` with `account`'s settings over `database`, planned with the repository's
    /// mapping for `mapping` on the samples' day (or `today`); retries and waits (`pause`) without waiting,
    /// tokens kept in `tokens`.
    public static func publish(
        _ adapter: any MarketplaceAdapter,
        mapping: String,
        account: [String: String],
        database: CatalogDatabase,
        today: CalendarDate? = nil,
        tokens: AccessTokenCache = AccessTokenCache(),
        pause: @escaping @Sendable (Duration) async throws -> Void = { _ in }
    ) async throws -> PublishSummary {
        var context = Fixtures.sampleContext
        if let today { context.today = today }
        let exporter = FeedExporter(adapter: adapter, mapping: try Fixtures.mapping(mapping), context: context)
        let publisher = Publisher(
            adapter: adapter,
            account: MarketplaceAccount(marketplace: mapping, values: account),
            client: RetryingClient(CurlClient(), sleep: { _ in }, jitter: { 0 }),
            database: database,
            pause: pause,
            tokens: tokens
        )
        return try await publisher.publish(
            planner: PublishPlanner(exporter: exporter, listingLifetime: adapter.listingLifetime),
            trigger: "test",
            dryRun: false
        )
    }

    /// The plan for the samples when the marketplace was sent every valid listing, unchanged since, `days`
    /// ago.
    public static func planAfter(days: Int, _ adapter: any MarketplaceAdapter, mapping: String) throws -> PublishPlan {
        let database = try Fixtures.sampleCatalog()
        let exporter = FeedExporter(
            adapter: adapter,
            mapping: try Fixtures.mapping(mapping),
            context: Fixtures.sampleContext
        )
        let now = Date()
        var ledger: [String: LedgerEntry] = [:]
        try database.forEachProduct { product in
            let (listing, findings) = exporter.check(product)
            guard product.isOffered(on: adapter.marketplace), !findings.contains(where: { $0.severity == .error })
            else { return }
            ledger[product.code.rawValue] = LedgerEntry(
                contentHash: listing.contentHash,
                remoteID: "1",
                lastSent: now.addingTimeInterval(-Double(days) * 86_400),
                lastOutcome: .succeeded
            )
        }
        return try PublishPlanner(exporter: exporter, listingLifetime: adapter.listingLifetime).plan(
            products: { try database.forEachProduct($0) },
            ledger: ledger,
            now: now
        )
    }

    /// What the sandbox holds of `marketplace`: `{items, creations, calls, requests, uploads}`.
    public static func state(_ base: URL, _ marketplace: String) async throws -> JSONValue {
        try JSONValue.parse(
            try await CurlClient().send(HTTPRequest(url: base.appending(path: "sandbox/\(marketplace)"))).body
        )
    }

    /// Every item created exactly once, and how many there are.
    public static func createdOnce(_ state: JSONValue) -> (count: Int, allOnce: Bool) {
        guard case .object(let creations)? = state["creations"] else { return (0, false) }
        return (creations.count, creations.allSatisfy { $0.1 == .number("1") })
    }

    /// Publishes the samples three times to a sandbox failing calls with 30% server errors and 20% rate
    /// limits (a fixed seed): the runs and what the sandbox holds after them.
    public static func publishUnderFaults(
        _ adapter: any MarketplaceAdapter,
        mapping: String,
        account: @Sendable (URL) -> [String: String]
    ) async throws -> (runs: [PublishSummary], state: JSONValue) {
        let database = try Fixtures.sampleCatalog()
        let faults = FaultPlan(serverErrors: 0.3, rateLimited: 0.2, droppedAfterApplying: 0, seed: 7)
        return try await withSandbox(faults: faults) { base in
            var runs: [PublishSummary] = []
            for _ in 0..<3 {
                runs.append(
                    try await self.publish(adapter, mapping: mapping, account: account(base), database: database)
                )
            }
            return (runs, try await self.state(base, mapping))
        }
    }

    /// Publishes the samples, then revokes DMC-MC-500's certificate and publishes again: the second run and
    /// what the sandbox holds after it.
    public static func publishThenRevoke(
        _ adapter: any MarketplaceAdapter,
        mapping: String,
        account: [String: String],
        base: URL,
        folder: TemporaryFolder
    ) async throws -> (summary: PublishSummary, state: JSONValue) {
        let database = try Fixtures.sampleCatalog()
        _ = try await self.publish(adapter, mapping: mapping, account: account, database: database)
        let csv = try String(contentsOf: Fixtures.samples.appending(path: "catalog/daklak-ocop.csv"), encoding: .utf8)
        let revoked = csv.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.hasPrefix("DMC-MC-500,")
                ? line.replacingOccurrences(of: ",Còn hiệu lực,", with: ",Thu hồi,") : String(line)
        }.joined(separator: "\n")
        _ = try database.importCatalog(files: [try folder.write("daklak-ocop.csv", revoked)])
        let summary = try await self.publish(adapter, mapping: mapping, account: account, database: database)
        return (summary, try await self.state(base, mapping))
    }

    /// The samples' catalogue with one price changed: KC-CHON-250 from 1,250,000 to 1,290,000 đồng.
    public static func changePrice(in database: CatalogDatabase, folder: TemporaryFolder) throws {
        let csv = try String(contentsOf: Fixtures.samples.appending(path: "catalog/daklak-ocop.csv"), encoding: .utf8)
        guard csv.contains(",1.250.000 đ,") else {  // else the "change" would change nothing
            throw CatalogError(.notFound, "the samples no longer price KC-CHON-250 at 1.250.000 đ")
        }
        _ = try database.importCatalog(files: [
            try folder.write("daklak-ocop.csv", csv.replacingOccurrences(of: ",1.250.000 đ,", with: ",1.290.000 đ,"))
        ])
    }
}
