public import FeedKit
public import Foundation
public import Groundwork
public import OCOPCatalog

/// Shopee (Open Platform v2): one `product/add_item` body per line for `feed export`. Prices are whole đồng
/// (VN takes integers), weight kilograms, the package whole centimetres; the OCOP star goes into the
/// description. Images appear as their catalogue URLs (`image.image_url_list`): publishing uploads each
/// file to Shopee's media space and sends the ids it returns (`image.image_id_list`) instead, and adds the
/// shop's `logistic_info`, which no feed can know.
public struct ShopeeAdapter: FeedAdapter {
    public let marketplace = MarketplaceID("shopee")!
    public let formats: [FeedFormat] = [.json]
    public let delivery = "Open Platform v2 add_item/update_item, HMAC-SHA256 signed; images uploaded first"
    public let xmlDialect: RSSDialect? = nil
    public let xmlSchema: URL? = nil

    /// Creates the adapter.
    public init() {}

    public func listing(for product: Product, mapping: Mapping, context: ListingContext) -> Listing {
        var listing = Listing(id: product.code.rawValue)
        listing.add("item_sku", product.code.rawValue)
        listing.add("item_name", product.name)
        listing.add("description", product.descriptionWithCertificate)
        listing.add("original_price", String(product.price.amount))
        listing.add("stock", product.stock.map(String.init))
        listing.add("weight", product.weightKilograms)
        if let size = product.packageWholeCentimetres {
            listing.add("package_length", String(size.length))
            listing.add("package_width", String(size.width))
            listing.add("package_height", String(size.height))
        }
        listing.add(
            "category_id",
            mapping.category(for: product, on: self.marketplace)
        )
        listing.add("brand", product.brand)
        for image in product.images { listing.add("image", image) }
        listing.add("gtin_code", product.gtin?.rawValue ?? "00")  // "00": the product has no GTIN
        return listing
    }

    /// The `add_item` body, images as catalogue URLs.
    public func json(for listing: Listing, context: ListingContext) -> JSONValue {
        self.body(for: listing, images: ("image_url_list", listing.values("image").map { .string($0) }))
    }

    /// The body with `images` as the `image` object's list.
    func body(for listing: Listing, images: (key: String, values: [JSONValue])) -> JSONValue {
        var members: [(String, JSONValue)] = []
        for key in ["item_sku", "item_name", "description"] {
            if let value = listing.value(key) { members.append((key, .string(value))) }
        }
        if let price = listing.value("original_price") { members.append(("original_price", .number(price))) }
        if let stock = listing.value("stock") {
            members.append(("seller_stock", .array([.object([("stock", .number(stock))])])))
        }
        if let weight = listing.value("weight") { members.append(("weight", .number(weight))) }
        let sides = ["package_length", "package_width", "package_height"].compactMap { side in
            listing.value(side).map { (side, JSONValue.number($0)) }
        }
        if !sides.isEmpty { members.append(("dimension", .object(sides))) }
        if let category = listing.value("category_id") { members.append(("category_id", .number(category))) }
        let attributes = listing.leafAttributes  // keyed by attribute_id, as get_attribute_tree gives them
        if !attributes.isEmpty { members.append(("attribute_list", .array(attributes.map(Self.attributeMember)))) }
        members.append(("image", .object([(images.key, .array(images.values))])))
        if let brand = listing.value("brand") {
            members.append(("brand", .object([("brand_id", .number("0")), ("original_brand_name", .string(brand))])))
        }
        if let gtin = listing.value("gtin_code") { members.append(("gtin_code", .string(gtin))) }
        members.append(("condition", .string("NEW")))
        members.append(("item_status", .string("NORMAL")))
        return .object(members)
    }

    public func listing(fromJSON value: JSONValue) throws(FeedError) -> Listing {
        guard case .object = value, let sku = value["item_sku"]?.text, !sku.isEmpty else {
            throw FeedError(.malformed, "not a Shopee add_item body: item_sku is missing")
        }
        var listing = Listing(id: sku)
        for key in ["item_sku", "item_name", "description", "original_price"] { listing.add(key, value[key]?.text) }
        listing.add("stock", value["seller_stock"]?[0]?["stock"]?.text)
        listing.add("weight", value["weight"]?.text)
        for side in ["package_length", "package_width", "package_height"] {
            listing.add(side, value["dimension"]?[side]?.text)
        }
        listing.add("category_id", value["category_id"]?.text)
        listing.add("brand", value["brand"]?["original_brand_name"]?.text)
        if case .array(let images)? = value["image"]?["image_url_list"] {
            for image in images { listing.add("image", image.text) }
        }
        listing.add("gtin_code", value["gtin_code"]?.text)
        for attribute in value["attribute_list"]?.elements ?? [] {
            guard let key = attribute["attribute_id"]?.text, let first = attribute["attribute_value_list"]?[0] else {
                continue
            }
            let valueID = first["value_id"]?.text
            listing.add(
                LeafAttribute(
                    key: key,
                    value: first["original_value_name"]?.text ?? "",
                    valueID: valueID == "0" ? nil : valueID,
                    unit: first["value_unit"]?.text
                )
            )
        }
        return listing
    }

    /// One `attribute_list` member: a listed value by its `value_id` alone, any other as `value_id: 0` with
    /// the text in `original_value_name` and a number's unit in `value_unit` (Shopee's creating-product guide).
    static func attributeMember(_ attribute: LeafAttribute) -> JSONValue {
        let value: [(String, JSONValue)] =
            if let id = attribute.valueID {
                [("value_id", .number(id))]
            } else {
                [("value_id", .number("0")), ("original_value_name", .string(attribute.value))]
                    + (attribute.unit.map { [("value_unit", .string($0))] } ?? [])
            }
        return .object([
            ("attribute_id", .number(attribute.key)),
            ("attribute_value_list", .array([.object(value)])),
        ])
    }
}
