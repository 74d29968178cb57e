public import FeedKit
public import Foundation
public import Groundwork
public import OCOPCatalog

/// Tiki (Open API v1): one product request (`POST /v1/requests`) per line for `feed export`: a simple
/// product, one variant, images as URLs (Tiki fetches them), `market_price` the list price and the
/// variant's `price` what the buyer pays. Tiki reviews each request asynchronously; publishing follows it.
public struct TikiAdapter: FeedAdapter {
    public let marketplace = MarketplaceID("tiki")!
    public let formats: [FeedFormat] = [.json]
    public let delivery = "Open API v1 product requests (OAuth2 bearer), followed until Tiki approves them"
    public let xmlDialect: RSSDialect? = nil
    public let xmlSchema: URL? = nil
    /// How many times one run checks a request before leaving it to the next run.
    let trackingChecks: Int

    /// Creates the adapter.
    public init(trackingChecks: Int = 5) {
        self.trackingChecks = max(1, trackingChecks)
    }

    public func listing(for product: Product, mapping: Mapping, context: ListingContext) -> Listing {
        var listing = Listing(id: product.code.rawValue)
        listing.add("sku", product.code.rawValue)
        listing.add("name", product.name)
        listing.add("description", product.htmlDescriptionWithCertificate)
        listing.add(
            "category_id",
            mapping.category(for: product, on: self.marketplace)
        )
        listing.add("market_price", String(product.price.amount))
        listing.add("price", String((product.salePrice ?? product.price).amount))
        listing.add("quantity", product.stock.map(String.init))
        listing.add("inventory_type", mapping.defaults["inventory_type"] ?? "drop_ship")
        listing.add("brand", product.brand)
        listing.add("origin", "Việt Nam")
        listing.add("product_weight_kg", product.weightKilograms)
        for image in product.images { listing.add("image", image) }
        return listing
    }

    static let attributeKeys = ["brand", "origin", "product_weight_kg"]

    public func json(for listing: Listing, context: ListingContext) -> JSONValue {
        self.productRequest(for: listing)
    }

    /// The body of `POST /v1/requests` for `listing`, its variant shipped by `supplier` (Tiki's id).
    func productRequest(for listing: Listing, supplier: Int64? = nil) -> JSONValue {
        var members: [(String, JSONValue)] = []
        if let category = listing.value("category_id") { members.append(("category_id", .number(category))) }
        for key in ["name", "description"] {
            if let value = listing.value(key) { members.append((key, .string(value))) }
        }
        if let price = listing.value("market_price") { members.append(("market_price", .number(price))) }
        let attributes =
            Self.attributeKeys.compactMap { key in listing.value(key).map { (key, JSONValue.string($0)) } }
            + listing.leafAttributes.map { ($0.key, JSONValue.string($0.value)) }
        members.append(("attributes", .object(attributes)))
        let images = listing.values("image")
        members.append(("image", images.first.map { .string($0) } ?? .null))
        members.append(("images", .array(images.dropFirst().map { .string($0) })))
        members.append(("option_attributes", .array([])))
        var variant: [(String, JSONValue)] = [("sku", .string(listing.value("sku") ?? listing.id))]
        for key in ["price", "market_price", "quantity"] {
            if let value = listing.value(key) { variant.append((key, .number(value))) }
        }
        if let type = listing.value("inventory_type") { variant.append(("inventory_type", .string(type))) }
        if let supplier { variant.append(("supplier", .number(String(supplier)))) }
        variant.append(("image", images.first.map { .string($0) } ?? .null))
        variant.append(("images", .array(images.dropFirst().map { .string($0) })))
        members.append(("variants", .array([.object(variant)])))
        return .object(members)
    }

    public func listing(fromJSON value: JSONValue) throws(FeedError) -> Listing {
        guard let variant = value["variants"]?[0], let sku = variant["sku"]?.text, !sku.isEmpty else {
            throw FeedError(.malformed, "not a Tiki product request: variants[0].sku is missing")
        }
        var listing = Listing(id: sku)
        listing.add("sku", sku)
        for key in ["name", "description", "category_id", "market_price"] { listing.add(key, value[key]?.text) }
        listing.add("price", variant["price"]?.text)
        listing.add("quantity", variant["quantity"]?.text)
        listing.add("inventory_type", variant["inventory_type"]?.text)
        for key in Self.attributeKeys { listing.add(key, value["attributes"]?[key]?.text) }
        listing.add("image", value["image"]?.text)
        for image in value["images"]?.elements ?? [] { listing.add("image", image.text) }
        if case .object(let members) = value["attributes"] {
            for (key, value) in members where !Self.attributeKeys.contains(key) {
                listing.add(LeafAttribute(key: key, value: value.text ?? ""))
            }
        }
        return listing
    }
}
