public import FeedKit
public import Foundation
public import Groundwork
public import OCOPCatalog

/// A WooCommerce store (REST API v3): products as `POST /products/batch` objects, one JSON object per line
/// for `feed export`. Prices are plain whole-đồng strings (`"185000"`), weights kilograms, dimensions
/// centimetres; the OCOP star goes into the short description and `meta_data`.
public struct WooCommerceAdapter: FeedAdapter {
    public let marketplace = MarketplaceID("woocommerce")!
    public let formats: [FeedFormat] = [.json]
    public let delivery = "REST API v3 products/batch (the store's own WordPress)"
    public let xmlDialect: RSSDialect? = nil
    public let xmlSchema: URL? = nil

    /// Creates the adapter.
    public init() {}

    public func listing(for product: Product, mapping: Mapping, context: ListingContext) -> Listing {
        var listing = Listing(id: product.code.rawValue)
        let certificate = product.certificate
        listing.add("sku", product.code.rawValue)
        listing.add("name", product.name)
        listing.add("type", "simple")
        listing.add("status", "publish")
        listing.add("description", product.feedDescription)
        listing.add("short_description", product.ocopStatement)
        listing.add("regular_price", String(product.price.amount))
        listing.add("sale_price", product.salePrice.map { String($0.amount) })
        if let stock = product.stock {
            listing.add("manage_stock", "true")
            listing.add("stock_quantity", String(stock))
        }
        listing.add("weight", product.weightKilograms)
        if let size = product.packageCentimetres {
            listing.add("dimensions.length", size.length)
            listing.add("dimensions.width", size.width)
            listing.add("dimensions.height", size.height)
        }
        listing.add(
            "category",
            mapping.category(for: product, on: self.marketplace)
        )
        for image in product.images { listing.add("image", image) }
        listing.add("ocop_star", String(certificate.star.rawValue))
        listing.add("ocop_decision", certificate.decisionNumber)
        listing.add("gtin", product.gtin?.rawValue)
        return listing
    }

    /// The product object WooCommerce takes.
    public func json(for listing: Listing, context: ListingContext) -> JSONValue {
        var members: [(String, JSONValue)] = []
        for key in ["sku", "name", "type", "status", "description", "short_description", "regular_price", "sale_price"]
        {
            if let value = listing.value(key) { members.append((key, .string(value))) }
        }
        if listing.value("manage_stock") == "true" {
            members.append(("manage_stock", .bool(true)))
            if let stock = listing.value("stock_quantity") { members.append(("stock_quantity", .number(stock))) }
        }
        if let weight = listing.value("weight") { members.append(("weight", .string(weight))) }
        let dimensions = ["length", "width", "height"].compactMap { side in
            listing.value("dimensions.\(side)").map { (side, JSONValue.string($0)) }
        }
        if !dimensions.isEmpty { members.append(("dimensions", .object(dimensions))) }
        if let category = listing.value("category"), let id = Int(category) {
            members.append(("categories", .array([.object([("id", .number(String(id)))])])))
        }
        members.append(("images", .array(listing.values("image").map { .object([("src", .string($0))]) })))
        var meta: [JSONValue] = []
        for key in ["ocop_star", "ocop_decision", "gtin"] {
            if let value = listing.value(key) {
                meta.append(.object([("key", .string(key)), ("value", .string(value))]))
            }
        }
        members.append(("meta_data", .array(meta)))
        return .object(members)
    }

    public func listing(fromJSON value: JSONValue) throws(FeedError) -> Listing {
        guard case .object = value, let sku = value["sku"]?.text, !sku.isEmpty else {
            throw FeedError(.malformed, "not a WooCommerce product: sku is missing")
        }
        var listing = Listing(id: sku)
        for key in ["sku", "name", "type", "status", "description", "short_description", "regular_price", "sale_price"]
        {
            listing.add(key, value[key]?.text)
        }
        if value["manage_stock"] == .bool(true) {
            listing.add("manage_stock", "true")
            listing.add("stock_quantity", value["stock_quantity"]?.text)
        }
        listing.add("weight", value["weight"]?.text)
        for side in ["length", "width", "height"] {
            listing.add("dimensions.\(side)", value["dimensions"]?[side]?.text)
        }
        if case .array(let categories)? = value["categories"] {
            for category in categories { listing.add("category", category["id"]?.text) }
        }
        if case .array(let images)? = value["images"] {
            for image in images { listing.add("image", image["src"]?.text) }
        }
        if case .array(let meta)? = value["meta_data"] {
            for entry in meta {
                if let key = entry["key"]?.text { listing.add(key, entry["value"]?.text) }
            }
        }
        return listing
    }
}
