/// A certified OCOP product as the catalogue holds it: what it is, who makes it, and its certificate.
///
/// Text is NFC; codes, GTINs and URLs are ASCII. Build one through ``ProductRowDecoder`` from import rows,
/// or directly in code.
public struct Product: Hashable, Sendable, Codable {
    public var code: ProductCode
    public var name: String
    public var description: String?
    public var group: ProductGroup
    /// Sub-group or keywords that category maps match on (`cà phê rang xay`, `mật ong`).
    public var subgroup: String?
    /// Defaults to the producer's name.
    public var brand: String
    public var price: VND
    /// Below ``price`` when set.
    public var salePrice: VND?
    public var stock: Int?
    public var netQuantity: NetQuantity?
    public var weightGrams: Int?
    public var packageSize: PackageSize?
    public var gtin: GTIN?
    public var mpn: String?
    /// Absolute http(s) URLs, ASCII (non-ASCII path characters percent-encoded); at least one.
    public var images: [String]
    /// The product page; when `nil`, feeds use `shop.base_url/san-pham/<slug>`.
    public var link: String?
    public var shelfLife: String?
    public var ingredients: String?
    public var storage: String?
    /// The marketplaces the product is offered on; `nil` means all of them.
    public var marketplaces: Set<MarketplaceID>?
    /// A marketplace's category id that replaces what the mapping would choose.
    public var categoryOverrides: [MarketplaceID: String]
    public var certificate: Certificate
    public var producer: Producer

    /// Creates a product.
    public init(
        code: ProductCode,
        name: String,
        description: String? = nil,
        group: ProductGroup,
        subgroup: String? = nil,
        brand: String? = nil,
        price: VND,
        salePrice: VND? = nil,
        stock: Int? = nil,
        netQuantity: NetQuantity? = nil,
        weightGrams: Int? = nil,
        packageSize: PackageSize? = nil,
        gtin: GTIN? = nil,
        mpn: String? = nil,
        images: [String],
        link: String? = nil,
        shelfLife: String? = nil,
        ingredients: String? = nil,
        storage: String? = nil,
        marketplaces: Set<MarketplaceID>? = nil,
        categoryOverrides: [MarketplaceID: String] = [:],
        certificate: Certificate,
        producer: Producer
    ) {
        self.code = code
        self.name = name
        self.description = description
        self.group = group
        self.subgroup = subgroup
        self.brand = brand ?? producer.name
        self.price = price
        self.salePrice = salePrice
        self.stock = stock
        self.netQuantity = netQuantity
        self.weightGrams = weightGrams
        self.packageSize = packageSize
        self.gtin = gtin
        self.mpn = mpn
        self.images = images
        self.link = link
        self.shelfLife = shelfLife
        self.ingredients = ingredients
        self.storage = storage
        self.marketplaces = marketplaces
        self.categoryOverrides = categoryOverrides
        self.certificate = certificate
        self.producer = producer
    }

    /// Whether the product is offered on `marketplace` (its own opt-in list, or all when it has none).
    public func isOffered(on marketplace: MarketplaceID) -> Bool {
        self.marketplaces?.contains(marketplace) ?? true
    }

    /// The ASCII slug of the name, used for the default product page.
    public var slug: String { self.name.asciiSlug }
}
