import BuiltinMappings
public import FeedKit
import Foundation
import GoogleMerchant
public import Groundwork
import Lazada
public import Logging
import MetaCatalog
public import OCOPCatalog
public import OCOPConfiguration
public import Publishing
import Shopee
import TikTokShop
import Tiki
public import Transport
import WooCommerce

/// The composition root's list of adapters and how their mappings are found.
public enum AdapterRegistry {
    /// Every adapter this build has, in the order they are listed to users: the only list of marketplaces.
    public static let adapters: [any MarketplaceAdapter] = [
        GoogleMerchantAdapter(), MetaCatalogAdapter(), WooCommerceAdapter(), ShopeeAdapter(), LazadaAdapter(),
        TikTokShopAdapter(), TikiAdapter(),
    ]

    /// The adapters whose marketplaces put products into leaves of their own category tree, which
    /// `ocop categories sync` fetches: composed here, never found by casting ``adapters``.
    public static let categoryTreeAdapters: [any CategoryTreeAdapter] = [
        ShopeeAdapter(), LazadaAdapter(), TikTokShopAdapter(), TikiAdapter(),
    ]

    /// The ids of the marketplaces with a category tree, in the order of ``adapters``.
    public static var categoryTreeMarketplaces: [String] {
        let ids = Set(Self.categoryTreeAdapters.map(\.marketplace.rawValue))
        return Self.adapters.map(\.marketplace.rawValue).filter(ids.contains)
    }

    /// The category-tree adapter of marketplace `id`, when it has one.
    public static func categoryTreeAdapter(_ id: String) -> (any CategoryTreeAdapter)? {
        Self.categoryTreeAdapters.first { $0.marketplace.rawValue == id }
    }

    /// The built-in attribute map, which a mapping names with `attribute_map:`.
    static let attributeMapFile = "category-attributes.yaml"

    /// Each marketplace's API contract that is written down, by marketplace id: what the sandbox judges by.
    public static func apiContracts() throws(ContractError) -> [String: APIContract] {
        var contracts: [String: APIContract] = [:]
        for adapter in Self.adapters {
            if let contract = try adapter.apiContract() { contracts[adapter.marketplace.rawValue] = contract }
        }
        return contracts
    }

    /// Access tokens obtained for this process's runs (a scheduler asks once an hour, not once a run).
    public static let tokens = AccessTokenCache()

    /// The HTTP client for a marketplace: libcurl, retried with backoff (each retry told to `logger`), and
    /// rate-limited to the account's `rate_limit` (requests per second), else to the limit the marketplace
    /// documents.
    public static func client(for adapter: any MarketplaceAdapter, account: MarketplaceAccount, logger: Logger)
        -> any HTTPClient
    {
        let retrying = RetryingClient(CurlClient(), logger: logger)
        let configured = account.value("rate_limit").flatMap(Double.init)
        guard let rate = configured ?? adapter.documentedRateLimit, rate > 0 else { return retrying }
        return RateLimitedClient(retrying, limiter: RateLimiter(rate: rate, burst: 1, clock: ContinuousClock()))
    }

    /// The account settings of `id` from the configuration, secrets resolved; with `required`, a missing
    /// section or secret is an error (a dry run needs none), except for the `optional` keys (a token a
    /// connected shop supplies).
    public static func account(
        _ id: String,
        configuration: OCOPConfiguration,
        required: Bool,
        optional: Set<String> = []
    ) throws -> MarketplaceAccount {
        guard let settings = configuration.marketplaces[id] else {
            if required { throw PublishingError(.account, "ocop.yaml has no marketplaces.\(id) section") }
            return MarketplaceAccount(marketplace: id, values: [:])
        }
        var values: [String: String] = [:]
        for key in settings.keys {
            if required && !optional.contains(key) {
                values[key] = try settings.value(key)
            } else {
                values[key] = try? settings.value(key)
            }
        }
        return MarketplaceAccount(marketplace: id, values: values)
    }

    /// The adapter for `id`, or a usage error naming the ones there are.
    public static func adapter(_ id: String) throws(FeedError) -> any MarketplaceAdapter {
        guard let adapter = self.adapters.first(where: { $0.marketplace.rawValue == id }) else {
            let known = self.adapters.map(\.marketplace.rawValue).joined(separator: ", ")
            throw FeedError(.mapping, "no feed adapter for \"\(id)\" (available: \(known); see ocop marketplaces)")
        }
        return adapter
    }

    /// The mapping for `adapter`: from `folder` (`--mappings DIR` or the config's `mappings:`), else built in.
    public static func mapping(for adapter: any FeedAdapter, folder: String?) throws(FeedError) -> Mapping {
        let id = adapter.marketplace.rawValue
        let url: URL
        if let folder {
            url = URL(fileURLWithPath: folder).appending(path: "\(id).yaml")
        } else if let builtin = BuiltinMappings.url(for: id) {
            url = builtin
        } else {
            throw FeedError(
                .mapping,
                "the built-in mapping for \(id) is missing beside the executable; use --mappings DIR"
            )
        }
        // A file the mapping names (Google's taxonomy) is taken from beside it, else the built-in copy: a user's
        // folder may hold only the mapping they changed.
        var mapping = try Mapping.load(from: url) { name in
            let beside = url.deletingLastPathComponent().appending(path: name)
            return FileManager.default.fileExists(atPath: beside.path) ? beside : BuiltinMappings.url(forFile: name)
        }
        // A copy made before the attribute map existed (or without its line) still fills what leaves demand.
        if mapping.categoryAttribute != nil, mapping.attributeMap == nil,
            let builtin = BuiltinMappings.url(forFile: Self.attributeMapFile)
        {
            mapping.attributeMap = try CategoryAttributeMap.load(from: builtin)
        }
        guard mapping.marketplace == id else {
            throw FeedError(.mapping, "\(url.path) is the mapping of \(mapping.marketplace), not \(id)")
        }
        return mapping
    }

    /// The listing context from the configuration's shop.
    public static func context(_ configuration: OCOPConfiguration, today: CalendarDate, warningDays: Int)
        throws(FeedError)
        -> ListingContext
    {
        guard let baseURL = configuration.shop.baseURL else {
            throw FeedError(
                .mapping,
                "shop.base_url is not set: feeds need it for product pages (set it in ocop.yaml or pass --config)"
            )
        }
        return ListingContext(
            baseURL: baseURL,
            country: configuration.shop.country,
            language: configuration.shop.language,
            currency: configuration.shop.currency,
            today: today,
            expiryWarningDays: warningDays
        )
    }
}
