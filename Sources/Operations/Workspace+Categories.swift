public import FeedKit
public import Foundation
public import OCOPCatalog
import OCOPConfiguration
import Publishing
public import Transport

/// What one `ocop categories sync` did for one marketplace: the tree's size, and against the tree kept before,
/// the leaves renumbered or gone (by path) and the catalogue products they move or hold back.
public struct CategorySyncReport: Sendable {
    /// A catalogue product whose category leaf was renumbered or vanished.
    public struct AffectedProduct: Hashable, Sendable {
        public var code: String
        /// The leaf's path.
        public var path: String
        /// The id the product's category had.
        public var oldID: String
        /// Its new id; `nil` when the leaf vanished.
        public var newID: String?
        /// Whether the next publish follows the change by itself (the product's category is a path of names
        /// that still resolves); otherwise it is held back until its category is written anew.
        public var follows: Bool
    }

    public var marketplace: String
    public var categories: Int
    public var leaves: Int
    /// When the tree kept before was fetched; `nil` on a first sync.
    public var previous: Date?
    public var drift: CategoryDrift?
    public var affected: [AffectedProduct]
}

extension Workspace {
    /// The marketplaces `ocop categories sync --all` syncs: those configured whose adapter fetches a tree.
    public var categoryMarketplaces: [String] {
        AdapterRegistry.adapters.filter { $0 is any CategoryTreeAdapter }.map(\.marketplace.rawValue)
            .filter { self.configuration.marketplaces[$0] != nil }
    }

    /// The most days a synced tree is trusted unless `category_tree_max_age` says otherwise.
    public static let defaultCategoryTreeMaximumAge = 30

    /// How many days `marketplace`'s synced tree is trusted: `category_tree_max_age`, else 30.
    public func categoryTreeMaximumAge(_ marketplace: String) throws -> Int {
        let setting = "marketplaces.\(marketplace).category_tree_max_age"
        let configured = try self.configuration.marketplaces[marketplace]?.value("category_tree_max_age")
        guard let limit = configured.map({ Int($0) }) ?? Self.defaultCategoryTreeMaximumAge, limit >= 0 else {
            throw PublishingError(.account, "\(setting) must be a whole number of days, such as 30")
        }
        return limit
    }

    /// Each synced tree of a configured marketplace: when it was fetched and until when publishing trusts it,
    /// for `ocop-scheduler --status` to warn before an old tree holds every product back.
    public func categoryTreeStatuses() throws -> [CategoryTreeStatus] {
        let database = try self.openCatalog()
        return try self.categoryMarketplaces.compactMap { id in
            guard let tree = try database.categoryTree(for: id) else { return nil }
            let limit = try self.categoryTreeMaximumAge(id)
            return CategoryTreeStatus(
                marketplace: id,
                fetched: tree.fetched,
                trustedUntil: tree.fetched.addingTimeInterval(TimeInterval(limit) * 86_400)
            )
        }
    }

    /// `mapping` with its marketplace's synced category tree, where its categories come from the marketplace's
    /// own tree; a tree older on `today` than `category_tree_max_age` (days) is marked stale, so that nothing
    /// is resolved through it.
    public func withCategoryTree(_ mapping: Mapping, database: CatalogDatabase, today: CalendarDate) throws -> Mapping {
        guard mapping.categoryAttribute != nil else { return mapping }
        var mapping = mapping
        mapping.categoryTree = try database.categoryTree(for: mapping.marketplace)
        let limit = try self.categoryTreeMaximumAge(mapping.marketplace)
        if let tree = mapping.categoryTree {
            let days = CalendarDate(tree.fetched).days(until: today)
            if days > limit { mapping.staleCategoryTree = StaleCategoryTree(days: days, limit: limit) }
        }
        return mapping
    }

    /// Fetches `id`'s category tree through its adapter, keeps it in the catalogue in place of the one kept
    /// before, and reports what changed and which products that affects.
    public func syncCategories(_ id: String, client: (any HTTPClient)? = nil) async throws -> CategorySyncReport {
        let (adapter, mapping) = try self.resolve(id)
        guard let source = adapter as? any CategoryTreeAdapter else {
            throw PublishingError(
                .account,
                "\(id) has no category tree to sync; the marketplaces that have one are shopee, lazada, tiktok-shop "
                    + "and tiki"
            )
        }
        let shop = try? self.configuration.marketplaces[id]?.value("shop_id")
        let connected =
            try adapter.shopAuthorization != nil && self.credentialStore.connection(for: id, shop: shop ?? nil) != nil
        var account = try AdapterRegistry.account(
            id,
            configuration: self.configuration,
            required: true,
            optional: connected ? ["access_token"] : []
        )
        let client = client ?? AdapterRegistry.client(for: adapter, account: account, logger: self.logger)
        if connected, let keeper = self.connectionKeeper(adapter, client: CurlClient(), stored: self.connectionStored) {
            account = try await keeper.authorized(account)
        }
        let tree = try await source.fetchCategoryTree(settings: account, client: client)
        let database = try self.openCatalog()
        let old = try database.categoryTree(for: id)
        var report = CategorySyncReport(
            marketplace: id,
            categories: tree.nodes.count,
            leaves: tree.nodes.count { $0.isLeaf },
            previous: old?.fetched,
            drift: nil,
            affected: []
        )
        if let old {
            let drift = CategoryDrift(from: old, to: tree)
            report.drift = drift
            let changed = drift.changedIDs
            if !changed.isEmpty {
                var before = mapping
                before.categoryTree = old
                let marketplace = adapter.marketplace
                try database.forEachProduct { product in
                    guard product.isOffered(on: marketplace),
                        let oldID = before.category(for: product, on: marketplace),
                        changed.contains(oldID)
                    else { return }
                    let written = mapping.category(for: product, on: marketplace) ?? ""
                    let newID = drift.renumbered.first { $0.oldID == oldID }?.newID
                    report.affected.append(
                        CategorySyncReport.AffectedProduct(
                            code: product.code.rawValue,
                            path: old.path(of: oldID) ?? oldID,
                            oldID: oldID,
                            newID: newID,
                            follows: newID != nil && CategoryTree.isPath(written)
                        )
                    )
                }
            }
        }
        try database.saveCategoryTree(tree)
        return report
    }
}
