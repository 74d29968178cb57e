/// A day on the calendar, without a time or a time zone: a decision date, an expiry.
public struct CalendarDate: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// Returns `nil` when the day does not exist (31 April, 29 February 2023).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
            (1...Self.daysIn(month: month, year: year)).contains(day)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `yyyy-mm-dd` or `dd/mm/yyyy` (one- or two-digit day and month).
    public init?(parsing text: String) {
        // `yyyy-mm-dd` in ASCII digits, as the catalogue stores every date: read without splitting.
        if let (year, month, day) = Self.isoFields(text) {
            self.init(year: year, month: month, day: day)
            return
        }
        let iso = text.split(separator: "-", omittingEmptySubsequences: false)
        let vietnamese = text.split(separator: "/", omittingEmptySubsequences: false)
        let parts: (year: Substring, month: Substring, day: Substring)
        if iso.count == 3, iso[0].count == 4, iso[1].count == 2, iso[2].count == 2 {
            parts = (iso[0], iso[1], iso[2])
        } else if vietnamese.count == 3, vietnamese[2].count == 4, (1...2).contains(vietnamese[0].count),
            (1...2).contains(vietnamese[1].count)
        {
            parts = (vietnamese[2], vietnamese[1], vietnamese[0])
        } else {
            return nil
        }
        guard [parts.year, parts.month, parts.day].allSatisfy({ $0.utf8.allSatisfy { (48...57).contains($0) } }),
            let year = Int(parts.year), let month = Int(parts.month), let day = Int(parts.day)
        else { return nil }
        self.init(year: year, month: month, day: day)
    }

    /// The fields of `text` when it is exactly `yyyy-mm-dd` in ASCII digits (what the general parse reads
    /// the same way), else `nil`.
    private static func isoFields(_ text: String) -> (Int, Int, Int)? {
        var text = text
        return text.withUTF8 { bytes -> (Int, Int, Int)? in
            guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
            func number(_ positions: Range<Int>) -> Int? {
                var value = 0
                for position in positions {
                    guard (48...57).contains(bytes[position]) else { return nil }
                    value = value * 10 + Int(bytes[position] - 48)
                }
                return value
            }
            guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10) else { return nil }
            return (year, month, day)
        }
    }

    /// The number of days in a month of the proleptic Gregorian calendar.
    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year.isMultiple(of: 4) && !year.isMultiple(of: 100)) || year.isMultiple(of: 400) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// The same day `months` later; a day past the end of the target month becomes its last day
    /// (29 February 2024 + 36 months = 28 February 2027). Beyond the calendar's years (1 to 9999) it stops at
    /// their first or last day.
    public func adding(months: Int) -> CalendarDate {
        let (sum, overflow) = (self.year * 12 + (self.month - 1)).addingReportingOverflow(months)
        let first = 12, last = 9999 * 12 + 11
        guard !overflow, sum >= first else { return overflow && months > 0 ? .last : .first }
        guard sum <= last else { return .last }
        let year = sum / 12
        let month = sum % 12 + 1
        return CalendarDate(unchecked: year, month, min(self.day, Self.daysIn(month: month, year: year)))
    }

    /// 0001-01-01, the first day there is.
    public static let first = CalendarDate(unchecked: 1, 1, 1)
    /// 9999-12-31, the last day there is.
    public static let last = CalendarDate(unchecked: 9999, 12, 31)

    /// A day known to exist.
    private init(unchecked year: Int, _ month: Int, _ day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Days since 1970-01-01 (negative before it): the count used to compare and subtract dates.
    public var daysSinceEpoch: Int {
        // Howard Hinnant's days_from_civil.
        let y = self.month <= 2 ? self.year - 1 : self.year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (self.month + (self.month > 2 ? -3 : 9)) + 2) / 5 + self.day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The number of days from `self` to `other` (positive when `other` is later).
    public func days(until other: CalendarDate) -> Int { other.daysSinceEpoch - self.daysSinceEpoch }

    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    /// ISO 8601: `2024-12-31`.
    public var description: String {
        // Written digit by digit into one string: every listing shows a decision date and an expiry.
        if (0...9999).contains(self.year), (0...99).contains(self.month), (0...99).contains(self.day) {
            return String(unsafeUninitializedCapacity: 10) { text in
                func put(_ value: Int, width: Int, at start: Int) {
                    var rest = value
                    for position in (start..<(start + width)).reversed() {
                        text[position] = UInt8(ascii: "0") + UInt8(rest % 10)
                        rest /= 10
                    }
                }
                put(self.year, width: 4, at: 0)
                text[4] = UInt8(ascii: "-")
                put(self.month, width: 2, at: 5)
                text[7] = UInt8(ascii: "-")
                put(self.day, width: 2, at: 8)
                return 10
            }
        }
        func pad(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(self.year, 4))-\(pad(self.month, 2))-\(pad(self.day, 2))"
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let date = CalendarDate(parsing: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "bad date"))
        }
        self = date
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(self.description)
    }
}
