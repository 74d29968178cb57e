/// One thing wrong (or worth a warning) with one item of a feed.
public struct Finding: Hashable, Sendable, Codable {
    /// The item id (or `#N` for an item without one, or `feed` for the file as a whole).
    public var item: String
    /// The attribute, dotted for a group member (`shipping.country`).
    public var attribute: String
    /// The rule broken: `required`, `min_length`, `max_length`, `enum`, `pattern`, `format`, `max_count`, `schema`,
    /// `namespace`, a cross-field check's name, or an OCOP rule (`certificate`, `physical_goods`).
    public var rule: String
    public var severity: Severity
    /// One line a person can act on.
    public var message: String
    /// The offending value, when there is one.
    public var value: String?

    /// Creates a finding.
    public init(
        item: String,
        attribute: String,
        rule: String,
        severity: Severity,
        message: String,
        value: String? = nil
    ) {
        self.item = item
        self.attribute = attribute
        self.rule = rule
        self.severity = severity
        self.message = message
        self.value = value
    }

    private enum CodingKeys: String, CodingKey {
        case item, attribute, rule, severity, message, value
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(self.item, forKey: .item)
        try container.encode(self.attribute, forKey: .attribute)
        try container.encode(self.rule, forKey: .rule)
        try container.encode(self.severity, forKey: .severity)
        try container.encode(self.message, forKey: .message)
        try container.encode(self.value, forKey: .value)  // null when absent: the shape stays stable
    }
}
