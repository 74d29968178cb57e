public import FeedKit
public import Foundation
public import Groundwork
public import OCOPCatalog
import Publishing

/// Google Merchant Center: RSS 2.0 with the `g:` namespace, and JSON lines of Merchant API `ProductInput`.
///
/// The OCOP star and certificate go into `product_detail` and `custom_label_0`, never `certification`
/// (which Google keeps for regulatory schemes such as EPREL).
public struct GoogleMerchantAdapter: FeedAdapter {
    public let marketplace = MarketplaceID("google-merchant")!
    public let formats: [FeedFormat] = [.xml, .json]
    public let delivery = "file (hosted feed / SFTP) or Merchant API productInputs"
    /// RSS 2.0 with Google's `g:` namespace (Product data specification).
    public let xmlDialect: RSSDialect? = RSSDialect(namespace: "http://base.google.com/ns/1.0", prefix: "g")

    /// Creates the adapter.
    public init() {}

    public var xmlSchema: URL? { Bundle.module.url(forResource: "rss", withExtension: "xsd", subdirectory: "Schemas") }

    public func listing(for product: Product, mapping: Mapping, context: ListingContext) -> Listing {
        var listing = Listing(id: product.code.rawValue)
        listing.add("id", product.code.rawValue)
        listing.add("title", product.name)
        listing.add("description", product.feedDescription)
        listing.add("link", context.link(for: product))
        listing.add("image_link", product.images.first)
        for image in product.images.dropFirst() { listing.add("additional_image_link", image) }
        listing.add("availability", mapping.value("availability", product.feedAvailability))
        listing.add("condition", mapping.defaults["condition"])
        listing.add("price", product.feedPrice(product.price, currency: context.currency))
        listing.add("sale_price", product.salePrice.map { product.feedPrice($0, currency: context.currency) })
        listing.add("brand", product.brand)
        listing.add("gtin", product.gtin?.rawValue)
        listing.add("mpn", product.mpn)
        if product.gtin == nil && product.mpn == nil { listing.add("identifier_exists", "no") }
        listing.add(
            "google_product_category",
            mapping.category(for: product, on: self.marketplace)
        )
        listing.add("product_type", product.feedProductType)
        listing.add("shipping_weight", product.feedShippingWeight)
        if let size = product.feedDimensions {
            listing.add("shipping_length", size.length)
            listing.add("shipping_width", size.width)
            listing.add("shipping_height", size.height)
        }
        listing.add("unit_pricing_measure", product.feedUnitPricingMeasure)
        listing.add("ships_from_country", context.country)
        let certificate = product.certificate
        let section = "Chứng nhận OCOP"
        for (name, value) in [
            ("Hạng sao", "\(certificate.star.rawValue) sao\(certificate.star == .five ? " (OCOP quốc gia)" : "")"),
            ("Quyết định", "\(certificate.decisionNumber) ngày \(certificate.decisionDate)"),
            ("Cơ quan công nhận", certificate.issuedBy),
            ("Hiệu lực đến", certificate.expires.description),
            ("Chủ thể", product.producer.name),
        ] {
            listing.add(
                "product_detail",
                group: [.text("section_name", section), .text("attribute_name", name), .text("attribute_value", value)]
            )
        }
        for (name, value) in [
            ("Thành phần", product.ingredients), ("Hạn sử dụng", product.shelfLife), ("Bảo quản", product.storage),
        ] {
            guard let value else { continue }
            listing.add(
                "product_detail",
                group: [
                    .text("section_name", "Thông tin sản phẩm"), .text("attribute_name", name),
                    .text("attribute_value", value),
                ]
            )
        }
        listing.add("custom_label_0", product.feedStarLabel)
        listing.add("custom_label_1", product.group.rawValue)
        return listing
    }

    public func json(for listing: Listing, context: ListingContext) -> JSONValue {
        ProductInputCoding.encode(listing, context: context)
    }

    public func listing(fromJSON value: JSONValue) throws(FeedError) -> Listing {
        try ProductInputCoding.decode(value)
    }
}
