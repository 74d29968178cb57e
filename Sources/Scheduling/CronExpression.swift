/// A five-field cron schedule: minute, hour, day of month, month, day of week.
///
/// Each field takes `*`, a value, a range `a-b`, a step `*/n`, `a-b/n` or `a/n`, and comma-separated lists
/// of these; months and days of week also take English names (`JAN`, `mon-fri`), and day of week 7 is
/// Sunday like 0. `@yearly`, `@monthly`, `@weekly`, `@daily` and `@hourly` stand for their usual
/// expressions. As in Vixie cron, when both day fields are restricted (neither starts with `*`) a day
/// matches either of them; otherwise it must match both.
public struct CronExpression: Hashable, Sendable, CustomStringConvertible {
    /// The expression as written.
    public let text: String
    /// Matching minutes (0–59) and hours (0–23), ascending.
    let minutes: [Int]
    let hours: [Int]
    /// Matching days of month (1–31), months (1–12) and days of week (0–6, Sunday 0).
    let daysOfMonth: Set<Int>
    let months: Set<Int>
    let daysOfWeek: Set<Int>
    /// Whether a day must match both day fields (one of them starts with `*`) or either.
    let matchesBothDayFields: Bool

    /// Parses `text`; throws a one-line error naming the field and the value that is wrong.
    public init(_ text: String) throws(ScheduleError) {
        self.text = text
        let expanded = Self.macros[text.lowercased()] ?? text
        let fields = expanded.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard fields.count == 5 else {
            throw ScheduleError(
                .cron,
                "schedule \"\(text)\": expected 5 fields (minute hour day-of-month month day-of-week), found \(fields.count)"
            )
        }
        func parse(_ index: Int) throws(ScheduleError) -> [Int] {
            try CronField.all[index].values(of: fields[index], in: text)
        }
        self.minutes = try parse(0)
        self.hours = try parse(1)
        self.daysOfMonth = Set(try parse(2))
        self.months = Set(try parse(3))
        self.daysOfWeek = Set(try parse(4).map { $0 % 7 })
        self.matchesBothDayFields = fields[2].hasPrefix("*") || fields[4].hasPrefix("*")
        guard self.firesWithinALeapCycle else {
            throw ScheduleError(.cron, "schedule \"\(text)\" never fires (no month has that day)")
        }
    }

    public var description: String { self.text }

    /// Whether the schedule fires on the civil day `day`.
    func matches(_ day: CivilDay) -> Bool {
        guard self.months.contains(day.month) else { return false }
        let dayOfMonth = self.daysOfMonth.contains(day.day)
        let dayOfWeek = self.daysOfWeek.contains(day.weekday)
        return self.matchesBothDayFields ? dayOfMonth && dayOfWeek : dayOfMonth || dayOfWeek
    }

    /// Whether some day in eight years (a whole cycle of leap years, weekdays aside) matches.
    private var firesWithinALeapCycle: Bool {
        let start = CivilDay(year: 2024, month: 1, day: 1).dayNumber
        return (start..<start + 8 * 366).contains { self.matches(CivilDay(dayNumber: $0)) }
    }

    private static let macros = [
        "@yearly": "0 0 1 1 *", "@annually": "0 0 1 1 *", "@monthly": "0 0 1 * *", "@weekly": "0 0 * * 0",
        "@daily": "0 0 * * *", "@midnight": "0 0 * * *", "@hourly": "0 * * * *",
    ]
}

/// One field of a cron expression: its name, bounds and value names.
struct CronField: Sendable {
    let name: String
    let bounds: ClosedRange<Int>
    let names: [String]

    static let all = [
        CronField(name: "minute", bounds: 0...59, names: []),
        CronField(name: "hour", bounds: 0...23, names: []),
        CronField(name: "day of month", bounds: 1...31, names: []),
        CronField(
            name: "month",
            bounds: 1...12,
            names: ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]
        ),
        CronField(name: "day of week", bounds: 0...7, names: ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"]),
    ]

    /// The ascending values `text` selects.
    func values(of text: String, in expression: String) throws(ScheduleError) -> [Int] {
        var selected = Set<Int>()
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            selected.formUnion(try self.values(ofPart: String(part), in: expression))
        }
        return selected.sorted()
    }

    private func values(ofPart part: String, in expression: String) throws(ScheduleError) -> [Int] {
        func fail(_ reason: String) -> ScheduleError {
            ScheduleError(.cron, "schedule \"\(expression)\": \(self.name) \"\(part)\": \(reason)")
        }
        let pieces = part.split(separator: "/", omittingEmptySubsequences: false)
        guard pieces.count <= 2, let rangeText = pieces.first, !rangeText.isEmpty else {
            throw fail("expected a value, a range a-b or a step */n")
        }
        var step = 1
        if pieces.count == 2 {
            guard let parsed = Int(pieces[1]), parsed > 0 else { throw fail("the step must be a whole number above 0") }
            step = parsed
        }
        let range: ClosedRange<Int>
        if rangeText == "*" {
            range = self.bounds
        } else {
            let ends = rangeText.split(separator: "-", omittingEmptySubsequences: false)
            guard ends.count <= 2 else { throw fail("expected a value, a range a-b or a step */n") }
            let low = try self.value(ends[0], fail)
            // `a/n` runs from a to the field's end.
            let high =
                ends.count == 2 ? try self.value(ends[1], fail) : pieces.count == 2 ? self.bounds.upperBound : low
            guard low <= high else { throw fail("the range runs backwards") }
            range = low...high
        }
        return Array(stride(from: range.lowerBound, through: range.upperBound, by: step))
    }

    private func value(_ text: Substring, _ fail: (String) -> ScheduleError) throws(ScheduleError) -> Int {
        if let index = self.names.firstIndex(of: text.uppercased()) {
            return self.bounds.lowerBound == 0 ? index : index + 1
        }
        guard let number = Int(text) else {
            let names = self.names.isEmpty ? "" : " or a name (\(self.names.joined(separator: ", ")))"
            throw fail("\"\(text)\" is not a number\(names)")
        }
        guard self.bounds.contains(number) else {
            throw fail("\(number) is out of range \(self.bounds.lowerBound)–\(self.bounds.upperBound)")
        }
        return number
    }
}
