public import FeedKit
public import Foundation
public import Groundwork
public import Transport

/// A marketplace's account settings from the configuration, secrets already taken from the environment.
public struct MarketplaceAccount: Sendable {
    public var marketplace: String
    private var values: [String: String]

    /// Creates an account from resolved settings.
    public init(marketplace: String, values: [String: String]) {
        self.marketplace = marketplace
        self.values = values
    }

    /// A copy with `key` set to `value` (an access token obtained for this run).
    public func setting(_ key: String, to value: String) -> MarketplaceAccount {
        var copy = self
        copy.values[key] = value
        return copy
    }

    /// The value of `key`, when set.
    public func value(_ key: String) -> String? {
        self.values[key].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The value of `key`, or an error naming the key to set.
    public func require(_ key: String) throws(PublishingError) -> String {
        guard let value = self.values[key], !value.isEmpty else {
            throw PublishingError(.account, "marketplaces.\(self.marketplace).\(key) is not set in ocop.yaml")
        }
        return value
    }

    /// The API base URL (`endpoint`).
    public func endpoint() throws(PublishingError) -> URL {
        let text = try self.require("endpoint")
        guard let url = URL(string: text.hasSuffix("/") ? String(text.dropLast()) : text), url.scheme != nil else {
            throw PublishingError(.account, "marketplaces.\(self.marketplace).endpoint is not a URL")
        }
        return url
    }

    /// The base URL of the marketplace's authorization service (`auth_endpoint`), else `live` (its documented
    /// host, where that is not the API's), else the API's `endpoint`.
    public func authEndpoint(live: String? = nil) throws(PublishingError) -> URL {
        guard let text = self.value("auth_endpoint") ?? live else { return try self.endpoint() }
        guard let url = URL(string: text.hasSuffix("/") ? String(text.dropLast()) : text), url.scheme != nil else {
            throw PublishingError(.account, "marketplaces.\(self.marketplace).auth_endpoint is not a URL")
        }
        return url
    }

    /// The values of secret-looking keys (tokens, secrets, keys, passwords, credentials), for redacting
    /// them from messages, logs and reports.
    public var secrets: [String] {
        self.values.filter { key, _ in
            ["token", "secret", "key", "password", "credential"].contains { key.lowercased().contains($0) }
        }.map(\.value)
    }
}

/// How a marketplace takes its changes: the one shape each adapter names, so the publisher never has to
/// guess an adapter's abilities at run time.
public enum PublishingStyle: Sendable {
    /// A whole batch in one request.
    case batches(any BatchRequestAdapter)
    /// One product through several calls (images, create, price, stock, review).
    case itemCalls(any ItemCallsAdapter)
}

/// A marketplace that takes API calls. Its changes go out in batches of `batchSize`, each batch recorded in
/// the ledger in one transaction; how a batch is sent is its `style`'s: one request for the whole batch
/// (`BatchRequestAdapter`) or a conversation of calls per item (`ItemCallsAdapter`). Adapters describe; the
/// core sends every request.
public protocol MarketplaceAdapter: FeedAdapter {
    /// Changes per batch.
    var batchSize: Int { get }
    /// The requests per second the marketplace documents as its limit, used unless the account sets
    /// `rate_limit`; `nil` when it publishes none.
    var documentedRateLimit: Double? { get }
    /// How long the marketplace keeps a listing nobody sends again (some expire them after 30 days); `nil` when listings
    /// stay until removed.
    var listingLifetime: Duration? { get }
    /// How many times a day the marketplace takes one product (each create or update request counts, in a
    /// batch or not); `nil` when it sets no such limit. A change past it waits for the next run.
    var dailySendLimit: Int? { get }
    /// How the marketplace obtains a short-lived access token first, when its API needs one.
    var tokenGrant: (any AccessTokenGrant)? { get }
    /// How a seller connects a shop once (`ocop connect`) and how its tokens renew, where the marketplace
    /// issues tokens per shop.
    var shopAuthorization: (any ShopAuthorization)? { get }
    /// How changes are sent: this adapter, as the one shape it has.
    var style: PublishingStyle { get }
    /// The marketplace's API contract as data (`Contract/` beside the adapter), from its own reference;
    /// `nil` where none is written yet.
    func apiContract() throws(ContractError) -> APIContract?
}

extension MarketplaceAdapter {
    /// No documented limit unless the adapter gives one.
    public var documentedRateLimit: Double? { nil }
    /// Listings stay unless the adapter says they expire.
    public var listingLifetime: Duration? { nil }
    /// No limit per product unless the adapter gives one.
    public var dailySendLimit: Int? { nil }
    /// No token to obtain unless the adapter says how.
    public var tokenGrant: (any AccessTokenGrant)? { nil }
    /// No shop to connect unless the adapter says how.
    public var shopAuthorization: (any ShopAuthorization)? { nil }
    /// No contract unless the adapter has one.
    public func apiContract() throws(ContractError) -> APIContract? { nil }
}

/// A marketplace that takes a whole batch in one request: how a batch of changes becomes that request and
/// how its answer becomes per-item outcomes. Pure: values in, values out; the publisher sends and records.
///
/// A marketplace that finishes part of a batch's work after answering it (ingesting a batch
/// asynchronously) also says how to ask for the batch's status: the publisher asks until it is done and
/// takes the final outcomes from it.
public protocol BatchRequestAdapter: MarketplaceAdapter {
    /// The account's settings this marketplace needs, parsed once per run (after any token grant).
    associatedtype Account: Sendable

    /// The typed account, or an error naming the setting to fix.
    func account(_ settings: MarketplaceAccount) throws(PublishingError) -> Account
    /// The request for one batch, built with the run's `context` (its shop, the time, a fresh nonce).
    func request(for batch: [PlannedChange], account: Account, context: BatchRequestContext)
        throws(PublishingError) -> HTTPRequest
    /// Each change's outcome, read from the marketplace's answer (in the order of `batch`).
    func outcomes(of batch: [PlannedChange], response: HTTPResponse) -> [ItemOutcome]
    /// The request asking how the batch answered by `response` went; `nil` when that answer is final.
    func statusRequest(after response: HTTPResponse, account: Account) throws(PublishingError) -> HTTPRequest?
    /// The batch's final outcomes once `status` says processing has finished; `nil` while it goes on.
    func outcomes(of batch: [PlannedChange], response: HTTPResponse, status: HTTPResponse) -> [ItemOutcome]?
    /// The marketplace's words when `response` refuses the account's credentials (its token, key or
    /// signature): nothing else can succeed, so the run stops with them instead of failing every item.
    func refusedCredentials(_ response: HTTPResponse) -> String?
}

extension BatchRequestAdapter {
    /// The answer is final unless the adapter says how to follow it.
    public func statusRequest(after response: HTTPResponse, account: Account) throws(PublishingError) -> HTTPRequest? {
        nil
    }

    /// Nothing to follow, so nothing to read.
    public func outcomes(of batch: [PlannedChange], response: HTTPResponse, status: HTTPResponse) -> [ItemOutcome]? {
        nil
    }

    /// No answer refuses credentials unless the adapter says which do.
    public func refusedCredentials(_ response: HTTPResponse) -> String? { nil }
}

/// How a marketplace's error code is handled: the same call again later, a fix to the account or request
/// before anything can succeed, or a problem with one item that the others do not share.
public enum MarketplaceErrorClass: String, Hashable, Sendable {
    /// Throttling or a server fault: send the same request again, after backing off.
    case retryable
    /// Credentials, signature, timestamp, permissions or the request's shape: nothing succeeds until fixed.
    case request
    /// One item breaks a rule (category, brand, attribute, image, price…): that item fails, with the
    /// marketplace's message kept in its outcome; the rest go on.
    case item
}

/// What the core gives a batch request besides the batch and the account: the run's shop and day (the
/// listing context the plan was made with), the time the request leaves, and a nonce used by no other request.
public struct BatchRequestContext: Sendable {
    public var listing: ListingContext
    public var now: Date
    public var nonce: String

    /// Creates a context.
    public init(listing: ListingContext, now: Date, nonce: String) {
        self.listing = listing
        self.now = now
        self.nonce = nonce
    }
}
