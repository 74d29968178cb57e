/// One product as one marketplace sees it: an id and ordered attributes, in the marketplace's own names.
///
/// Marketplace-neutral: an attribute may repeat (`additional_image_link`) and may be a group of attributes
/// (`shipping`, `product_detail`). Writers turn it into XML or JSON; readers turn feed files back into it,
/// so the same rules check what we export and what someone else wrote.
public struct Listing: Hashable, Sendable {
    /// The item id (the product code, for our own feeds).
    public var id: String
    /// The attributes in feed order.
    public var attributes: [Attribute]

    /// Creates a listing.
    public init(id: String, attributes: [Attribute] = []) {
        self.id = id
        self.attributes = attributes
        // Room for a listing's usual few dozen attributes, so that adding them does not regrow the array.
        if attributes.isEmpty { self.attributes.reserveCapacity(32) }
    }

    /// Every text value of the top-level attribute `name`.
    public func values(_ name: String) -> [String] {
        self.attributes.compactMap { $0.name == name ? $0.value.text : nil }
    }

    /// The first text value of `name`.
    public func value(_ name: String) -> String? {
        self.attributes.first { $0.name == name }?.value.text
    }

    /// Appends `text` under `name` when there is one.
    public mutating func add(_ name: String, _ text: String?) {
        guard let text, !text.isEmpty else { return }
        self.attributes.append(Attribute(name, .text(text)))
    }

    /// Appends a group.
    public mutating func add(_ name: String, group: [Attribute]) {
        self.attributes.append(Attribute(name, .group(group)))
    }
}

/// A named value of a listing.
public struct Attribute: Hashable, Sendable {
    /// The marketplace's attribute name (`title`, `image_link`, `shipping`).
    public var name: String
    public var value: Value

    /// A text, or a group of attributes.
    public enum Value: Hashable, Sendable {
        case text(String)
        case group([Attribute])

        /// The text, when this is one.
        public var text: String? {
            if case .text(let text) = self { return text }
            return nil
        }
    }

    /// Creates an attribute.
    public init(_ name: String, _ value: Value) {
        self.name = name
        self.value = value
    }

    /// Creates a text attribute.
    public static func text(_ name: String, _ text: String) -> Attribute { Attribute(name, .text(text)) }
}
