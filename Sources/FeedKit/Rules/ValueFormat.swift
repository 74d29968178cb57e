import Foundation
import OCOPCatalog

/// A format a value must have, checked the way the marketplaces check it.
public enum ValueFormat: String, Hashable, Sendable, Decodable {
    /// `185000 VND`: a number with `.` as the decimal point, a space, an ISO 4217 code.
    case price
    /// 8, 12, 13 or 14 digits, a valid GS1 check digit, and not a restricted or coupon prefix.
    case gtin
    /// An absolute http(s) URL in ASCII, without spaces.
    case url
    /// An ISO 8601 date (`2026-12-31`) or date-time.
    case date
    /// An ISO 3166-1 alpha-2 country code (`VN`).
    case country
    /// An ISO 4217 currency code (`VND`).
    case currency
    /// A whole number of at least 0.
    case integer
    /// `0.55 kg`: a number, a space, g, kg, oz or lb.
    case weight
    /// `20 cm`: a number, a space, cm or in.
    case dimension

    /// Why `value` does not have this format, or `nil` when it does.
    public func problem(with value: String) -> String? {
        switch self {
        case .price:
            guard let (amount, currency) = Self.numberAndWord(value), Self.isDecimal(amount),
                Self.currencies.contains(String(currency))
            else {
                return "is not a price like \"185000 VND\" (number, space, ISO 4217 currency; no thousands separators)"
            }
            // A larger price would be sent without its value (Merchant API micros), or not at all.
            let number = amount.split(separator: ".", maxSplits: 1)
            let whole = number.first.flatMap { Int64($0) } ?? .max
            let hasFraction = number.count == 2 && number[1].contains { $0 != "0" }
            guard whole < VND.largestAmount || whole == VND.largestAmount && !hasFraction else {
                return "is more than \(VND.largestAmount), more than marketplaces can encode"
            }
            return nil
        case .gtin:
            return GTINCheck.problem(with: value)
        case .url:
            guard value.hasPrefix("https://") || value.hasPrefix("http://") else {
                return "is not an absolute http(s) URL"
            }
            guard value.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else {
                return "must be ASCII without spaces (percent-encode Vietnamese characters)"
            }
            return nil
        case .date:
            let day = value.prefix(10)
            guard CalendarDate(parsing: String(day)) != nil, day.contains("-"),
                value.count == 10 || value.dropFirst(10).first == "T"
            else {
                return "is not an ISO 8601 date (yyyy-mm-dd)"
            }
            return nil
        case .country:
            return Self.countries.contains(value) ? nil : "is not an ISO 3166-1 alpha-2 country code (e.g. VN)"
        case .currency:
            return Self.currencies.contains(value) ? nil : "is not an ISO 4217 currency code (e.g. VND)"
        case .integer:
            return !value.isEmpty && value.utf8.allSatisfy({ (48...57).contains($0) }) ? nil : "is not a whole number"
        case .weight:
            return Self.measure(value, units: Self.weightUnits)
                ? nil : "is not a weight like \"0.55 kg\" (g, kg, oz, lb)"
        case .dimension:
            return Self.measure(value, units: Self.dimensionUnits) ? nil : "is not a size like \"20 cm\" (cm, in)"
        }
    }

    /// Digits, or digits, a point and digits; read as bytes (a value that passes is ASCII, where bytes and
    /// characters agree).
    private static func isDecimal(_ text: Substring) -> Bool {
        var whole = 0
        var fraction = 0
        var points = 0
        for byte in text.utf8 {
            if byte == UInt8(ascii: ".") {
                points += 1
                guard points == 1 else { return false }
            } else if (48...57).contains(byte) {
                if points == 0 { whole += 1 } else { fraction += 1 }
            } else {
                return false
            }
        }
        return whole > 0 && (points == 0 || fraction > 0)
    }

    /// `value` cut at its one space (`185000 VND`, `20 cm`); `nil` without exactly one. Without splitting into an
    /// array: this runs for several attributes of every item.
    private static func numberAndWord(_ value: String) -> (Substring, Substring)? {
        guard let space = value.utf8.firstIndex(of: UInt8(ascii: " ")) else { return nil }
        let word = value[value.utf8.index(after: space)...]
        guard !word.utf8.contains(UInt8(ascii: " ")) else { return nil }
        return (value[..<space], word)
    }

    private static func measure(_ value: String, units: Set<String>) -> Bool {
        guard let (number, unit) = Self.numberAndWord(value) else { return false }
        return Self.isDecimal(number) && units.contains(String(unit))
    }

    /// Built once: a set literal at the call would be built for every value checked.
    private static let weightUnits: Set<String> = ["g", "kg", "oz", "lb"]
    private static let dimensionUnits: Set<String> = ["cm", "in"]
    private static let currencies = Set(Locale.commonISOCurrencyCodes)
    private static let countries = Set(Locale.Region.isoRegions.map(\.identifier).filter { $0.count == 2 })
}

/// GS1 rules for a `gtin`: length and check digit.
enum GTINCheck {
    static func problem(with value: String) -> String? {
        let digits = value.utf8.map { Int($0) - 48 }
        guard !digits.isEmpty, digits.allSatisfy({ (0...9).contains($0) }) else { return "is not a GTIN: digits only" }
        guard [8, 12, 13, 14].contains(digits.count) else {
            return "has \(digits.count) digits; a GTIN has 8, 12, 13 or 14"
        }
        var sum = 0
        for (offset, digit) in digits.dropLast().reversed().enumerated() {
            sum += digit * (offset.isMultiple(of: 2) ? 3 : 1)
        }
        let expected = (10 - sum % 10) % 10
        guard digits.last == expected else { return "has a wrong check digit (expected \(expected) at the end)" }
        // Compare as GTIN-13 (a GTIN-12 gains a leading 0); GTIN-8 and GTIN-14 have no such prefixes.
        let thirteen = digits.count == 12 ? "0" + value : value
        if thirteen.count == 13 {
            if thirteen.hasPrefix("2") || thirteen.hasPrefix("02") || thirteen.hasPrefix("04") {
                return "starts with a restricted-circulation prefix (in-store or variable-weight code)"
            }
            if ["981", "982", "983", "984", "99", "05"].contains(where: thirteen.hasPrefix) {
                return "starts with a coupon prefix"
            }
        }
        return nil
    }
}
