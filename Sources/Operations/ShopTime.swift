public import Foundation
public import Groundwork
import OCOPConfiguration

/// Times as a person at the shop reads them: in the shop's time zone (`shop.timezone:`, Asia/Ho_Chi_Minh by
/// default), never the server's UTC.
public enum ShopTime {
    /// `2026-12-05 20:49 +07:00` in English, `05/12/2026 20:49` in Vietnamese (whose readers are in the zone).
    public static func text(_ date: Date, in zone: TimeZone, language: Language) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = zone
        formatter.dateFormat =
            switch language {
            case .english: "yyyy-MM-dd HH:mm xxx"
            case .vietnamese: "dd/MM/yyyy HH:mm"
            }
        return formatter.string(from: date)
    }
}

extension Workspace {
    /// The shop's time zone (`shop.timezone:` in `ocop.yaml`), which a configuration checks when it loads.
    public var shopTimeZone: TimeZone {
        TimeZone(identifier: self.configuration.shop.timeZone) ?? TimeZone(identifier: "Asia/Ho_Chi_Minh") ?? .gmt
    }
}
