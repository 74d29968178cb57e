public import FeedKit
public import Foundation
public import Groundwork
public import OCOPCatalog

/// Meta commerce catalog: RSS 2.0 in Google's `g:` layout with Meta's value spellings (`in stock`), and
/// JSON lines of Graph API `items_batch` requests (`{"method": "UPDATE", "data": {…}}`).
///
/// Meta has no `product_detail`: the OCOP star goes into `custom_label_0` and the description.
public struct MetaCatalogAdapter: FeedAdapter {
    public let marketplace = MarketplaceID("meta-catalog")!
    public let formats: [FeedFormat] = [.xml, .json]
    public let delivery = "file (scheduled feed) or Graph API items_batch"
    /// Meta reads Google's RSS 2.0 layout and `g:` namespace (Meta's catalog feed specification).
    public let xmlDialect: RSSDialect? = RSSDialect(namespace: "http://base.google.com/ns/1.0", prefix: "g")

    /// Changes per `items_batch` call (Meta allows 5,000 and recommends fewer than 3,000).
    public let batchSize: Int

    /// Creates the adapter; `batchSize` comes from the configuration's `batch_size` when set.
    public init(batchSize: Int = 1000) {
        self.batchSize = max(1, min(batchSize, 5000))
    }

    public var xmlSchema: URL? { Bundle.module.url(forResource: "rss", withExtension: "xsd", subdirectory: "Schemas") }

    public func listing(for product: Product, mapping: Mapping, context: ListingContext) -> Listing {
        var listing = Listing(id: product.code.rawValue)
        let certificate = product.certificate
        listing.add("id", product.code.rawValue)
        listing.add("title", product.name)
        listing.add(
            "description",
            "\(product.feedDescription) Chứng nhận OCOP \(certificate.star.rawValue) sao (\(certificate.decisionNumber)), hiệu lực đến \(certificate.expires)."
        )
        listing.add("availability", mapping.value("availability", product.feedAvailability))
        listing.add("condition", mapping.defaults["condition"])
        listing.add("price", product.feedPrice(product.price, currency: context.currency))
        listing.add("sale_price", product.salePrice.map { product.feedPrice($0, currency: context.currency) })
        listing.add("link", context.link(for: product))
        listing.add("image_link", product.images.first)
        for image in product.images.dropFirst() { listing.add("additional_image_link", image) }
        listing.add("brand", product.brand)
        listing.add("gtin", product.gtin?.rawValue)
        listing.add("mpn", product.mpn)
        listing.add(
            "google_product_category",
            mapping.category(for: product, on: self.marketplace)
        )
        listing.add("product_type", product.feedProductType)
        listing.add("shipping_weight", product.feedShippingWeight)
        listing.add("quantity_to_sell_on_facebook", product.stock.map(String.init))
        listing.add("custom_label_0", product.feedStarLabel)
        listing.add("custom_label_1", product.group.rawValue)
        return listing
    }

    public func json(for listing: Listing, context: ListingContext) -> JSONValue {
        .object([("method", .string("UPDATE")), ("data", FlatJSON.encode(listing.attributes))])
    }

    public func listing(fromJSON value: JSONValue) throws(FeedError) -> Listing {
        guard let method = value["method"]?.text, ["CREATE", "UPDATE", "DELETE"].contains(method) else {
            throw FeedError(.malformed, "not an items_batch request: method must be CREATE, UPDATE or DELETE")
        }
        guard let data = value["data"], case .object = data, let id = data["id"]?.text else {
            throw FeedError(.malformed, "not an items_batch request: data.id is missing")
        }
        return Listing(id: id, attributes: FlatJSON.decode(data))
    }
}
