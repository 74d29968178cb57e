public import FeedKit
public import Foundation
public import Groundwork
public import OCOPCatalog

/// Lazada (Open Platform): one `/product/create` payload per line for `feed export` (or per `<Request>` in an
/// XML feed, checked against `Schemas/lazada.xsd`),
/// `{"Request": {"Product": {PrimaryCategory, Images, Attributes, Skus}}}` with every value a string, as
/// Lazada's JSON payloads take them. Images appear as their catalogue URLs: publishing migrates each to
/// Lazada's image space first and sends the URLs it gets back, since a product may show only those.
public struct LazadaAdapter: FeedAdapter {
    public let marketplace = MarketplaceID("lazada")!
    public let formats: [FeedFormat] = [.json, .xml]
    public let delivery = "Open Platform /product/create (JSON or XML payload), signed; images migrated first"
    public let xmlDialect: RSSDialect? = nil
    /// XML feeds: `<Requests>` holding one `<Request>` payload per product.
    public let payloadXML: PayloadXMLLayout? = PayloadXMLLayout(
        root: "Requests",
        item: "Request",
        arrays: ["Image", "Sku"]
    )
    public var xmlSchema: URL? {
        Bundle.module.url(forResource: "lazada", withExtension: "xsd", subdirectory: "Schemas")
    }

    /// Creates the adapter.
    public init() {}

    static let skuKeys = [
        "SellerSku", "quantity", "price", "special_price", "package_length", "package_width", "package_height",
        "package_weight",
    ]
    static let attributeKeys = ["name", "description", "short_description", "brand_id"]

    public func listing(for product: Product, mapping: Mapping, context: ListingContext) -> Listing {
        var listing = Listing(id: product.code.rawValue)
        listing.add("SellerSku", product.code.rawValue)
        listing.add("name", product.name)
        listing.add("description", product.feedDescription)
        listing.add("short_description", "<ul><li>\(product.ocopStatement.htmlEscaped)</li></ul>")
        listing.add("brand_id", mapping.defaults["brand_id"] ?? "0")
        listing.add(
            "PrimaryCategory",
            mapping.category(for: product, on: self.marketplace)
        )
        for image in product.images { listing.add("image", image) }
        listing.add("price", String(product.price.amount))
        listing.add("special_price", product.salePrice.map { String($0.amount) })
        listing.add("quantity", product.stock.map(String.init))
        if let size = product.packageCentimetres {
            listing.add("package_length", size.length)
            listing.add("package_width", size.width)
            listing.add("package_height", size.height)
        }
        // Kilograms with at most two decimals, rounded up so the parcel is never declared lighter.
        listing.add("package_weight", product.weightGrams.map { Self.hundredths(($0 + 9) / 10) })
        return listing
    }

    /// The `/product/create` payload, images as catalogue URLs.
    public func json(for listing: Listing, context: ListingContext) -> JSONValue {
        self.payload(for: listing, images: listing.values("image"))
    }

    /// The payload with `images` as the product's pictures, `product` members (`ItemId`) and `sku` members
    /// (`SkuId`) first; without price and quantity when they go by their own call (`priced: false`).
    func payload(
        for listing: Listing,
        images: [String],
        product: [(String, JSONValue)] = [],
        sku: [(String, JSONValue)] = [],
        priced: Bool = true
    ) -> JSONValue {
        // The category's own attributes follow the adapter's, keyed by their English name, a listed option by its
        // English name (what Lazada's payloads take).
        let attributes =
            Self.attributeKeys.compactMap { key in listing.value(key).map { (key, JSONValue.string($0)) } }
            + listing.leafAttributes.map { ($0.key, JSONValue.string($0.value)) }
        let skuKeys =
            priced ? Self.skuKeys : Self.skuKeys.filter { !["quantity", "price", "special_price"].contains($0) }
        let skuMembers = sku + skuKeys.compactMap { key in listing.value(key).map { (key, JSONValue.string($0)) } }
        var members = product
        if let category = listing.value("PrimaryCategory") { members.append(("PrimaryCategory", .string(category))) }
        members.append(("Images", .object([("Image", .array(images.map { .string($0) }))])))
        members.append(("Attributes", .object(attributes)))
        members.append(("Skus", .object([("Sku", .array([.object(skuMembers)]))])))
        return .object([("Request", .object([("Product", .object(members))]))])
    }

    public func listing(fromJSON value: JSONValue) throws(FeedError) -> Listing {
        guard let product = value["Request"]?["Product"], let sku = product["Skus"]?["Sku"]?[0],
            let sellerSku = sku["SellerSku"]?.text, !sellerSku.isEmpty
        else {
            throw FeedError(
                .malformed,
                "not a Lazada /product/create payload: Request.Product.Skus.Sku[0].SellerSku is missing"
            )
        }
        var listing = Listing(id: sellerSku)
        listing.add("SellerSku", sellerSku)
        for key in Self.attributeKeys { listing.add(key, product["Attributes"]?[key]?.text) }
        listing.add("PrimaryCategory", product["PrimaryCategory"]?.text)
        for image in product["Images"]?["Image"]?.elements ?? [] { listing.add("image", image.text) }
        for key in Self.skuKeys.dropFirst() { listing.add(key, sku[key]?.text) }
        if case .object(let members) = product["Attributes"] {
            for (key, value) in members where !Self.attributeKeys.contains(key) {
                listing.add(LeafAttribute(key: key, value: value.text ?? ""))
            }
        }
        return listing
    }

    /// `0.56` for 56 hundredths.
    public static func hundredths(_ value: Int) -> String {
        let whole = "\(value / 100)"
        switch value % 100 {
        case 0: return whole
        case let part where part.isMultiple(of: 10): return "\(whole).\(part / 10)"
        case let part: return whole + "." + (part < 10 ? "0" : "") + String(part)
        }
    }
}
