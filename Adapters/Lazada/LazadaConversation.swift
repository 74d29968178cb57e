import FeedKit
import Groundwork
import OCOPCatalog
public import Publishing

/// One product's calls to Lazada: each catalogue image migrated to Lazada (`/image/migrate`, once: the
/// migrated URLs are kept), then `/product/create` — or for an item Lazada already has, `/product/update` and
/// `/product/price_quantity/update` — and for a withdrawn product `/product/deactivate`, whose one parameter
/// is `apiRequestBody` with the mandatory `ItemId` (DeactivateProduct). A create refused because the SellerSku
/// is taken (its earlier answer was lost) finds the item Lazada has through GetProducts (`/products/get`
/// with `sku_seller_list`: GetProductItem no longer takes a `seller_sku` since 2023-11-15) and updates it.
public struct LazadaConversation: ItemConversation {
    private enum Phase: Hashable, Sendable {
        case start, deactivating, migrating, creating, lookingUp, updating, updatingPrice
    }

    private let change: PlannedChange
    /// `json` or `xml`: how product payloads are written.
    private let payloadFormat: String
    private let adapter: LazadaAdapter
    private var phase = Phase.start
    private var progress: ItemProgress
    /// The create's refusal while the item that holds the SellerSku is looked up.
    private var createRefusal: ItemFailure?

    /// The conversation for `change`, product payloads written as `payloadFormat`.
    init(_ change: PlannedChange, payloadFormat: String, adapter: LazadaAdapter) {
        self.change = change
        self.payloadFormat = payloadFormat
        self.adapter = adapter
        self.progress = ItemProgress(change)
    }

    public var references: RemoteReferences? { self.progress.references }

    public mutating func next(after answer: StepAnswer?) -> ItemStep {
        switch (self.phase, answer) {
        case (.creating, .refused(let refusal)?) where ["4105", "4126"].contains(refusal.code):
            // The SellerSku is taken: an earlier create went through and its answer was lost.
            self.createRefusal = refusal.failure(references: self.references)
            self.phase = .lookingUp
            let skus = JSONValue.array([.string(self.change.code)]).serialized
            return .call(
                MarketplaceCall("GET", "/products/get", parameters: ["filter": "all", "sku_seller_list": skus])
            )
        case (_, .refused(let refusal)?):
            return .failed(refusal.failure(references: self.references))
        case (.start, _) where self.change.action == .delete:
            // Never created: nothing to remove.
            guard let item = self.progress.known.item else { return .succeeded(nil) }
            self.phase = .deactivating
            let request = JSONValue.object([("Request", .object([("Product", .object([("ItemId", .string(item))]))]))])
            return self.payloadCall("/product/deactivate", request, parameter: "apiRequestBody")
        case (.deactivating, .data?):
            return .succeeded(nil)
        case (.start, _):
            guard self.change.listing != nil else { return .failed(ItemFailure("no listing to send")) }
            return self.nextImage()
        case (.migrating, .data(let migrated)?):
            guard let hosted = migrated["image"]?["url"]?.text else {
                let url = self.progress.images.nextMissing() ?? ""
                return .failed(
                    ItemFailure("Lazada's image/migrate answer has no url for \(url)", references: self.references)
                )
            }
            self.progress.images.obtained(hosted)
            return self.nextImage()
        case (.creating, .data(let created)?):
            guard let item = created["item_id"]?.text else {
                return .failed(
                    ItemFailure("Lazada's product/create answer has no item_id", references: self.references)
                )
            }
            self.progress.known.item = item
            self.progress.known.skus = created["sku_list"]?.elements.compactMap { $0["sku_id"]?.text } ?? []
            return .succeeded(self.references)
        case (.lookingUp, .data(let found)?):
            let code = self.change.code
            let product = found["products"]?.elements.first { product in
                product["skus"]?.elements.contains { $0["SellerSku"]?.text == code } ?? false
            }
            let sku = product?["skus"]?.elements.first { $0["SellerSku"]?.text == code }
            guard let item = product?["item_id"]?.text, let sku = sku?["SkuId"]?.text else {
                return .failed(self.createRefusal ?? ItemFailure("Lazada's SellerSku is taken"))
            }
            self.progress.known.item = item
            self.progress.known.skus = [sku]
            return self.update()
        case (.updating, .data?):
            return self.updatePrice()
        case (.updatingPrice, .data?):
            return .succeeded(self.references)
        default:
            return .failed(ItemFailure("Lazada: a step out of order", references: self.references))
        }
    }

    /// The next image to migrate, or once all are there, the product itself.
    private mutating func nextImage() -> ItemStep {
        if let url = self.progress.images.nextMissing() {
            self.phase = .migrating
            let request = JSONValue.object([("Image", .object([("Url", .string(url))]))])
            do {
                return .call(
                    MarketplaceCall(
                        "POST",
                        "/image/migrate",
                        parameters: ["payload": try XMLPayload.document(root: "Request", request)]
                    )
                )
            } catch {
                return .failed(ItemFailure("image \(url): \(error.message)", references: self.references))
            }
        }
        guard let listing = self.change.listing else { return .failed(ItemFailure("no listing to send")) }
        guard self.progress.known.item == nil || self.progress.known.skus.isEmpty else { return self.update() }
        self.phase = .creating
        return self.payloadCall("/product/create", self.adapter.payload(for: listing, images: self.progress.images.ids))
    }

    /// `/product/update` without price and stock (`/product/price_quantity/update` follows).
    private mutating func update() -> ItemStep {
        guard let listing = self.change.listing, let item = self.progress.known.item,
            let sku = self.progress.known.skus.first
        else {
            return .succeeded(self.references)
        }
        self.phase = .updating
        let update = self.adapter.payload(
            for: listing,
            images: self.progress.images.ids,
            product: [("ItemId", .string(item))],
            sku: [("SkuId", .string(sku))],
            priced: false
        )
        return self.payloadCall("/product/update", update)
    }

    /// `/product/price_quantity/update` with the price, sale price and quantity.
    private mutating func updatePrice() -> ItemStep {
        guard let listing = self.change.listing, let item = self.progress.known.item,
            let sku = self.progress.known.skus.first
        else {
            return .succeeded(self.references)
        }
        self.phase = .updatingPrice
        var prices: [(String, JSONValue)] = [
            ("ItemId", .string(item)), ("SkuId", .string(sku)), ("SellerSku", .string(listing.id)),
            ("Price", .string(listing.value("price") ?? "")),
        ]
        if let sale = listing.value("special_price") { prices.append(("SalePrice", .string(sale))) }
        if let quantity = listing.value("quantity") { prices.append(("Quantity", .string(quantity))) }
        return self.call(
            "/product/price_quantity/update",
            product: .object([("Skus", .object([("Sku", .array([.object(prices)]))]))])
        )
    }

    /// `apiPath` with the payload `{"Request": {"Product": product}}`.
    private func call(_ apiPath: String, product: JSONValue) -> ItemStep {
        self.payloadCall(apiPath, .object([("Request", .object([("Product", product)]))]))
    }

    /// `apiPath` with `request` (a `{"Request": …}` tree) as its `parameter` (`payload`, or DeactivateProduct's
    /// `apiRequestBody`), in the account's format.
    private func payloadCall(_ apiPath: String, _ request: JSONValue, parameter: String = "payload") -> ItemStep {
        guard self.payloadFormat == "xml", let content = request["Request"] else {
            return .call(MarketplaceCall("POST", apiPath, parameters: [parameter: request.serialized]))
        }
        do {
            let payload = try XMLPayload.document(root: "Request", content)
            return .call(MarketplaceCall("POST", apiPath, parameters: [parameter: payload]))
        } catch {
            return .failed(ItemFailure(error.message, references: self.references))
        }
    }
}
