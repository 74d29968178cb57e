import Foundation

/// Excel's dates: days counted in the 1900 date system, as a workbook stores them under a date format.
public enum ExcelDate {
    /// Day `serial` as yyyy-mm-dd (its time of day dropped); Excel's phantom 29 February 1900 (serial 60) is
    /// skipped as Excel counts it. `nil` outside 1900-01-01 through 9999-12-31.
    public static func iso(serial: Double) -> String? {
        guard serial >= 1, serial < 2_958_466 else { return nil }
        let day = Int(serial.rounded(.down))
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let base = calendar.date(from: DateComponents(year: 1899, month: 12, day: day < 60 ? 31 : 30))!
        guard let date = calendar.date(byAdding: .day, value: day, to: base) else { return nil }
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
    }
}
