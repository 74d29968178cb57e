public import Foundation
public import OCOPCatalog
import Yams

/// The attribute map (`Mappings/category-attributes.yaml`): how the catalogue fills the attributes a
/// marketplace's leaf category asks for. An attribute is matched by its name as the marketplace shows it, its
/// English name or its key, case, accents and spacing forgiven; the first entry naming it fills it.
public struct CategoryAttributeMap: Sendable {
    /// One line of the map: the names an attribute goes by, and what fills it.
    public struct Entry: Sendable, Hashable, Decodable {
        /// The marketplace's names for the attribute (`Xuất xứ`, `Country of Origin`, `origin`).
        public var names: [String]
        /// What in the catalogue fills it, when a column does.
        public var from: Source?
        /// The text itself, when no column does.
        public var value: String?

        /// An entry in code (tests, tools).
        public init(names: [String], from: Source? = nil, value: String? = nil) {
            self.names = names
            self.from = from
            self.value = value
        }
    }

    /// What in the catalogue fills an attribute.
    public enum Source: String, Sendable, Hashable, Decodable, CaseIterable {
        /// The shop's country (`shop.country`), or the product's province where the marketplace lists provinces.
        case origin
        /// The brand column (the producer's name when empty).
        case brand
        /// The shelf life column, as written (`12 tháng`).
        case shelfLife = "shelf_life"
        /// The ingredients column.
        case ingredients
        /// The storage column.
        case storage
        /// The net quantity column (`500 g`).
        case netQuantity = "net_quantity"
        /// The weight column, in grams.
        case weightGrams = "weight_grams"
        /// The producer's province.
        case province
        /// The producer's name.
        case producer

        /// The catalogue column that holds it, for the person to fill.
        public var column: CatalogColumn {
            switch self {
            case .origin, .province: .province
            case .brand: .brand
            case .shelfLife: .shelfLife
            case .ingredients: .ingredients
            case .storage: .storage
            case .netQuantity: .netQuantity
            case .weightGrams: .weightGrams
            case .producer: .producer
            }
        }
    }

    /// Each entry's names folded, in order, so that matching does no Unicode work per name.
    private let folded: [(names: Set<String>, entry: Entry)]

    /// A map of `entries`.
    public init(entries: [Entry]) {
        self.folded = entries.map { (Set($0.names.map(\.foldedHeading)), $0) }
    }

    /// The entry that fills `attribute`, by any of its names.
    public func entry(for attribute: CategoryAttribute) -> Entry? {
        let names = attribute.names.map(\.foldedHeading)
        return self.folded.first { line in names.contains { line.names.contains($0) } }?.entry
    }

    /// Loads the map at `url`; a line that names neither a column nor a value is refused, naming the line.
    public static func load(from url: URL) throws(FeedError) -> CategoryAttributeMap {
        struct File: Decodable { var attributes: [Entry] }
        let file: File
        do {
            file = try YAMLDecoder().decode(File.self, from: String(contentsOf: url, encoding: .utf8))
        } catch {
            let line = "\(error)".split(whereSeparator: \.isNewline).first.map(String.init) ?? "not valid YAML"
            throw FeedError(
                .mapping,
                "\(url.lastPathComponent): not an attribute map (attributes: a list of { names, from } lines; "
                    + "from is one of \(Source.allCases.map(\.rawValue).joined(separator: ", "))): \(line)"
            )
        }
        if let index = file.attributes.firstIndex(where: { ($0.from == nil) == ($0.value == nil) || $0.names.isEmpty })
        {
            throw FeedError(
                .mapping,
                "\(url.lastPathComponent): line \(index + 1) under attributes: needs names and exactly one of from or value"
            )
        }
        return CategoryAttributeMap(entries: file.attributes)
    }
}
