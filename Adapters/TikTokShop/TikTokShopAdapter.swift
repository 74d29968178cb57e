public import FeedKit
public import Foundation
public import Groundwork
public import OCOPCatalog

/// TikTok Shop (Partner API 202309): one `POST /product/202309/products` body per line for `feed export`.
/// Prices are whole đồng in `VND`, the parcel kilograms and whole centimetres; the description is HTML with
/// the OCOP statement. `main_images` carry the catalogue URLs: publishing uploads each file first and sends
/// the URIs TikTok gives back (products cannot use outside URLs), and adds the shop's `warehouse_id`.
public struct TikTokShopAdapter: FeedAdapter {
    public let marketplace = MarketplaceID("tiktok-shop")!
    public let formats: [FeedFormat] = [.json]
    public let delivery = "Partner API 202309 products, signed (secret-wrapped HMAC-SHA256); images uploaded first"
    public let xmlDialect: RSSDialect? = nil
    public let xmlSchema: URL? = nil

    /// Creates the adapter.
    public init() {}

    public func listing(for product: Product, mapping: Mapping, context: ListingContext) -> Listing {
        var listing = Listing(id: product.code.rawValue)
        listing.add("seller_sku", product.code.rawValue)
        listing.add("title", product.name)
        listing.add("description", product.htmlDescriptionWithCertificate)
        listing.add(
            "category_id",
            mapping.category(for: product, on: self.marketplace)
        )
        for image in product.images { listing.add("image", image) }
        listing.add("price", String((product.salePrice ?? product.price).amount))
        listing.add("quantity", product.stock.map(String.init))
        listing.add("package_weight", product.weightKilograms)
        if let size = product.packageWholeCentimetres {
            listing.add("package_length", String(size.length))
            listing.add("package_width", String(size.width))
            listing.add("package_height", String(size.height))
        }
        return listing
    }

    /// The create body, images as catalogue URLs.
    public func json(for listing: Listing, context: ListingContext) -> JSONValue {
        self.body(for: listing, imageURIs: listing.values("image"), warehouse: nil)
    }

    /// The body with `imageURIs` as `main_images`, the stock in `warehouse` when known, and the SKU's id
    /// when editing.
    func body(for listing: Listing, imageURIs: [String], warehouse: String?, skuID: String? = nil) -> JSONValue {
        var members: [(String, JSONValue)] = []
        for key in ["title", "description", "category_id"] {
            if let value = listing.value(key) { members.append((key, .string(value))) }
        }
        // Create and Edit Product: "For US and SEA shops, you must pass v2" (Vietnam is SEA; v1 otherwise).
        members.append(("category_version", .string("v2")))
        members.append(("main_images", .array(imageURIs.map { .object([("uri", .string($0))]) })))
        // "Provide either a built-in ID or a custom name" per value (Create Product, product_attributes).
        let attributes = listing.leafAttributes.map { attribute in
            let value: (String, JSONValue) =
                attribute.valueID.map { ("id", .string($0)) } ?? ("name", .string(attribute.value))
            return JSONValue.object([("id", .string(attribute.key)), ("values", .array([.object([value])]))])
        }
        if !attributes.isEmpty { members.append(("product_attributes", .array(attributes))) }
        var sku: [(String, JSONValue)] = skuID.map { [("id", .string($0))] } ?? []
        sku.append(("seller_sku", .string(listing.value("seller_sku") ?? listing.id)))
        if let price = listing.value("price") {
            sku.append(("price", .object([("amount", .string(price)), ("currency", .string("VND"))])))
        }
        var inventory: [(String, JSONValue)] = warehouse.map { [("warehouse_id", .string($0))] } ?? []
        inventory.append(("quantity", .number(listing.value("quantity") ?? "0")))
        sku.append(("inventory", .array([.object(inventory)])))
        members.append(("skus", .array([.object(sku)])))
        if let weight = listing.value("package_weight") {
            members.append(("package_weight", .object([("value", .string(weight)), ("unit", .string("KILOGRAM"))])))
        }
        let sides = ["length", "width", "height"].compactMap { side in
            listing.value("package_\(side)").map { (side, JSONValue.string($0)) }
        }
        if !sides.isEmpty { members.append(("package_dimensions", .object(sides + [("unit", .string("CENTIMETER"))]))) }
        members.append(("external_product_id", .string(listing.id)))
        return .object(members)
    }

    public func listing(fromJSON value: JSONValue) throws(FeedError) -> Listing {
        guard let sku = value["skus"]?[0], let sellerSku = sku["seller_sku"]?.text, !sellerSku.isEmpty else {
            throw FeedError(.malformed, "not a TikTok Shop product: skus[0].seller_sku is missing")
        }
        var listing = Listing(id: sellerSku)
        listing.add("seller_sku", sellerSku)
        for key in ["title", "description", "category_id"] { listing.add(key, value[key]?.text) }
        for image in value["main_images"]?.elements ?? [] { listing.add("image", image["uri"]?.text) }
        listing.add("price", sku["price"]?["amount"]?.text)
        listing.add("quantity", sku["inventory"]?[0]?["quantity"]?.text)
        listing.add("package_weight", value["package_weight"]?["value"]?.text)
        for side in ["length", "width", "height"] {
            listing.add("package_\(side)", value["package_dimensions"]?[side]?.text)
        }
        for attribute in value["product_attributes"]?.elements ?? [] {
            guard let key = attribute["id"]?.text, let first = attribute["values"]?[0] else { continue }
            listing.add(LeafAttribute(key: key, value: first["name"]?.text ?? "", valueID: first["id"]?.text))
        }
        return listing
    }
}
