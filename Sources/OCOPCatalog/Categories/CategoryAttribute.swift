/// An attribute a marketplace's leaf category asks of the products in it (origin, shelf life, brand…), as its
/// category-attributes call lists it: what the payload names it, what people see, whether it is mandatory and
/// the values it takes.
public struct CategoryAttribute: Hashable, Sendable, Codable {
    /// One of the values an attribute lists.
    public struct Option: Hashable, Sendable, Codable {
        /// The marketplace's id for the value (Shopee's `value_id`, TikTok Shop's value `id`); empty when it
        /// gives none.
        public var id: String
        /// The value as people see it (Vietnamese where the marketplace gives it).
        public var name: String
        /// The value's English name, where the marketplace gives a second one (Lazada's `en_name`, which is
        /// what its payloads take).
        public var englishName: String?

        /// Creates an option.
        public init(id: String, name: String, englishName: String? = nil) {
            self.id = id
            self.name = name
            self.englishName = englishName
        }
    }

    /// What the payload names the attribute: Lazada's attribute `name` (`shelf_life`), Tiki's `code`,
    /// Shopee's `attribute_id`, TikTok Shop's attribute `id`.
    public var key: String
    /// The attribute as the marketplace shows it (`Hạn sử dụng`); its key when it gives no other name.
    public var name: String
    /// Its name in English too, where the marketplace gives one (matched by the attribute map as well).
    public var englishName: String?
    /// Whether the marketplace refuses a product in the category without it.
    public var isMandatory: Bool
    /// The values it lists; empty when it takes any text, or when it lists them only through a search of its own
    /// (``acceptsOtherValues`` false).
    public var options: [Option]
    /// Whether a value outside ``options`` is taken.
    public var acceptsOtherValues: Bool
    /// What kind of value it takes, where the marketplace says (a number or a date refuses other text);
    /// `nil` for text. Optional, so that attributes kept by an earlier version still read.
    public var valueKind: ValueKind?
    /// The units a number may be given in (Shopee's `attribute_unit_list`), the value then sent with one.
    public var units: [String]?

    /// The kinds of value an attribute may demand beyond text.
    public enum ValueKind: String, Hashable, Sendable, Codable {
        case number, date
    }

    /// Creates an attribute; by default one that takes any text when it lists no values, and only its listed
    /// values when it lists some.
    public init(
        key: String,
        name: String,
        englishName: String? = nil,
        isMandatory: Bool,
        options: [Option] = [],
        acceptsOtherValues: Bool? = nil,
        valueKind: ValueKind? = nil,
        units: [String]? = nil
    ) {
        self.key = key
        self.name = name
        self.englishName = englishName
        self.isMandatory = isMandatory
        self.options = options
        self.acceptsOtherValues = acceptsOtherValues ?? options.isEmpty
        self.valueKind = valueKind
        self.units = units
    }

    /// The names the attribute map may know it by: its shown name, its English name and its key.
    public var names: [String] { [self.name] + (self.englishName.map { [$0] } ?? []) + [self.key] }
}
