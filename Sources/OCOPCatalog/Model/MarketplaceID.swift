/// A marketplace OCOP Connect publishes to, by its one spelling in commands, config keys and mapping files.
public struct MarketplaceID: Hashable, Comparable, Sendable, Codable, CodingKeyRepresentable,
    CustomStringConvertible
{
    /// The id: kebab case.
    public let rawValue: String

    /// Every marketplace the product knows, in the order they are listed to users.
    public static let all: [MarketplaceID] = [
        "google-merchant", "meta-catalog", "shopee", "lazada", "tiktok-shop", "tiki", "woocommerce",
    ].map(MarketplaceID.init(uncheckedID:))

    private init(uncheckedID: String) {
        self.rawValue = uncheckedID
    }

    /// Returns `nil` for an id that is not one of ``all``.
    public init?(_ id: String) {
        guard Self.all.contains(where: { $0.rawValue == id }) else { return nil }
        self.rawValue = id
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let id = MarketplaceID(text) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "unknown marketplace \(text)")
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
