import Foundation

/// The part of JSON Schema a marketplace contract uses: types, properties and which are required, enums,
/// items, patterns, and length, count and value limits. Built from the contract's JSON; judges a request body the way
/// the marketplace's own validation does, one violation at a time in document order.
public struct JSONSchema: Hashable, Sendable {
    /// A JSON type as JSON Schema names it.
    public enum Kind: String, Hashable, Sendable, CaseIterable {
        case object, array, string, integer, number, boolean, null
    }

    /// The types a value may have; empty: any.
    public var kinds: [Kind]
    /// The members an object may have, in the contract's order.
    public var properties: [(name: String, schema: JSONSchema)]
    /// The members an object must have.
    public var required: [String]
    /// The only values allowed, when set.
    public var allowed: [JSONValue]?
    /// The schema every element of an array follows (none or one).
    private var itemSchemas: [JSONSchema]
    /// Limits on a string's characters, an array's elements and a number's value.
    public var minLength: Int?, maxLength: Int?, minItems: Int?, maxItems: Int?
    public var minimum: Double?, maximum: Double?
    /// A regular expression a string must match (for example an amount and its currency).
    public var pattern: String?
    /// Whether members outside `properties` are refused (`additionalProperties: false`), unless the contract's
    /// policy says otherwise for the whole API; `nil` when the schema does not say.
    public var additionalProperties: Bool?

    /// The schema every element of an array follows.
    public var items: JSONSchema? { self.itemSchemas.first }

    /// The schema `json` writes, or the first thing in it this subset does not read.
    public init(_ json: JSONValue, at path: String = "") throws(ContractError) {
        guard case .object(let members) = json else { throw ContractError("\(path): a schema must be an object") }
        let known: Set<String> = [
            "type", "properties", "required", "enum", "items", "minLength", "maxLength", "minItems", "maxItems",
            "minimum", "maximum", "additionalProperties", "description", "readOnly", "source", "pattern",
        ]
        if let unknown = members.first(where: { !known.contains($0.0) }) {
            throw ContractError("\(path): \"\(unknown.0)\" is not a schema keyword this contract reader knows")
        }
        switch json["type"] {
        case nil: self.kinds = []
        case .string(let name)?: self.kinds = [try Self.kind(name, at: path)]
        case .array(let names)?:
            self.kinds = try names.map { name throws(ContractError) in
                try Self.kind(name.text ?? name.serialized, at: path)
            }
        default: throw ContractError("\(path): type must be a name or a list of names")
        }
        var properties: [(name: String, schema: JSONSchema)] = []
        if case .object(let fields)? = json["properties"] {
            for (name, field) in fields {
                properties.append((name, try JSONSchema(field, at: path.isEmpty ? name : "\(path).\(name)")))
            }
        }
        self.properties = properties
        self.required = json["required"]?.elements.compactMap { $0.text } ?? []
        self.allowed = json["enum"]?.elements
        self.itemSchemas =
            try json["items"].map { items throws(ContractError) in
                [try JSONSchema(items, at: "\(path)[]")]
            } ?? []
        func integer(_ key: String) -> Int? { json[key]?.text.flatMap { Int($0) } }
        func number(_ key: String) -> Double? { json[key]?.text.flatMap { Double($0) } }
        (self.minLength, self.maxLength) = (integer("minLength"), integer("maxLength"))
        (self.minItems, self.maxItems) = (integer("minItems"), integer("maxItems"))
        (self.minimum, self.maximum) = (number("minimum"), number("maximum"))
        self.pattern = json["pattern"]?.text
        if case .bool(let additional)? = json["additionalProperties"] { self.additionalProperties = additional }
    }

    private static func kind(_ name: String, at path: String) throws(ContractError) -> Kind {
        guard let kind = Kind(rawValue: name) else { throw ContractError("\(path): \"\(name)\" is not a JSON type") }
        return kind
    }

    /// The schema of member `name`, when the object has one.
    public func property(_ name: String) -> JSONSchema? {
        self.properties.first { $0.name == name }?.schema
    }

    /// The first way `value` breaks this schema, with its path from `path`; `nil` when it follows it.
    /// `refusingUnknown` is the API's policy for members the schema does not name (a schema's own
    /// `additionalProperties` wins).
    public func violation(of value: JSONValue, at path: String = "", refusingUnknown: Bool) -> ContractViolation? {
        func violated(_ kind: ContractViolation.Kind) -> ContractViolation { ContractViolation(kind, at: path) }
        if !self.kinds.isEmpty, !self.kinds.contains(where: { Self.value(value, is: $0) }) {
            return violated(.wrongType(expected: self.kinds.map(\.rawValue)))
        }
        if let allowed = self.allowed, !allowed.contains(value) {
            return violated(.notAllowed(allowed.map { $0.text ?? $0.serialized }))
        }
        switch value {
        case .string(let text):
            // Lengths in code points, as JSON Schema counts them (a precomposed "ệ" is one).
            let length = text.unicodeScalars.count
            if let limit = self.minLength, length < limit { return violated(.tooShort(limit)) }
            if let limit = self.maxLength, length > limit { return violated(.tooLong(limit)) }
            if let pattern = self.pattern, text.range(of: pattern, options: .regularExpression) == nil {
                return violated(.mismatch(pattern))
            }
        case .number(let text):
            let number = Double(text) ?? 0
            if let limit = self.minimum, number < limit { return violated(.belowMinimum(limit)) }
            if let limit = self.maximum, number > limit { return violated(.aboveMaximum(limit)) }
        case .array(let elements):
            if let limit = self.minItems, elements.count < limit { return violated(.tooFew(limit)) }
            if let limit = self.maxItems, elements.count > limit { return violated(.tooMany(limit)) }
            if let items = self.items {
                for (index, element) in elements.enumerated() {
                    if let found = items.violation(
                        of: element,
                        at: "\(path)[\(index)]",
                        refusingUnknown: refusingUnknown
                    ) {
                        return found
                    }
                }
            }
        case .object(let members):
            return self.violation(ofMembers: members, at: path, refusingUnknown: refusingUnknown)
        case .null, .bool: break
        }
        return nil
    }

    private func violation(ofMembers members: [(String, JSONValue)], at path: String, refusingUnknown: Bool)
        -> ContractViolation?
    {
        func child(_ name: String) -> String { path.isEmpty ? name : "\(path).\(name)" }
        for name in self.required where !members.contains(where: { $0.0 == name }) {
            return ContractViolation(.missing, at: child(name))
        }
        let refuses = self.additionalProperties.map { !$0 } ?? refusingUnknown
        for (name, member) in members {
            guard let schema = self.property(name) else {
                // A schema that names no member is free-form unless it closes itself explicitly.
                if refuses, !self.properties.isEmpty || self.additionalProperties == false {
                    return ContractViolation(.unknown, at: child(name))
                }
                continue
            }
            if let found = schema.violation(of: member, at: child(name), refusingUnknown: refusingUnknown) {
                return found
            }
        }
        return nil
    }

    private static func value(_ value: JSONValue, is kind: Kind) -> Bool {
        switch (kind, value) {
        case (.object, .object), (.array, .array), (.string, .string), (.boolean, .bool), (.number, .number),
            (.null, .null):
            true
        // Written as a whole number: 1.0 and 1e3 are not integers here (JSON Schema would take them; the
        // marketplaces' typed parsers, Go's and proto3's, refuse them for an integer field).
        case (.integer, .number(let text)): !text.contains(where: { $0 == "." || $0 == "e" || $0 == "E" })
        default: false
        }
    }

    public static func == (lhs: JSONSchema, rhs: JSONSchema) -> Bool {
        lhs.kinds == rhs.kinds && lhs.properties.map(\.name) == rhs.properties.map(\.name)
            && zip(lhs.properties, rhs.properties).allSatisfy { $0.schema == $1.schema } && lhs.required == rhs.required
            && lhs.allowed == rhs.allowed && lhs.itemSchemas == rhs.itemSchemas && lhs.minLength == rhs.minLength
            && lhs.maxLength == rhs.maxLength && lhs.minItems == rhs.minItems && lhs.maxItems == rhs.maxItems
            && lhs.minimum == rhs.minimum && lhs.maximum == rhs.maximum && lhs.pattern == rhs.pattern
            && lhs.additionalProperties == rhs.additionalProperties
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(self.kinds)
        hasher.combine(self.properties.map(\.name))
        hasher.combine(self.required)
    }
}

/// One way a value breaks a contract: what and where (`skus[0].price.amount`).
public struct ContractViolation: Hashable, Sendable, CustomStringConvertible {
    /// What is wrong.
    public enum Kind: Hashable, Sendable {
        /// A member the contract does not name.
        case unknown
        /// A required member that is absent.
        case missing
        /// A value of another type than those given.
        case wrongType(expected: [String])
        /// A value outside the enum (its values given).
        case notAllowed([String])
        /// A string shorter or longer than the limit (code points), an array with fewer or more elements.
        case tooShort(Int), tooLong(Int), tooFew(Int), tooMany(Int)
        /// A string that does not match the pattern given.
        case mismatch(String)
        /// A number below or above the limit.
        case belowMinimum(Double), aboveMaximum(Double)
    }

    /// What is wrong.
    public var kind: Kind
    /// Where, from the body's root: members by name, elements by index.
    public var path: String

    /// Creates a violation.
    public init(_ kind: Kind, at path: String) {
        self.kind = kind
        self.path = path
    }

    /// The member's own name (the path's last name, indexes dropped).
    public var field: String {
        let last = self.path.split(separator: ".").last.map(String.init) ?? self.path
        return last.split(separator: "[").first.map(String.init) ?? last
    }

    /// What the contract expects there instead, in a few words (for messages of the form "Expected: …").
    public var expected: String {
        switch self.kind {
        case .unknown: "no such field"
        case .missing: "a value"
        case .wrongType(let expected): expected.joined(separator: " or ")
        case .notAllowed(let values): values.joined(separator: ", ")
        case .mismatch(let pattern): "text matching \(pattern)"
        case .tooShort(let limit): "at least \(limit) characters"
        case .tooLong(let limit): "at most \(limit) characters"
        case .tooFew(let limit): "at least \(limit) items"
        case .tooMany(let limit): "at most \(limit) items"
        case .belowMinimum(let limit): "at least \(Self.number(limit))"
        case .aboveMaximum(let limit): "at most \(Self.number(limit))"
        }
    }

    /// In plain words, the way the marketplaces' validators say it: the path, then `reason`.
    public var description: String { "\(self.path) \(self.reason)" }

    /// What is wrong, without the path ("is not one of NEW, USED").
    public var reason: String {
        switch self.kind {
        case .unknown: "is not a known field"
        case .missing: "is required"
        case .wrongType(let expected): "is not of type \(expected.joined(separator: ","))"
        case .notAllowed(let values): "is not one of \(values.joined(separator: ", "))"
        case .mismatch(let pattern): "does not match \(pattern)"
        case .tooShort(let limit): "is shorter than \(limit) characters"
        case .tooLong(let limit): "is longer than \(limit) characters"
        case .tooFew(let limit): "has fewer than \(limit) items"
        case .tooMany(let limit): "has more than \(limit) items"
        case .belowMinimum(let limit): "is below \(Self.number(limit))"
        case .aboveMaximum(let limit): "is above \(Self.number(limit))"
        }
    }

    private static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}

/// A contract file that cannot be read, with where.
public struct ContractError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What is wrong and where, in one line.
    public var description: String

    /// Creates an error.
    public init(_ description: String) {
        self.description = description
    }
}
