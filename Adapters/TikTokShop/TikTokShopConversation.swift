import FeedKit
import Groundwork
import OCOPCatalog
public import Publishing

/// One product's calls to TikTok Shop: each image uploaded (once: the URIs are kept), then the product
/// created with an idempotency key (the same content sent twice is one product), edited in full with its
/// SKU's id once TikTok has it (Edit Product, version 202509: TikTok's current reference) (price and stock included: TikTok takes them in the edit), deleted when
/// withdrawn.
public struct TikTokShopConversation: ItemConversation {
    private enum Phase: Hashable, Sendable {
        case start, deleting, downloading, uploading, editing, creating
    }

    private let change: PlannedChange
    private let warehouse: String?
    private let adapter: TikTokShopAdapter
    private var phase = Phase.start
    private var progress: ItemProgress

    /// The conversation for `change`, whose stock is in `warehouse`.
    init(_ change: PlannedChange, warehouse: String?, adapter: TikTokShopAdapter) {
        self.change = change
        self.warehouse = warehouse
        self.adapter = adapter
        self.progress = ItemProgress(change)
    }

    public var references: RemoteReferences? { self.progress.references }

    public mutating func next(after answer: StepAnswer?) -> ItemStep {
        switch (self.phase, answer) {
        case (_, .refused(let refusal)?):
            return .failed(refusal.failure(references: self.references))
        case (.start, _) where self.change.action == .delete:
            // Never created: nothing to remove.
            guard let item = self.progress.known.item else { return .succeeded(nil) }
            self.phase = .deleting
            return .call(
                MarketplaceCall(
                    "DELETE",
                    "/product/202309/products",
                    body: .json(.object([("product_ids", .array([.string(item)]))]))
                )
            )
        case (.deleting, .data?):
            return .succeeded(nil)
        case (.start, _):
            guard self.change.listing != nil else { return .failed(ItemFailure("no listing to send")) }
            return self.nextImage()
        case (.downloading, .image(let image)?):
            self.phase = .uploading
            return .call(
                .upload(image, to: "/product/202309/images/upload", as: "data", fields: [("use_case", "MAIN_IMAGE")])
            )
        case (.uploading, .data(let data)?):
            guard let uri = data["uri"]?.text, !uri.isEmpty else {
                return .failed(ItemFailure("TikTok Shop's image upload answer has no uri", references: self.references))
            }
            self.progress.images.obtained(uri)
            return self.nextImage()
        case (.editing, .data?):
            return .succeeded(self.references)
        case (.creating, .data(let created)?):
            guard let item = created["product_id"]?.text else {
                return .failed(
                    ItemFailure("TikTok Shop's create answer has no product_id", references: self.references)
                )
            }
            self.progress.known.item = item
            self.progress.known.skus = created["skus"]?.elements.compactMap { $0["id"]?.text } ?? []
            return .succeeded(self.references)
        default:
            return .failed(ItemFailure("TikTok Shop: a step out of order", references: self.references))
        }
    }

    /// The next image to upload, or once all are there, the product itself.
    private mutating func nextImage() -> ItemStep {
        if let url = self.progress.images.nextMissing() {
            self.phase = .downloading
            return .download(url)
        }
        guard let listing = self.change.listing else { return .failed(ItemFailure("no listing to send")) }
        let uris = self.progress.images.ids
        if let item = self.progress.known.item {
            self.phase = .editing
            let body = self.adapter.body(
                for: listing,
                imageURIs: uris,
                warehouse: self.warehouse,
                skuID: self.progress.known.skus.first
            )
            return .call(MarketplaceCall("PUT", "/product/202509/products/\(item)", body: .json(body)))
        }
        self.phase = .creating
        var body = self.adapter.body(for: listing, imageURIs: uris, warehouse: self.warehouse)
        if case .object(let members) = body {
            let key = "ocop-\(self.change.code)-\((self.change.contentHash ?? "").prefix(16))"
            body = .object(members + [("idempotency_key", .string(key))])
        }
        return .call(MarketplaceCall("POST", "/product/202309/products", body: .json(body)))
    }
}
