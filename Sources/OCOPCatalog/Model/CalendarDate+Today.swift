public import Foundation

extension CalendarDate {
    /// The OCOP programme's own time zone: certificates expire on Vietnamese days.
    public static let vietnamTimeZone = TimeZone(identifier: "Asia/Ho_Chi_Minh")!

    /// The calendar day of `instant` in `timeZone`.
    public init(_ instant: Date, in timeZone: TimeZone = CalendarDate.vietnamTimeZone) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month, .day], from: instant)
        self = CalendarDate(year: parts.year!, month: parts.month!, day: parts.day!)!
    }
}
