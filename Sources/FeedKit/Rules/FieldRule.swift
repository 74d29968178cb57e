public import OCOPCatalog

/// How bad a finding is: an error holds the item back; a warning is reported and the item goes out.
public enum Severity: String, Hashable, Sendable, Codable {
    case error
    case warning
}

/// A rule for one attribute (`title`, or a group member such as `shipping.country`), read from a mapping.
public struct FieldRule: Hashable, Sendable, Decodable {
    /// The attribute, dotted for a member of a group.
    public var attribute: String
    public var required: Bool
    /// The longest value in characters (Unicode scalars of the NFC text).
    public var maxLength: Int?
    /// The shortest value in characters (some marketplaces want titles of at least 25).
    public var minLength: Int?
    /// The most values the attribute may repeat.
    public var maxCount: Int?
    /// The only values allowed.
    public var allowed: [String]?
    /// A regular expression the whole value must match.
    public var pattern: String?
    /// A format the value must have.
    public var format: ValueFormat?
    public var severity: Severity
    /// The catalogue column that fills the attribute, so a finding can name what the person writes
    /// (`Lazada cần Dài (cm) (package_length)`); `nil` when no one column does.
    public var column: CatalogColumn?

    private enum CodingKeys: String, CodingKey {
        case attribute, required, pattern, format, severity, column
        case maxLength = "max_length"
        case minLength = "min_length"
        case maxCount = "max_count"
        case allowed = "enum"
    }

    /// Creates a rule.
    public init(
        attribute: String,
        required: Bool = false,
        maxLength: Int? = nil,
        minLength: Int? = nil,
        maxCount: Int? = nil,
        allowed: [String]? = nil,
        pattern: String? = nil,
        format: ValueFormat? = nil,
        severity: Severity = .error,
        column: CatalogColumn? = nil
    ) {
        self.column = column
        self.attribute = attribute
        self.required = required
        self.maxLength = maxLength
        self.minLength = minLength
        self.maxCount = maxCount
        self.allowed = allowed
        self.pattern = pattern
        self.format = format
        self.severity = severity
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.attribute = try container.decode(String.self, forKey: .attribute)
        self.required = try container.decodeIfPresent(Bool.self, forKey: .required) ?? false
        self.maxLength = try container.decodeIfPresent(Int.self, forKey: .maxLength)
        self.minLength = try container.decodeIfPresent(Int.self, forKey: .minLength)
        self.maxCount = try container.decodeIfPresent(Int.self, forKey: .maxCount)
        self.allowed = try container.decodeIfPresent([String].self, forKey: .allowed)
        self.pattern = try container.decodeIfPresent(String.self, forKey: .pattern)
        self.format = try container.decodeIfPresent(ValueFormat.self, forKey: .format)
        self.severity = try container.decodeIfPresent(Severity.self, forKey: .severity) ?? .error
        if let name = try container.decodeIfPresent(String.self, forKey: .column) {
            guard let column = CatalogColumn(rawValue: name) else {
                throw DecodingError.dataCorruptedError(
                    forKey: .column,
                    in: container,
                    debugDescription: "\"\(name)\" is not a catalogue column (such as length_cm or stock)"
                )
            }
            self.column = column
        }
    }
}

/// Rules that look at several attributes at once, named in a mapping's `checks:`.
public enum CrossFieldCheck: String, Hashable, Sendable, Decodable {
    /// Without a GTIN and without an MPN, `identifier_exists` must say `no`.
    case identifierExists = "identifier_exists"
    /// `sale_price` must be below `price`, in the same currency.
    case salePriceBelowPrice = "sale_price_below_price"
    /// The description must not just repeat the title.
    case descriptionDiffersFromTitle = "description_differs_from_title"
    /// A product needs a brand unless it has a GTIN or an MPN.
    case brandOrIdentifier = "brand_or_identifier"
}
