/// An amount of Vietnamese đồng: whole đồng in an `Int64`, never a `Double`, never "185.000".
public struct VND: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// The largest amount taken anywhere: 10¹² ₫ fits every marketplace's encoding (Merchant API counts
    /// prices in millionths in a signed 64-bit integer, at most about 9.2 × 10¹²).
    public static let largestAmount: Int64 = 1_000_000_000_000

    /// Whole đồng.
    public let amount: Int64

    /// Wraps a number of whole đồng.
    public init(_ amount: Int64) {
        self.amount = amount
    }

    public init(from decoder: any Decoder) throws {
        self.amount = try decoder.singleValueContainer().decode(Int64.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(self.amount)
    }

    public static func < (lhs: VND, rhs: VND) -> Bool { lhs.amount < rhs.amount }

    /// Vietnamese grouping with dots: `185.000 ₫`.
    public var description: String {
        let digits = String(self.amount.magnitude)
        var grouped = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { grouped.append(".") }
            grouped.append(digit)
        }
        return (self.amount < 0 ? "-" : "") + grouped + " ₫"
    }
}
