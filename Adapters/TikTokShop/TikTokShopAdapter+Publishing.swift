import FeedKit
import Foundation
import OCOPCatalog
public import Publishing
public import Transport

/// One product, several calls: each image uploaded (once: the URIs are kept), then the product created
/// with an idempotency key (the same content sent twice is one product), edited in full with its SKU's id
/// once TikTok has it (price and stock included: TikTok takes them in the edit), deleted when withdrawn.
extension TikTokShopAdapter: ItemCallsAdapter {
    /// Items recorded per ledger transaction.
    public var batchSize: Int { 20 }

    /// 50 requests a second per API and shop (TikTok Shop's default; more gets HTTP 429).
    public var documentedRateLimit: Double? { 50 }

    public func publish(_ change: PlannedChange, account: MarketplaceAccount, client: any HTTPClient)
        async throws(PublishingError) -> ItemOutcome
    {
        let api = try TikTokShopAPI(account: account, client: client)
        let warehouse = try account.require("warehouse_id")
        return try await self.outcome(of: change) {
            var references = RemoteReferences(ledgerText: change.remoteID)
            guard change.action != .delete else {
                guard let item = references.item else { return nil }
                _ = try await api.call(
                    "DELETE",
                    "/product/202309/products",
                    body: .object([("product_ids", .array([.string(item)]))]),
                    references: references
                )
                return nil
            }
            guard let listing = change.listing else { throw ItemFailure("no listing to send") }
            let downloader = ImageDownloader(client: client, account: account)
            let uris = try await references.images(for: listing.values("image")) { url in
                try await api.uploadImage(try await downloader.image(at: url))
            }
            if let item = references.item {
                let body = self.body(for: listing, imageURIs: uris, warehouse: warehouse, skuID: references.skus.first)
                _ = try await api.call("PUT", "/product/202309/products/\(item)", body: body, references: references)
            } else {
                guard case .object(let members) = self.body(for: listing, imageURIs: uris, warehouse: warehouse) else {
                    return references
                }
                let key = "ocop-\(change.code)-\((change.contentHash ?? "").prefix(16))"
                let created = try await api.call(
                    "POST",
                    "/product/202309/products",
                    body: .object(members + [("idempotency_key", .string(key))]),
                    references: references
                )
                guard let item = created["product_id"]?.text else {
                    throw ItemFailure("TikTok Shop's create answer has no product_id", references: references)
                }
                references.item = item
                references.skus = created["skus"]?.elements.compactMap { $0["id"]?.text } ?? []
            }
            return references
        }
    }
}
