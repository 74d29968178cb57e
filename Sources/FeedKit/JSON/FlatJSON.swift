public import Groundwork
import OCOPCatalog

/// The plain JSON shape of a listing, keyed by feed names: a repeated attribute becomes an array, a group an
/// object, as batch APIs that take feed attributes as JSON use it.
public enum FlatJSON {
    /// The object for `attributes`, in first-appearance order.
    public static func encode(_ attributes: [Attribute]) -> JSONValue {
        var order: [String] = []
        var values: [String: [JSONValue]] = [:]
        for attribute in attributes {
            if values[attribute.name] == nil { order.append(attribute.name) }
            let value: JSONValue =
                switch attribute.value {
                case .text(let text): .string(text)
                case .group(let members): Self.encode(members)
                }
            values[attribute.name, default: []].append(value)
        }
        return .object(
            order.map { name in
                let all = values[name]!
                return (name, all.count == 1 ? all[0] : .array(all))
            }
        )
    }

    /// The attributes of an object: arrays repeat their name, objects become groups.
    public static func decode(_ value: JSONValue) -> [Attribute] {
        guard case .object(let members) = value else { return [] }
        var attributes: [Attribute] = []
        for (name, member) in members {
            switch member {
            case .array(let elements):
                for element in elements { attributes += Self.attribute(name, element) }
            default:
                attributes += Self.attribute(name, member)
            }
        }
        return attributes
    }

    private static func attribute(_ name: String, _ value: JSONValue) -> [Attribute] {
        switch value {
        case .null: []
        case .bool(let flag): [.text(name, flag ? "true" : "false")]
        case .number(let text), .string(let text): [.text(name, text)]
        case .object: [Attribute(name, .group(Self.decode(value)))]
        case .array(let elements): elements.flatMap { Self.attribute(name, $0) }
        }
    }
}
