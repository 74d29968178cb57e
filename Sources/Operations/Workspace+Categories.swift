public import FeedKit
public import Foundation
import Groundwork
public import OCOPCatalog
import OCOPConfiguration
public import Publishing
public import Transport

/// What one `ocop categories sync` did for one marketplace: the tree's size, and against the tree kept before,
/// the leaves renumbered or gone (by path) and the catalogue products they move or hold back.
public struct CategorySyncReport: Sendable {
    /// A catalogue product whose category leaf was renumbered or vanished.
    public struct AffectedProduct: Hashable, Sendable, Encodable {
        public var code: String
        /// The leaf's path.
        public var path: String
        /// The id the product's category had.
        public var oldID: String
        /// Its new id (the same, for a leaf that moved); `nil` when the leaf vanished.
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
    /// How many leaves the catalogue's products go to (whose attributes were asked for).
    public var leavesInUse: Int = 0
    /// Mandatory attributes a leaf in use asks for now that it did not at the last sync, each with the
    /// products in it.
    public var gained: [GainedAttribute] = []
    /// The leaves in use whose attributes the marketplace refused to list, with what it said: their products
    /// are held back until a sync fetches them.
    public var unfetched: [UnfetchedLeaf] = []

    /// A mandatory attribute a leaf gained since the last sync.
    public struct GainedAttribute: Hashable, Sendable, Encodable {
        /// The leaf's path.
        public var path: String
        /// The attribute as the marketplace shows it.
        public var attribute: String
        /// What the marketplace's payload names it.
        public var key: String
        /// The catalogue column the attribute map fills it from (`shelf_life`), when one does.
        public var column: String?
        /// The catalogue products in the leaf.
        public var codes: [String]
    }

    /// A leaf in use whose attributes could not be fetched.
    public struct UnfetchedLeaf: Hashable, Sendable, Encodable {
        /// The leaf's path.
        public var path: String
        /// What the marketplace said.
        public var reason: String
    }
}

extension Workspace {
    /// The marketplaces `ocop categories sync --all` syncs: those configured whose adapter fetches a tree.
    public var categoryMarketplaces: [String] {
        AdapterRegistry.categoryTreeMarketplaces
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

    /// `id`'s adapter and mapping for judging a feed file as an export is judged: with the synced category tree
    /// (and the attributes its leaves demand) when there is a catalogue holding one; without, when there is none
    /// (a feed validated away from any catalogue).
    public func resolveForValidation(
        _ id: String,
        today: CalendarDate
    ) throws -> (adapter: any MarketplaceAdapter, mapping: Mapping) {
        let (adapter, mapping) = try self.resolve(id)
        guard FileManager.default.fileExists(atPath: self.catalogPath) else { return (adapter, mapping) }
        return (adapter, try self.withCategoryTree(mapping, database: try self.openCatalog(), today: today))
    }

    /// Fetches `id`'s category tree through its adapter, keeps it in the catalogue in place of the one kept
    /// before, and reports what changed and which products that affects.
    ///
    /// A tree with fewer than half the leaves of the one kept is not kept (a partial answer would otherwise
    /// hold back every product whose leaf it lacks) unless `acceptingSmallerTree`: the marketplace really cut it.
    public func syncCategories(
        _ id: String,
        client: (any HTTPClient)? = nil,
        acceptingSmallerTree: Bool = false
    ) async throws -> CategorySyncReport {
        let (adapter, mapping) = try self.resolve(id)
        guard let source = AdapterRegistry.categoryTreeAdapter(id) else {
            throw PublishingError(
                .account,
                "\(id) has no category tree to sync; the marketplaces that have one are "
                    + AdapterRegistry.categoryTreeMarketplaces.joined(separator: ", ")
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
        var tree = try await source.fetchCategoryTree(settings: account, client: client)
        let database = try self.openCatalog()
        let old = try database.categoryTree(for: id)
        if let old, !acceptingSmallerTree {
            let (before, after) = (old.nodes.count { $0.isLeaf }, tree.nodes.count { $0.isLeaf })
            guard after * 2 >= before else {
                let name = adapter.marketplace.displayName
                let english =
                    "\(name) answered a tree of \(after) leaves where the one kept has \(before): not kept, in case "
                    + "the answer was cut short; sync again later, or with --accept-smaller-tree if \(name) really "
                    + "removed them"
                let vietnamese =
                    "\(name) trả về cây \(after) danh mục cấp cuối trong khi cây đang giữ có \(before): chưa thay, "
                    + "phòng khi câu trả lời bị thiếu; đồng bộ lại sau, hoặc thêm --accept-smaller-tree nếu \(name) "
                    + "thật sự đã bỏ bớt"
                throw PublishingError(.account, LocalizedText(en: english, vi: vietnamese))
            }
        }
        // The attributes of every leaf a product goes to, as the new tree resolves the mapping.
        var now = mapping
        now.categoryTree = tree
        var productsByLeaf: [String: [String]] = [:]
        try database.forEachProduct { product in
            guard product.isOffered(on: adapter.marketplace),
                let leaf = now.category(for: product, on: adapter.marketplace),
                tree.node(leaf)?.isLeaf == true
            else { return }
            productsByLeaf[leaf, default: []].append(product.code.rawValue)
        }
        // A leaf whose attributes the marketplace will not list (Lazada's 4228 for an inactive category, Tiki's
        // 404) does not stop the sync: its products are held back, saying so. One it cannot be
        // reached for does: the tree kept before stays.
        var unfetched: [CategorySyncReport.UnfetchedLeaf] = []
        for leaf in productsByLeaf.keys.sorted() {
            do {
                tree.attributes[leaf] = try await source.fetchCategoryAttributes(
                    leaf: leaf,
                    settings: account,
                    client: client
                )
            } catch {
                guard error.code != .unreachable else { throw error }
                unfetched.append(.init(path: tree.path(of: leaf) ?? leaf, reason: error.message))
            }
        }
        var report = CategorySyncReport(
            marketplace: id,
            categories: tree.nodes.count,
            leaves: tree.nodes.count { $0.isLeaf },
            previous: old?.fetched,
            drift: nil,
            affected: [],
            leavesInUse: productsByLeaf.count,
            unfetched: unfetched
        )
        if let old {
            report.gained = Self.gainedAttributes(
                from: old,
                to: tree,
                productsByLeaf: productsByLeaf,
                map: now.attributeMap
            )
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
                    // A renumbered leaf is followed by a path, a moved one by its id; a vanished one by neither.
                    let moved = drift.moved.contains { $0.id == oldID }
                    let newID = moved ? oldID : drift.renumbered.first { $0.oldID == oldID }?.newID
                    report.affected.append(
                        CategorySyncReport.AffectedProduct(
                            code: product.code.rawValue,
                            path: old.path(of: oldID) ?? oldID,
                            oldID: oldID,
                            newID: newID,
                            follows: newID != nil && CategoryTree.isPath(written) != moved
                        )
                    )
                }
            }
        }
        try database.saveCategoryTree(tree)
        return report
    }

    /// The mandatory attributes each leaf in use asks for in `new` and did not in `old` (a leaf matched by its
    /// path, so that a renumbered one is compared too), with the products in it.
    static func gainedAttributes(
        from old: CategoryTree,
        to new: CategoryTree,
        productsByLeaf: [String: [String]],
        map: CategoryAttributeMap?
    ) -> [CategorySyncReport.GainedAttribute] {
        productsByLeaf.keys.sorted().flatMap { leaf -> [CategorySyncReport.GainedAttribute] in
            guard let path = new.path(of: leaf), let oldLeaf = old.leafID(atPath: path),
                let before = old.attributes[oldLeaf], let after = new.attributes[leaf]
            else { return [] }
            let had = Set(before.filter(\.isMandatory).map(\.key))
            return after.filter { $0.isMandatory && !had.contains($0.key) }.map { attribute in
                CategorySyncReport.GainedAttribute(
                    path: path,
                    attribute: attribute.name,
                    key: attribute.key,
                    column: map?.entry(for: attribute)?.from?.column.rawValue,
                    codes: productsByLeaf[leaf] ?? []
                )
            }
        }
    }
}
