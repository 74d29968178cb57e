/// The attributes a listing's leaf category asks for, as the listing carries them: one `leaf_attribute` group
/// per attribute, with the marketplace's `key`, the `value` as text and, for a value the marketplace lists, its
/// `value_id`. Each adapter writes them into its own payload shape and reads them back from it.
public struct LeafAttribute: Hashable, Sendable {
    /// The listing attribute holding each group.
    public static let groupName = "leaf_attribute"

    /// What the payload names the attribute (``CategoryAttribute/key``).
    public var key: String
    /// The value as text (for a listed value, the name the marketplace's payloads take).
    public var value: String
    /// The listed value's id, when it is one the marketplace lists with an id.
    public var valueID: String?
    /// The unit of a number, where the attribute takes one (`g`).
    public var unit: String?

    /// Creates one.
    public init(key: String, value: String, valueID: String? = nil, unit: String? = nil) {
        self.key = key
        self.value = value
        self.valueID = valueID
        self.unit = unit
    }

    /// The group a listing carries.
    public var attribute: Attribute {
        Attribute(
            Self.groupName,
            .group(
                [.text("key", self.key), .text("value", self.value)]
                    + (self.valueID.map { [.text("value_id", $0)] } ?? [])
                    + (self.unit.map { [.text("value_unit", $0)] } ?? [])
            )
        )
    }
}

extension Listing {
    /// The leaf attributes the listing carries, in order.
    public var leafAttributes: [LeafAttribute] {
        self.attributes.compactMap { attribute in
            guard attribute.name == LeafAttribute.groupName, case .group(let members) = attribute.value else {
                return nil
            }
            func member(_ name: String) -> String? { members.first { $0.name == name }?.value.text }
            guard let key = member("key") else { return nil }
            return LeafAttribute(
                key: key,
                value: member("value") ?? "",
                valueID: member("value_id"),
                unit: member("value_unit")
            )
        }
    }

    /// Appends `attribute` as a group.
    public mutating func add(_ attribute: LeafAttribute) { self.attributes.append(attribute.attribute) }
}
