public import Groundwork

/// The words of the readiness pages in the person's language: each phrase is written in English and
/// Vietnamese where it is used, and the page shows one of them (`html lang` follows).
public struct PageWords: Sendable {
    /// The language the pages are written in.
    public let language: Language

    /// Words in `language`.
    public init(_ language: Language) {
        self.language = language
    }

    /// `english` or `vietnamese`, as the page's language has it.
    func callAsFunction(_ english: String, _ vietnamese: String) -> String {
        LocalizedText(en: english, vi: vietnamese).text(in: self.language)
    }

    /// A state as a column heading or a cell says it.
    func state(_ state: ReadinessReport.State) -> String {
        switch state {
        case .published: self("published", "đã lên sàn")
        case .willPublish: self("will publish", "sẽ đăng")
        case .heldBack: self("held back", "tạm giữ")
        case .withdrawn: self("withdrawn", "gỡ khỏi sàn")
        }
    }
}
