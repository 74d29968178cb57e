public import Foundation
public import Groundwork
public import OCOPCatalog

/// A feed file format.
public enum FeedFormat: String, Hashable, Sendable, CaseIterable, Codable {
    /// RSS 2.0 with a namespace for the marketplace's attributes.
    case xml
    /// One JSON object per line (the marketplace's API payload for one item).
    case json

    /// The file extension we write.
    public var fileExtension: String {
        switch self {
        case .xml: "xml"
        case .json: "jsonl"
        }
    }

    /// The format to write for a marketplace that takes `formats`: the one `given`; else the one `fileName`
    /// suggests when the marketplace takes it; else the marketplace's first. A given format the marketplace
    /// does not take is kept (the exporter names the problem) unless `ownWhenNotTaken` (a job over several
    /// marketplaces, each in its own format where it lacks the asked one).
    public static func chosen(
        _ given: FeedFormat?,
        fileName: String?,
        takes formats: [FeedFormat],
        ownWhenNotTaken: Bool = false
    ) -> FeedFormat {
        if let given, formats.contains(given) || !ownWhenNotTaken { return given }
        if let suggested = fileName.flatMap(FeedFormat.init(fileName:)), formats.contains(suggested) {
            return suggested
        }
        return formats[0]
    }

    /// The format a file's name suggests: `.xml` is XML, `.json`/`.jsonl`/`.ndjson` JSON.
    public init?(fileName: String) {
        let lowercased = fileName.lowercased()
        if lowercased.hasSuffix(".xml") {
            self = .xml
        } else if [".json", ".jsonl", ".ndjson"].contains(where: lowercased.hasSuffix) {
            self = .json
        } else {
            return nil
        }
    }
}

/// What an adapter needs besides the product: the shop and the day.
public struct ListingContext: Sendable {
    /// The shop's address; product pages default to `baseURL/san-pham/<slug>`.
    public var baseURL: String
    public var country: String
    public var language: String
    public var currency: String
    /// The day certificates are judged on.
    public var today: CalendarDate
    /// How many days ahead of expiry to warn.
    public var expiryWarningDays: Int

    /// Creates a context.
    public init(
        baseURL: String,
        country: String = "VN",
        language: String = "vi",
        currency: String = "VND",
        today: CalendarDate,
        expiryWarningDays: Int = 60
    ) {
        self.baseURL = baseURL
        self.country = country
        self.language = language
        self.currency = currency
        self.today = today
        self.expiryWarningDays = expiryWarningDays
    }

    /// The product page: the product's own link, else the shop's page for its slug.
    public func link(for product: Product) -> String {
        product.link
            ?? "\(self.baseURL.hasSuffix("/") ? String(self.baseURL.dropLast()) : self.baseURL)/san-pham/\(product.slug)"
    }
}

/// How a marketplace's XML feed is laid out: RSS 2.0, attributes in one namespace.
public struct RSSDialect: Hashable, Sendable {
    /// The attributes' namespace URI.
    public var namespace: String
    /// Its prefix (`g`).
    public var prefix: String

    /// Creates a dialect.
    public init(namespace: String, prefix: String) {
        self.namespace = namespace
        self.prefix = prefix
    }
}

/// One marketplace's feed: how a product becomes its listing, and how listings are written to and read
/// from its formats. Pure: values in, values out; the feed engine does the I/O.
public protocol FeedAdapter: Sendable {
    /// The marketplace.
    var marketplace: MarketplaceID { get }
    /// The formats `feed export` and `feed validate` support.
    var formats: [FeedFormat] { get }
    /// How the marketplace takes the feed, for `ocop marketplaces`.
    var delivery: String { get }
    /// The XML layout, when the marketplace takes XML.
    var xmlDialect: RSSDialect? { get }
    /// The XSD that XML feeds must satisfy, when the marketplace takes XML.
    var xmlSchema: URL? { get }
    /// The layout of an XML feed of API payloads, for a marketplace whose XML is not RSS.
    var payloadXML: PayloadXMLLayout? { get }
    /// Whether the marketplace refuses services (OCOP's tourism group): true of all of ours.
    var sellsPhysicalGoodsOnly: Bool { get }
    /// The listing for `product`.
    func listing(for product: Product, mapping: Mapping, context: ListingContext) -> Listing
    /// One JSON line for `listing`.
    func json(for listing: Listing, context: ListingContext) -> JSONValue
    /// The listing a JSON line describes; a one-line reason when it is not the marketplace's shape.
    func listing(fromJSON value: JSONValue) throws(FeedError) -> Listing
}

extension FeedAdapter {
    /// Physical goods only, unless the adapter says otherwise.
    public var sellsPhysicalGoodsOnly: Bool { true }

    /// No payload XML unless the adapter says so.
    public var payloadXML: PayloadXMLLayout? { nil }
}

/// An XML feed of API payloads: a root element holding one element per item, each the XML form of the
/// item's JSON (`{"Request": {...}}` is `<Request>…</Request>`, see `XMLPayload`).
public struct PayloadXMLLayout: Hashable, Sendable {
    /// The file's root element (`Requests`).
    public var root: String
    /// The element each item is (`Request`), the single member of the item's JSON.
    public var item: String
    /// Elements that are always lists in the JSON, even when they occur once (`Image`, `Sku`).
    public var arrays: Set<String>

    /// Creates a layout.
    public init(root: String, item: String, arrays: Set<String>) {
        self.root = root
        self.item = item
        self.arrays = arrays
    }
}
