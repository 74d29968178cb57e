import Foundation
import Groundwork

/// What the sandbox's marketplaces hold, and how many calls they took: the state tests look at.
actor SandboxState {
    /// Items per marketplace, by item id.
    private(set) var items: [String: [String: String]] = [:]
    /// How many times each item was created (a publisher must never create twice).
    private(set) var creations: [String: [String: Int]] = [:]
    private(set) var calls = 0
    /// HTTP requests that reached each marketplace's API (a batch is one, however many calls it carries).
    private(set) var requests: [String: Int] = [:]
    private var random: SplitMix64
    let faults: FaultPlan
    private let observer: (@Sendable (String) -> Void)?

    init(faults: FaultPlan, observer: (@Sendable (String) -> Void)? = nil) {
        self.faults = faults
        self.observer = observer
        self.random = SplitMix64(seed: faults.seed)
    }

    /// The fault to inject into the next call, if any.
    func nextFault() -> Fault? {
        self.calls += 1
        let roll = Double(self.random.next() % 10_000) / 10_000
        if roll < self.faults.serverErrors { return .serverError }
        if roll < self.faults.serverErrors + self.faults.rateLimited { return .rateLimited }
        let dropped = self.faults.serverErrors + self.faults.rateLimited + self.faults.droppedAfterApplying
        if roll < dropped { return .drop }
        if roll < dropped + self.faults.slowAnswers { return .slow }
        return nil
    }

    enum Fault {
        case serverError, rateLimited, drop, slow
    }

    /// Access tokens the sandbox issued, with their expiry.
    private var tokens: [String: Date] = [:]

    func issueToken(now: Date) -> String {
        let token = "sandbox-google-\(UUID().uuidString)"
        self.tokens[token] = now.addingTimeInterval(3600)
        return token
    }

    func isValid(token: String, now: Date) -> Bool {
        (self.tokens[token] ?? .distantPast) > now
    }

    func countRequest(_ marketplace: String) {
        self.requests[marketplace, default: 0] += 1
    }

    /// The WooCommerce store's products: ids by SKU and the next id, and the OAuth nonces seen.
    private var wooIDs: [String: Int] = [:]
    private var wooSKUs: [Int: String] = [:]
    private var nextWooID = 100
    private var nonces: Set<String> = []

    /// A new product id for `sku`; `nil` when the SKU is taken.
    func wooCreate(sku: String) -> Int? {
        guard self.wooIDs[sku] == nil else { return nil }
        self.nextWooID += 1
        self.wooIDs[sku] = self.nextWooID
        self.wooSKUs[self.nextWooID] = sku
        return self.nextWooID
    }

    /// The SKU of product `id`.
    func wooSKU(id: Int) -> String? {
        self.wooSKUs[id]
    }

    /// Removes product `id`; its SKU, or `nil` when there is none.
    func wooDelete(id: Int) -> String? {
        guard let sku = self.wooSKUs.removeValue(forKey: id) else { return nil }
        self.wooIDs[sku] = nil
        return sku
    }

    /// Whether `nonce` is new (and remembers it).
    func useNonce(_ nonce: String) -> Bool {
        self.nonces.insert(nonce).inserted
    }

    /// Ids the signed marketplaces (Shopee, Lazada, TikTok Shop, Tiki) gave their items: marketplace → id → SKU.
    private var listed: [String: [String: String]] = [:]
    /// The same the other way round: marketplace → SKU → id (the latest, where a marketplace allows twins).
    private var listedIDs: [String: [String: String]] = [:]
    private var nextListedID = 3_000_000_000
    /// Images uploaded or migrated, per marketplace, by the id the marketplace gave them.
    private var uploads: [String: Set<String>] = [:]

    /// A new item id on `marketplace` for `sku`.
    func list(_ marketplace: String, sku: String) -> String {
        self.nextListedID += 1
        let id = String(self.nextListedID)
        self.listed[marketplace, default: [:]][id] = sku
        self.listedIDs[marketplace, default: [:]][sku] = id
        return id
    }

    /// The SKU of item `id` on `marketplace`, when it exists.
    func listedSKU(_ marketplace: String, id: String) -> String? {
        self.listed[marketplace]?[id]
    }

    /// Item ids by the idempotency key that created them (TikTok Shop).
    private var idempotencyKeys: [String: [String: String]] = [:]

    /// The item an earlier request with `key` created.
    func idempotent(_ marketplace: String, key: String) -> String? {
        self.idempotencyKeys[marketplace]?[key]
    }

    /// Remembers that `key` created item `id`.
    func remember(_ marketplace: String, key: String, id: String) {
        self.idempotencyKeys[marketplace, default: [:]][key] = id
    }

    /// Tiki's product requests under review: the request, and how many times it was tracked.
    private var reviews: [String: (request: JSONValue, checks: Int)] = [:]

    /// Keeps a product request for review; its track id.
    func submit(_ request: JSONValue) -> String {
        let track = "sandbox-track-\(self.reviews.count + 1)"
        self.reviews[track] = (request, 0)
        return track
    }

    /// The request `track` and how many times it was tracked before (counting this time).
    func track(_ track: String) -> (request: JSONValue, checks: Int)? {
        guard var review = self.reviews[track] else { return nil }
        review.checks += 1
        self.reviews[track] = review
        return review
    }

    /// The id of the item with `sku` on `marketplace`, when there is one.
    func listedID(_ marketplace: String, sku: String) -> String? {
        self.listedIDs[marketplace]?[sku]
    }

    /// The stored item `sku` of `marketplace`, as JSON.
    func item(_ marketplace: String, sku: String) -> JSONValue? {
        self.items[marketplace]?[sku].flatMap { try? JSONValue.parse(Data($0.utf8)) }
    }

    /// Removes item `id`; its SKU, or `nil` when there was none.
    func unlist(_ marketplace: String, id: String) -> String? {
        guard let sku = self.listed[marketplace]?.removeValue(forKey: id) else { return nil }
        if self.listedIDs[marketplace]?[sku] == id { self.listedIDs[marketplace]?[sku] = nil }
        self.delete(marketplace, id: sku)
        return sku
    }

    /// Keeps an uploaded image; returns its new id (`prefix` + a counter).
    func storeImage(_ marketplace: String, prefix: String) -> String {
        let id = "\(prefix)\(self.uploads[marketplace, default: []].count + 1)"
        self.uploads[marketplace, default: []].insert(id)
        return id
    }

    /// Whether `id` is an image uploaded to `marketplace`.
    func hasImage(_ marketplace: String, id: String) -> Bool {
        self.uploads[marketplace]?.contains(id) ?? false
    }

    /// Batches answered, by handle: the requests rejected while ingesting them.
    private var batches: [String: [(id: String, message: String)]] = [:]

    /// Keeps what ingesting a batch rejected; returns the batch's handle.
    func registerBatch(rejected: [(id: String, message: String)]) -> String {
        let handle = "sandbox-\(UUID().uuidString.prefix(8))"
        self.batches[handle] = rejected
        return handle
    }

    /// What ingesting batch `handle` rejected; `nil` for an unknown handle.
    func batch(_ handle: String) -> [(id: String, message: String)]? {
        self.batches[handle]
    }

    /// Stores `item` (its serialized JSON) under `id`; counts a creation when it was not there.
    func upsert(_ marketplace: String, id: String, item: String) {
        if self.items[marketplace]?[id] == nil { self.creations[marketplace, default: [:]][id, default: 0] += 1 }
        self.items[marketplace, default: [:]][id] = item
        self.observer?(marketplace)
    }

    func delete(_ marketplace: String, id: String) {
        self.items[marketplace]?[id] = nil
        self.observer?(marketplace)
    }

    /// `{"items": {id: item JSON…}, "creations": {id: count}, "calls": n, "requests": n, "uploads": n}` for one
    /// marketplace (`uploads`: images uploaded or migrated).
    func snapshot(_ marketplace: String) -> Data {
        let items = (self.items[marketplace] ?? [:]).sorted { $0.key < $1.key }
        let creations = (self.creations[marketplace] ?? [:]).sorted { $0.key < $1.key }
        let value = JSONValue.object([
            (
                "items",
                .object(items.map { ($0.key, (try? JSONValue.parse(Data($0.value.utf8))) ?? .string($0.value)) })
            ),
            ("creations", .object(creations.map { ($0.key, .number(String($0.value))) })),
            ("calls", .number(String(self.calls))),
            ("requests", .number(String(self.requests[marketplace] ?? 0))),
            ("uploads", .number(String(self.uploads[marketplace]?.count ?? 0))),
        ])
        return Data(value.serialized.utf8)
    }
}
