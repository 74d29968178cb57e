import FeedKit
import Foundation
import OCOPCatalog
public import Publishing
public import Transport

/// One product, several calls: each catalogue image migrated to Lazada (`/image/migrate`, once: the
/// migrated URLs are kept), then `/product/create` — or for an item Lazada already has, `/product/update`
/// and `/product/price_quantity/update` — and `/product/deactivate` for a withdrawn product. A create
/// refused because the SellerSku is taken (its earlier answer was lost) takes the item Lazada has
/// (`/product/item/get`) and updates it instead.
extension LazadaAdapter: ItemCallsAdapter {
    /// Items recorded per ledger transaction.
    public var batchSize: Int { 20 }

    /// Lazada limits each API per second without publishing most figures; its inventory APIs take 50 a
    /// second per seller, the one figure it gives.
    public var documentedRateLimit: Double? { 50 }

    public func publish(_ change: PlannedChange, account: MarketplaceAccount, client: any HTTPClient)
        async throws(PublishingError) -> ItemOutcome
    {
        let api = try LazadaAPI(account: account, client: client)
        return try await self.outcome(of: change) {
            var references = RemoteReferences(ledgerText: change.remoteID)
            guard change.action != .delete else {
                guard let item = references.item else { return nil }
                let product = JSONValue.object([
                    ("ItemId", .string(item)),
                    ("Skus", .object([("Sku", .array([.object([("SellerSku", .string(change.code))])]))])),
                ])
                _ = try await api.call("/product/deactivate", payload: try api.request(product), references: references)
                return nil
            }
            guard let listing = change.listing else { throw ItemFailure("no listing to send") }
            let images = try await references.images(for: listing.values("image")) { url in
                let request = JSONValue.object([("Image", .object([("Url", .string(url))]))])
                let migrated = try await api.call(
                    "/image/migrate",
                    payload: try XMLPayload.document(root: "Request", request),
                    references: nil
                )
                guard let hosted = migrated["image"]?["url"]?.text else {
                    throw ItemFailure("Lazada's image/migrate answer has no url for \(url)")
                }
                return hosted
            }
            if references.item == nil || references.skus.isEmpty {
                do {
                    let created = try await api.call(
                        "/product/create",
                        payload: try api.payload(self.payload(for: listing, images: images)),
                        references: references
                    )
                    guard let item = created["item_id"]?.text else {
                        throw ItemFailure("Lazada's product/create answer has no item_id", references: references)
                    }
                    references.item = item
                    references.skus = created["sku_list"]?.elements.compactMap { $0["sku_id"]?.text } ?? []
                    return references
                } catch let failure as ItemFailure where Self.sellerSkuTaken(failure) {
                    let found = try await api.call(
                        "/product/item/get",
                        method: "GET",
                        parameters: ["seller_sku": change.code],
                        references: references
                    )
                    guard let item = found["item_id"]?.text, let sku = found["skus"]?[0]?["SkuId"]?.text else {
                        throw failure
                    }
                    references.item = item
                    references.skus = [sku]
                }
            }
            try await self.update(listing, images: images, references: references, api: api)
            return references
        }
    }

    /// `/product/update` without price and stock, then `/product/price_quantity/update` with them.
    private func update(_ listing: Listing, images: [String], references: RemoteReferences, api: LazadaAPI)
        async throws
    {
        guard let item = references.item, let sku = references.skus.first else { return }
        let update = self.payload(
            for: listing,
            images: images,
            product: [("ItemId", .string(item))],
            sku: [("SkuId", .string(sku))],
            priced: false
        )
        _ = try await api.call("/product/update", payload: try api.payload(update), references: references)
        var prices: [(String, JSONValue)] = [
            ("ItemId", .string(item)), ("SkuId", .string(sku)), ("SellerSku", .string(listing.id)),
            ("Price", .string(listing.value("price") ?? "")),
        ]
        if let sale = listing.value("special_price") { prices.append(("SalePrice", .string(sale))) }
        if let quantity = listing.value("quantity") { prices.append(("Quantity", .string(quantity))) }
        let product = JSONValue.object([("Skus", .object([("Sku", .array([.object(prices)]))]))])
        _ = try await api.call(
            "/product/price_quantity/update",
            payload: try api.request(product),
            references: references
        )
    }

    /// Whether `failure` is Lazada saying the SellerSku is already in use (4105, 4126).
    static func sellerSkuTaken(_ failure: ItemFailure) -> Bool {
        ["4105", "4126"].contains(failure.code)
    }
}
