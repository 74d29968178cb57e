import FeedKit
import Foundation
import OCOPCatalog
public import Publishing
public import Transport

/// One product, several calls: each image uploaded to the media space (once: the ids are kept), then
/// `add_item` — or for an item Shopee already has, `update_item` followed by `update_price` and
/// `update_stock`, which update_item does not touch — and `delete_item` for a withdrawn product. add_item
/// has no idempotency key, so it is never sent again when its answer is lost: the item fails for the run, and
/// the next run looks for it by SKU (`product/search_item`) before creating it.
extension ShopeeAdapter: ItemCallsAdapter {
    /// Items recorded per ledger transaction (each is its own calls: Shopee has no batch create).
    public var batchSize: Int { 20 }

    public func publish(_ change: PlannedChange, account: MarketplaceAccount, client: any HTTPClient)
        async throws(PublishingError) -> ItemOutcome
    {
        let api = try ShopeeAPI(account: account, client: client)
        return try await self.outcome(of: change) {
            var references = RemoteReferences(ledgerText: change.remoteID)
            guard change.action != .delete else {
                guard let item = references.item else { return nil }  // never created: nothing to remove
                _ = try await api.call(
                    "/api/v2/product/delete_item",
                    body: .object([("item_id", .number(item))]),
                    references: references
                )
                return nil
            }
            guard let listing = change.listing else { throw ItemFailure("no listing to send") }
            let downloader = ImageDownloader(client: client, account: account)
            let imageIDs = try await references.images(for: listing.values("image")) { url in
                try await api.uploadImage(try await downloader.image(at: url))
            }
            let body = self.body(for: listing, images: ("image_id_list", imageIDs.map { .string($0) }))
            if references.item == nil, references.unconfirmed == true {
                // An earlier add_item went unanswered: Shopee may have created the item then.
                references.item = try await api.item(sku: change.code, references: references)
            }
            references.unconfirmed = nil
            if let item = references.item {
                try await self.update(item: item, body: body, listing: listing, api: api, references: references)
            } else {
                let created = try await api.call(
                    "/api/v2/product/add_item",
                    body: Self.adding(("logistic_info", try Self.logistics(account)), to: body),
                    references: references,
                    idempotent: false
                )
                guard let item = created["item_id"]?.text else {
                    throw ItemFailure("Shopee's add_item answer has no item_id", references: references)
                }
                references.item = item
            }
            return references
        }
    }

    /// `update_item` with everything but price and stock, then those two.
    private func update(
        item: String,
        body: JSONValue,
        listing: Listing,
        api: ShopeeAPI,
        references: RemoteReferences
    ) async throws {
        guard case .object(let members) = body else { return }
        let details = members.filter { !["original_price", "seller_stock"].contains($0.0) }
        _ = try await api.call(
            "/api/v2/product/update_item",
            body: .object([("item_id", .number(item))] + details),
            references: references
        )
        if let price = listing.value("original_price") {
            _ = try await api.call(
                "/api/v2/product/update_price",
                body: .object([
                    ("item_id", .number(item)), ("price_list", .array([.object([("original_price", .number(price))])])),
                ]),
                references: references
            )
        }
        if let stock = listing.value("stock") {
            let sellerStock = JSONValue.array([.object([("stock", .number(stock))])])
            _ = try await api.call(
                "/api/v2/product/update_stock",
                body: .object([
                    ("item_id", .number(item)), ("stock_list", .array([.object([("seller_stock", sellerStock)])])),
                ]),
                references: references
            )
        }
    }

    /// The shop's enabled logistics channels (`logistic_ids`, comma-separated), as add_item wants them.
    private static func logistics(_ account: MarketplaceAccount) throws(PublishingError) -> JSONValue {
        let ids = try account.require("logistic_ids").split(separator: ",").map {
            $0.trimmingCharacters(in: .whitespaces)
        }
        guard !ids.isEmpty, ids.allSatisfy({ Int($0) != nil }) else {
            throw PublishingError(.account, "marketplaces.shopee.logistic_ids must be channel ids such as 50011,50012")
        }
        return .array(ids.map { .object([("logistic_id", .number($0)), ("enabled", .bool(true))]) })
    }

    private static func adding(_ member: (String, JSONValue), to body: JSONValue) -> JSONValue {
        guard case .object(let members) = body else { return body }
        return .object(members + [member])
    }
}
