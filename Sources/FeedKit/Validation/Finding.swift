public import Groundwork

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
    /// One line a person can act on, in English (the report's `message`).
    public var message: String
    /// The same line in each language.
    public var text: LocalizedText
    /// The offending value, when there is one.
    public var value: String?

    /// Creates a finding whose message reads the same in every language (a schema's own words).
    public init(
        item: String,
        attribute: String,
        rule: String,
        severity: Severity,
        message: String,
        value: String? = nil
    ) {
        self.init(
            item: item,
            attribute: attribute,
            rule: rule,
            severity: severity,
            text: LocalizedText(verbatim: message),
            value: value
        )
    }

    /// Creates a finding from the message catalogue.
    public init(
        item: String,
        attribute: String,
        rule: String,
        severity: Severity,
        text: LocalizedText,
        value: String? = nil
    ) {
        self.item = item
        self.attribute = attribute
        self.rule = rule
        self.severity = severity
        self.message = text.english
        self.text = text
        self.value = value
    }

    /// Reads a finding from a report; its message is the report's (English) words.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            item: try container.decode(String.self, forKey: .item),
            attribute: try container.decode(String.self, forKey: .attribute),
            rule: try container.decode(String.self, forKey: .rule),
            severity: try container.decode(Severity.self, forKey: .severity),
            message: try container.decode(String.self, forKey: .message),
            value: try container.decodeIfPresent(String.self, forKey: .value)
        )
    }

    /// Findings are the same when their reports say the same: the message in other languages follows from it.
    public static func == (left: Finding, right: Finding) -> Bool {
        left.item == right.item && left.attribute == right.attribute && left.rule == right.rule
            && left.severity == right.severity && left.message == right.message && left.value == right.value
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(self.item)
        hasher.combine(self.attribute)
        hasher.combine(self.rule)
        hasher.combine(self.message)
        hasher.combine(self.value)
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
