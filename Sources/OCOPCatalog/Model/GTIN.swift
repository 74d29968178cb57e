/// A Global Trade Item Number (GTIN-8, -12, -13 or -14) whose check digit is right.
public struct GTIN: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The lengths GS1 defines.
    public static let validLengths: Set<Int> = [8, 12, 13, 14]

    /// The digits.
    public let rawValue: String

    /// Why a text is not a GTIN.
    public enum Problem: Error, Hashable, Sendable {
        case notDigits, wrongLength(Int), wrongCheckDigit(expected: Int)
    }

    /// Validates digits, length and check digit.
    public init(validating text: String) throws(Problem) {
        let digits = text.utf8.map { Int($0) - Int(UInt8(ascii: "0")) }
        guard !digits.isEmpty, digits.allSatisfy({ (0...9).contains($0) }) else { throw .notDigits }
        guard Self.validLengths.contains(digits.count) else { throw .wrongLength(digits.count) }
        let expected = Self.checkDigit(for: digits.dropLast())
        guard digits.last == expected else { throw .wrongCheckDigit(expected: expected) }
        self.rawValue = text
    }

    /// Returns `nil` when `text` is not a valid GTIN.
    public init?(_ text: String) {
        guard let gtin = try? GTIN(validating: text) else { return nil }
        self = gtin
    }

    /// The GS1 mod-10 check digit of the digits before it: weights 3, 1, 3… from the right.
    public static func checkDigit(for payload: some BidirectionalCollection<Int>) -> Int {
        var sum = 0
        for (offset, digit) in payload.reversed().enumerated() {
            sum += digit * (offset.isMultiple(of: 2) ? 3 : 1)
        }
        return (10 - sum % 10) % 10
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let gtin = GTIN(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "bad GTIN"))
        }
        self = gtin
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(self.rawValue)
    }

    public var description: String { self.rawValue }
}
