public import Groundwork

extension CalendarDate {
    /// The day as `language` writes it: `2028-11-20` in English (ISO 8601, which no reader mistakes), and
    /// `20/11/2028` in Vietnamese.
    public func written(in language: Language) -> String {
        switch language {
        case .english: self.description
        case .vietnamese: Self.twoDigits(self.day) + "/" + Self.twoDigits(self.month) + "/" + String(self.year)
        }
    }

    private static func twoDigits(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}
