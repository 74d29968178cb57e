import Foundation

/// Excel's dates: days counted in the 1900 date system, as a workbook stores them under a date format.
public enum ExcelDate {
    /// Day `serial` as yyyy-mm-dd (its time of day dropped); in the 1900 system Excel's phantom 29 February
    /// 1900 (serial 60) is skipped as Excel counts it; in the 1904 system day 0 is 1 January 1904. `nil` outside
    /// what Excel can show (through 9999-12-31).
    public static func iso(serial: Double, date1904: Bool = false) -> String? {
        guard serial >= (date1904 ? 0 : 1), serial < 2_958_466 else { return nil }
        let day = Int(serial.rounded(.down))
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let base =
            date1904
            ? calendar.date(from: DateComponents(year: 1904, month: 1, day: 1))!
            : calendar.date(from: DateComponents(year: 1899, month: 12, day: day < 60 ? 31 : 30))!
        guard let date = calendar.date(byAdding: .day, value: day, to: base) else { return nil }
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
    }
}
