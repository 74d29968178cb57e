/// A marketplace OCOP Connect publishes to, by its one spelling in commands, config keys and mapping files.
///
/// The core knows no marketplace by name: an id is any well-formed spelling (lowercase ASCII words joined by
/// `-`, such as `my-market`); which marketplaces exist is the adapter registry's to say.
public struct MarketplaceID: Hashable, Comparable, Sendable, Codable, CodingKeyRepresentable,
    CustomStringConvertible
{
    /// The id: kebab case.
    public let rawValue: String

    /// Returns `nil` for a spelling that is not kebab case: lowercase ASCII letters and digits in words
    /// joined by single `-`, starting with a letter, at most 40 characters.
    public init?(_ id: String) {
        guard Self.isWellFormed(id) else { return nil }
        self.rawValue = id
    }

    /// The name people call the marketplace by (`TikTok Shop`), for messages; the id for one we do not know.
    public var displayName: String {
        let known = [
            "google-merchant": "Google Merchant", "meta-catalog": "Meta", "woocommerce": "WooCommerce",
            "shopee": "Shopee", "lazada": "Lazada", "tiktok-shop": "TikTok Shop", "tiki": "Tiki",
        ]
        return known[self.rawValue] ?? self.rawValue
    }

    /// Whether `id` is a well-formed marketplace id.
    public static func isWellFormed(_ id: String) -> Bool {
        let bytes = Array(id.utf8)
        guard let first = bytes.first, (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(first), bytes.count <= 40,
            bytes.last != UInt8(ascii: "-")
        else { return false }
        var previous: UInt8 = 0
        for byte in bytes {
            let isWordCharacter =
                (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
            guard isWordCharacter || (byte == UInt8(ascii: "-") && previous != UInt8(ascii: "-")) else { return false }
            previous = byte
        }
        return true
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let id = MarketplaceID(text) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "not a marketplace id: \(text)")
            )
        }
        self = id
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(self.rawValue)
    }

    /// Encodes a dictionary keyed by marketplace as a JSON object (not as an array of pairs).
    public var codingKey: any CodingKey { AnyCodingKey(self.rawValue) }

    public init?<T: CodingKey>(codingKey: T) {
        self.init(codingKey.stringValue)
    }

    public static func < (lhs: MarketplaceID, rhs: MarketplaceID) -> Bool { lhs.rawValue < rhs.rawValue }

    public var description: String { self.rawValue }
}

/// A coding key made from a string.
private struct AnyCodingKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(_ string: String) { self.stringValue = string }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}
