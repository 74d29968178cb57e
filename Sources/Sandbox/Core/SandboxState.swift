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
    /// What each simulator keeps that the others do not (tokens, a store's ids, reviews, batches), in its own
    /// actor beside its simulator.
    let google = GoogleMerchantState()
    let woo = WooCommerceState()
    let tiki = TikiState()
    let meta = MetaCatalogState()
    /// The category trees served (Shopee, Lazada, TikTok Shop, Tiki), renumbered by tests.
    let categories = SandboxCategoryTree()
    /// Codes and tokens of the marketplaces whose shops are connected (Shopee, Lazada, TikTok Shop).
    let tokens: SandboxTokens
    private let observer: (@Sendable (String) -> Void)?

    init(faults: FaultPlan, lifetimes: TokenLifetimes = TokenLifetimes(), observer: (@Sendable (String) -> Void)? = nil)
    {
        self.faults = faults
        self.tokens = SandboxTokens(lifetimes: lifetimes)
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

    func countRequest(_ marketplace: String) {
        self.requests[marketplace, default: 0] += 1
    }

    /// Ids the marketplaces that give their own item ids gave them: marketplace → id → SKU.
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

    /// `{"items": {id: item JSON…}, "creations": {id: count}, "calls": n, "requests": n, "uploads": n,
    /// "tokens_exchanged": n, "tokens_renewed": n}` for one marketplace (`uploads`: images uploaded or migrated;
    /// the last two: codes exchanged for tokens, and renewals with a refresh token).
    func snapshot(_ marketplace: String) async -> Data {
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
            ("tokens_exchanged", .number(String(await self.tokens.exchanges[marketplace] ?? 0))),
            ("tokens_renewed", .number(String(await self.tokens.renewals[marketplace] ?? 0))),
        ])
        return Data(value.serialized.utf8)
    }
}
