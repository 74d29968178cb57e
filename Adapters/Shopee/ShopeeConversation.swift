import FeedKit
import Groundwork
import OCOPCatalog
public import Publishing

/// One product's calls to Shopee: each image uploaded to the media space (once: the ids are kept), then
/// `add_item` — or for an item Shopee already has, `update_item` followed by `update_price` and
/// `update_stock`, which update_item does not touch — and `delete_item` for a withdrawn product. add_item has
/// no idempotency key, so it is never sent again when its answer is lost: the item fails for the run, and the
/// next run looks for it by SKU (`product/search_item`) before creating it.
public struct ShopeeConversation: ItemConversation {
    private enum Phase: Hashable, Sendable {
        case start, deleting, downloading, uploading, searching, updatingItem, updatingPrice, updatingStock, adding
    }

    private let change: PlannedChange
    private let logistics: Result<JSONValue, PublishingError>
    private let adapter: ShopeeAdapter
    private var phase = Phase.start
    private var progress: ItemProgress

    /// The conversation for `change`; a new item ships with `logistics` (`add_item`'s `logistic_info`).
    init(_ change: PlannedChange, logistics: Result<JSONValue, PublishingError>, adapter: ShopeeAdapter) {
        self.change = change
        self.logistics = logistics
        self.adapter = adapter
        self.progress = ItemProgress(change)
    }

    public var references: RemoteReferences? { self.progress.references }

    public mutating func next(after answer: StepAnswer?) -> ItemStep {
        switch (self.phase, answer) {
        case (_, .refused(let refusal)?):
            return .failed(refusal.failure(references: self.references))
        case (.adding, .lost(let message)?):
            var unconfirmed = self.references ?? RemoteReferences()
            unconfirmed.unconfirmed = true
            return .failed(
                ItemFailure(
                    "Shopee did not answer (\(message)); the next run looks for the item before creating it",
                    references: unconfirmed
                )
            )
        case (.start, _) where self.change.action == .delete:
            // Never created: nothing to remove.
            guard let item = self.progress.known.item else { return .succeeded(nil) }
            self.phase = .deleting
            return self.call("/api/v2/product/delete_item", [("item_id", .number(item))])
        case (.deleting, .data?):
            return .succeeded(nil)
        case (.start, _):
            guard self.change.listing != nil else { return .failed(ItemFailure("no listing to send")) }
            return self.nextImage()
        case (.downloading, .image(let image)?):
            self.phase = .uploading
            return .call(
                .upload(image, to: "/api/v2/media_space/upload_image", as: "image", fields: [("scene", "normal")])
            )
        case (.uploading, .data(let data)?):
            guard let id = data["image_info"]?["image_id"]?.text, !id.isEmpty else {
                return .failed(ItemFailure("Shopee's upload_image answer has no image_id", references: self.references))
            }
            self.progress.images.obtained(id)
            return self.nextImage()
        case (.searching, .data(let found)?):
            self.progress.known.item = found["item_id_list"]?[0]?.text
            return self.sendProduct()
        case (.updatingItem, .data?):
            return self.updatePrice()
        case (.updatingPrice, .data?):
            return self.updateStock()
        case (.updatingStock, .data?):
            return .succeeded(self.references)
        case (.adding, .data(let created)?):
            guard let item = created["item_id"]?.text else {
                return .failed(ItemFailure("Shopee's add_item answer has no item_id", references: self.references))
            }
            self.progress.known.item = item
            return .succeeded(self.references)
        default:
            return .failed(ItemFailure("Shopee: a step out of order", references: self.references))
        }
    }

    /// A shop API call with a JSON body of `members`.
    private func call(_ path: String, _ members: [(String, JSONValue)], isIdempotent: Bool = true) -> ItemStep {
        .call(MarketplaceCall("POST", path, body: .json(.object(members)), isIdempotent: isIdempotent))
    }

    /// The next image to upload, or once all are there, the item itself.
    private mutating func nextImage() -> ItemStep {
        if let url = self.progress.images.nextMissing() {
            self.phase = .downloading
            return .download(url)
        }
        if self.progress.known.item == nil, self.progress.known.unconfirmed == true {
            // An earlier add_item went unanswered: Shopee may have created the item then.
            self.phase = .searching
            return .call(
                MarketplaceCall(
                    "GET",
                    "/api/v2/product/search_item",
                    parameters: ["item_sku": self.change.code, "page_size": "1"]
                )
            )
        }
        return self.sendProduct()
    }

    /// `update_item` (everything but price and stock) for an item Shopee has, else `add_item`.
    private mutating func sendProduct() -> ItemStep {
        self.progress.known.unconfirmed = nil
        guard case .object(let members) = self.body else { return .failed(ItemFailure("no listing to send")) }
        if let item = self.progress.known.item {
            self.phase = .updatingItem
            let details = members.filter { !["original_price", "seller_stock"].contains($0.0) }
            return self.call("/api/v2/product/update_item", [("item_id", .number(item))] + details)
        }
        let logistics: JSONValue
        switch self.logistics {
        case .success(let info): logistics = info
        case .failure(let error): return .stop(error)
        }
        self.phase = .adding
        return self.call("/api/v2/product/add_item", members + [("logistic_info", logistics)], isIdempotent: false)
    }

    private mutating func updatePrice() -> ItemStep {
        guard let item = self.progress.known.item, let price = self.change.listing?.value("original_price") else {
            return self.updateStock()
        }
        self.phase = .updatingPrice
        return self.call(
            "/api/v2/product/update_price",
            [("item_id", .number(item)), ("price_list", .array([.object([("original_price", .number(price))])]))]
        )
    }

    private mutating func updateStock() -> ItemStep {
        guard let item = self.progress.known.item, let stock = self.change.listing?.value("stock") else {
            return .succeeded(self.references)
        }
        self.phase = .updatingStock
        let sellerStock = JSONValue.array([.object([("stock", .number(stock))])])
        return self.call(
            "/api/v2/product/update_stock",
            [("item_id", .number(item)), ("stock_list", .array([.object([("seller_stock", sellerStock)])]))]
        )
    }

    /// The item's body, images as the media space's ids.
    private var body: JSONValue {
        guard let listing = self.change.listing else { return .null }
        return self.adapter.body(for: listing, images: ("image_id_list", self.progress.images.ids.map { .string($0) }))
    }
}
