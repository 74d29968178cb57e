public import Foundation
public import OCOPCatalog
import Yams

/// One marketplace's declarative data (`Mappings/<marketplace>.yaml`): how OCOP products map onto its
/// categories and values, what it fills in by default, and the field rules it enforces.
///
/// Editable without recompiling; a user points `--mappings DIR` at their own copy.
public struct Mapping: Sendable {
    /// A line of the category map: products matching it get `category`. The first match wins.
    public struct CategoryRule: Sendable, Decodable, Hashable {
        /// Words looked for in the product's sub-group and name (case and accents as written, NFC).
        public var keywords: [String]?
        /// The OCOP group the product must be in (`food`, `drinks`…).
        public var group: String?
        /// The marketplace's category: its leaf id, or its path of names (`Thực Phẩm và Đồ Uống > Đồ uống >
        /// Cà phê`), resolved through the synced ``categoryTree``.
        public var category: String

        /// A rule in code (tests, tools).
        public init(keywords: [String]? = nil, group: String? = nil, category: String) {
            self.keywords = keywords
            self.group = group
            self.category = category
        }
    }

    /// The marketplace id, as its adapter spells it.
    public var marketplace: String
    /// The category map, in order.
    public let categories: [CategoryRule]
    /// Value maps per attribute: our value → the marketplace's spelling (`in_stock` → `in stock`).
    public var values: [String: [String: String]]
    /// Values for attributes the catalogue does not hold (`condition: new`).
    public var defaults: [String: String]
    /// The marketplace's field rules.
    public var rules: [FieldRule]
    /// Named rules across several attributes (see ``CrossFieldCheck``).
    public var checks: [CrossFieldCheck]
    /// The taxonomy an attribute's values must come from (`google_product_category` in Google's), when the
    /// mapping names one (`taxonomy: { file: …, attribute: … }`, the file beside the mapping).
    public var taxonomy: TaxonomyCheck?

    /// An attribute whose every value must be a category of a published taxonomy.
    public struct TaxonomyCheck: Sendable, Hashable {
        /// The attribute checked.
        public var attribute: String
        /// The taxonomy it must come from.
        public var taxonomy: ProductTaxonomy

        /// A check of `attribute` against `taxonomy`.
        public init(attribute: String, taxonomy: ProductTaxonomy) {
            self.attribute = attribute
            self.taxonomy = taxonomy
        }
    }
    /// The listing attribute that carries the category, for a marketplace whose categories come from its own
    /// tree (`category_attribute:`): such a category must be a leaf of the synced tree, or the item is held
    /// back.
    public var categoryAttribute: String?
    /// How the catalogue fills the attributes the tree's leaves ask for (`attribute_map:`, a file beside the
    /// mapping), where the marketplace's leaves have attributes of their own.
    public var attributeMap: CategoryAttributeMap? {
        didSet { self.leafAttributePlan = LeafAttributePlan(tree: self.categoryTree, map: self.attributeMap) }
    }
    /// The marketplace's tree as `ocop categories sync` last kept it, through which paths of names resolve.
    public var categoryTree: CategoryTree? {
        didSet { self.leafAttributePlan = LeafAttributePlan(tree: self.categoryTree, map: self.attributeMap) }
    }
    /// What fills each leaf's attributes, kept in step with ``categoryTree`` and ``attributeMap``.
    private(set) var leafAttributePlan = LeafAttributePlan(tree: nil, map: nil)
    /// Set when ``categoryTree`` is older than the account allows: nothing is resolved or judged through it.
    public var staleCategoryTree: StaleCategoryTree?
    /// The category map made ready to match products against.
    private let keywords: CategoryKeywords

    /// Creates a mapping in code (tests, tools); files go through ``load(from:)``.
    public init(
        marketplace: String,
        categories: [CategoryRule] = [],
        values: [String: [String: String]] = [:],
        defaults: [String: String] = [:],
        rules: [FieldRule] = [],
        checks: [CrossFieldCheck] = [],
        taxonomy: TaxonomyCheck? = nil,
        categoryAttribute: String? = nil,
        attributeMap: CategoryAttributeMap? = nil
    ) {
        self.attributeMap = attributeMap
        self.leafAttributePlan = LeafAttributePlan(tree: nil, map: attributeMap)
        self.taxonomy = taxonomy
        self.marketplace = marketplace
        self.categories = categories
        self.values = values
        self.defaults = defaults
        self.rules = rules
        self.checks = checks
        self.categoryAttribute = categoryAttribute
        self.keywords = CategoryKeywords(categories)
    }

    /// Loads and checks a mapping file. A file it names (a taxonomy) is found by `finding`: beside the mapping
    /// unless the caller knows better (a user's mappings folder falls back to the built-in copy).
    public static func load(
        from url: URL,
        finding: (String) -> URL? = { _ in nil }
    ) throws(FeedError) -> Mapping {
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw FeedError(.mapping, "\(url.path): cannot read the mapping file")
        }
        let file: File
        do {
            file = try YAMLDecoder().decode(File.self, from: text)
        } catch let error as DecodingError {
            throw FeedError(.mapping, "\(url.lastPathComponent): \(Self.describe(error))")
        } catch {
            let line = "\(error)".split(whereSeparator: \.isNewline).first.map(String.init) ?? "not valid YAML"
            throw FeedError(.mapping, "\(url.lastPathComponent): \(line)")
        }
        let taxonomy = try file.taxonomy.map { (named) throws(FeedError) in
            TaxonomyCheck(
                attribute: named.attribute,
                taxonomy: try ProductTaxonomy(
                    contentsOf: finding(named.file) ?? url.deletingLastPathComponent().appending(path: named.file)
                )
            )
        }
        let attributeMap = try file.attributeMap.map { (name) throws(FeedError) in
            try CategoryAttributeMap.load(
                from: finding(name) ?? url.deletingLastPathComponent().appending(path: name)
            )
        }
        let mapping = Mapping(
            marketplace: file.marketplace,
            categories: file.categories ?? [],
            values: file.values ?? [:],
            defaults: file.defaults ?? [:],
            rules: file.rules ?? [],
            checks: file.checks ?? [],
            taxonomy: taxonomy,
            categoryAttribute: file.categoryAttribute,
            attributeMap: attributeMap
        )
        // The category map's own ids are checked once here: a typo in it would hold back every product it maps.
        if let taxonomy, let unknown = mapping.categories.first(where: { !taxonomy.taxonomy.contains($0.category) }) {
            throw FeedError(
                .mapping,
                "\(url.lastPathComponent): category \"\(unknown.category)\" is not in the taxonomy "
                    + "(version \(taxonomy.taxonomy.version)) that \(taxonomy.attribute) takes"
            )
        }
        for rule in mapping.rules {
            if let pattern = rule.pattern, (try? Regex(pattern)) == nil {
                throw FeedError(
                    .mapping,
                    "\(url.lastPathComponent): rule for \(rule.attribute): bad pattern \(pattern)"
                )
            }
        }
        return mapping
    }

    private struct File: Decodable {
        var marketplace: String
        var categories: [CategoryRule]?
        var values: [String: [String: String]]?
        var defaults: [String: String]?
        var rules: [FieldRule]?
        var checks: [CrossFieldCheck]?
        var taxonomy: NamedTaxonomy?
        var categoryAttribute: String?
        var attributeMap: String?

        enum CodingKeys: String, CodingKey {
            case marketplace, categories, values, defaults, rules, checks, taxonomy
            case categoryAttribute = "category_attribute"
            case attributeMap = "attribute_map"
        }
    }

    /// `taxonomy: { file: google-product-taxonomy-with-ids.en-US.txt, attribute: google_product_category }`.
    private struct NamedTaxonomy: Decodable {
        var file: String
        var attribute: String
    }

    private static func describe(_ error: DecodingError) -> String {
        switch error {
        case .keyNotFound(let key, let context):
            return "\(Self.path(context.codingPath + [key])): required"
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            return "\(Self.path(context.codingPath)): \(context.debugDescription)"
        @unknown default:
            return "not a mapping file"
        }
    }

    private static func path(_ keys: [any CodingKey]) -> String {
        keys.reduce("") { path, key in
            if let index = key.intValue { return path + "[\(index)]" }
            return path.isEmpty ? key.stringValue : path + "." + key.stringValue
        }
    }

    /// The category for a product: its override for this marketplace, else the first matching rule.
    public func category(group: String, subgroup: String?, name: String, override: String?) -> String? {
        if let override { return override }
        return self.keywords.category(group: group, text: "\(subgroup ?? "") \(name)")
    }

    /// The category of `product` on `marketplace`: the catalogue's override for it, else the first rule
    /// matching the product's group, sub-group and name; a path of names becomes its leaf's id through the
    /// synced ``categoryTree`` (left as written when it does not resolve, for the validator to name).
    public func category(for product: Product, on marketplace: MarketplaceID) -> String? {
        let category = self.category(
            group: product.group.rawValue,
            subgroup: product.subgroup,
            name: product.name,
            override: product.categoryOverrides[marketplace]
        )
        guard let category, CategoryTree.isPath(category), let tree = self.categoryTree else { return category }
        return tree.leafID(atPath: category) ?? category
    }

    /// Our value in the marketplace's spelling (unchanged when the map does not name it).
    public func value(_ attribute: String, _ ours: String) -> String {
        self.values[attribute]?[ours] ?? ours
    }
}
