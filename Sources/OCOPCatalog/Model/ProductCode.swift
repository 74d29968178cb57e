/// A product's stable code: the offer id or SKU on every marketplace.
///
/// ASCII letters, digits, `-` and `_`, 1 to 50 characters. Invalid codes cannot be represented.
public struct ProductCode: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// The longest code marketplaces accept as an offer id everywhere we publish.
    public static let maximumLength = 50

    /// The code's text.
    public let rawValue: String

    /// Validates a code; returns `nil` when it is empty, too long, or has other characters.
    public init?(_ text: String) {
        guard (1...Self.maximumLength).contains(text.utf8.count),
            text.utf8.allSatisfy({ byte in
                switch byte {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                    UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"):
                    true
                default:
                    false
                }
            })
        else { return nil }
        self.rawValue = text
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let code = ProductCode(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "bad code"))
        }
        self = code
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(self.rawValue)
    }

    public static func < (lhs: ProductCode, rhs: ProductCode) -> Bool { lhs.rawValue < rhs.rawValue }

    public var description: String { self.rawValue }
}
