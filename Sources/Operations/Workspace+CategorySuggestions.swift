import BuiltinMappings
public import FeedKit
public import Foundation
public import OCOPCatalog

/// What `ocop categories suggest` found for one marketplace: each kind of product asked about, with the leaves
/// of the marketplace's synced tree that best agree with it.
public struct CategorySuggestionReport: Sendable {
    /// One kind and its best leaves.
    public struct Entry: Sendable {
        public var kind: ProductKind
        /// The id of the leaf the mapping gives most of its products now (``ProductKind/current`` resolved
        /// through the tree); `nil` when none, or when that category is no leaf of the tree.
        public var currentID: String?
        /// What its products get now as people read it: the leaf's path in the tree, else the category as the
        /// mapping writes it (``ProductKind/current``).
        public var currentPath: String?
        /// Best first; empty when no leaf shares a word with the kind.
        public var suggestions: [CategorySuggestion]

        /// Whether the best leaf is the one its products are given now: a rule for it would change nothing but
        /// say so.
        public var bestIsCurrent: Bool { self.currentID != nil && self.suggestions.first?.id == self.currentID }
    }

    /// The marketplace id.
    public var marketplace: String
    /// When the tree the leaves come from was synced.
    public var fetched: Date
    /// Set when the tree is older than `category_tree_max_age` allows: its leaves may have moved since, and
    /// publishing holds every product back until the next sync.
    public var stale: StaleCategoryTree?
    /// Whether every kind was asked about (`--all`), not only those with no mapping.
    public var everyKind: Bool
    /// The kinds, most products first.
    public var entries: [Entry]
}

extension Workspace {
    /// The name of the synonyms file, in the mappings folder or built in.
    public static let categorySynonymsFile = "category-synonyms.yaml"

    /// The words `categories suggest` knows: `category-synonyms.yaml` in the mappings folder when there is one
    /// there, else the built-in copy.
    public func categoryVocabulary() throws(FeedError) -> CategoryVocabulary {
        if let folder = self.mappingsFolder {
            let mine = URL(fileURLWithPath: folder).appending(path: Self.categorySynonymsFile)
            if FileManager.default.fileExists(atPath: mine.path) { return try CategoryVocabulary.load(from: mine) }
        }
        guard let builtin = BuiltinMappings.url(forFile: Self.categorySynonymsFile) else {
            throw FeedError(
                .mapping,
                "the built-in \(Self.categorySynonymsFile) is missing beside the executable; use --mappings DIR"
            )
        }
        return try CategoryVocabulary.load(from: builtin)
    }

    /// `id`'s category tree as last synced, or `nil` when `ocop categories sync` never kept one.
    public func syncedCategoryTree(_ id: String) throws -> CategoryTree? {
        try self.openCatalog().categoryTree(for: id)
    }

    /// For each kind of the catalogue's products offered on `id` that its mapping in effect (`--mappings`, else
    /// built in) has no rule for (``ProductKind``), or every kind when `everyKind`, the `count` leaves of `tree`
    /// that best agree with it; the tree's age judged on `today`.
    public func suggestCategories(
        _ id: String,
        tree: CategoryTree,
        everyKind: Bool,
        count: Int = 3,
        today: CalendarDate
    ) throws -> CategorySuggestionReport {
        let (adapter, mapping) = try self.resolve(id)
        let vocabulary = try self.categoryVocabulary()
        var census = ProductKindCensus(marketplace: adapter.marketplace, mapping: mapping, vocabulary: vocabulary)
        try self.openCatalog().forEachProduct { census.add($0) }
        let suggester = CategorySuggester(tree: tree, vocabulary: vocabulary)
        let entries = census.kinds.filter { everyKind || $0.hasNoMapping }.map { kind in
            let currentID = kind.current.flatMap { CategoryTree.isPath($0) ? tree.leafID(atPath: $0) : $0 }
                .flatMap { tree.node($0)?.isLeaf == true ? $0 : nil }
            return CategorySuggestionReport.Entry(
                kind: kind,
                currentID: currentID,
                currentPath: currentID.flatMap { tree.path(of: $0) } ?? kind.current,
                suggestions: suggester.suggestions(for: kind, count: count)
            )
        }
        let days = CalendarDate(tree.fetched).days(until: today)
        let limit = try self.categoryTreeMaximumAge(id)
        return CategorySuggestionReport(
            marketplace: id,
            fetched: tree.fetched,
            stale: days > limit ? StaleCategoryTree(days: days, limit: limit) : nil,
            everyKind: everyKind,
            entries: entries
        )
    }
}
