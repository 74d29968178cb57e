/// One message in each language OCOP Connect speaks, written side by side where it is made, so that no
/// message can exist in one language only.
///
/// Messages are chosen from the catalogues (`ImportMessages`, `FindingMessages`, …) and rendered at the edge,
/// where the person's ``Language`` is known; ``description`` is the English text, for logs and tests.
public struct LocalizedText: Hashable, Sendable, CustomStringConvertible {
    /// The English text.
    public var english: String
    /// The Vietnamese text.
    public var vietnamese: String

    /// A message in English and Vietnamese.
    public init(en english: String, vi vietnamese: String) {
        self.english = english
        self.vietnamese = vietnamese
    }

    /// Text that reads the same in every language: a value, a name, a path, a marketplace's own words.
    public init(verbatim text: String) {
        self.english = text
        self.vietnamese = text
    }

    /// The text in `language`.
    public func text(in language: Language) -> String {
        switch language {
        case .english: self.english
        case .vietnamese: self.vietnamese
        }
    }

    /// The English text.
    public var description: String { self.english }

    /// This text followed by `other`, in each language.
    public static func + (text: LocalizedText, other: LocalizedText) -> LocalizedText {
        LocalizedText(en: text.english + other.english, vi: text.vietnamese + other.vietnamese)
    }

    /// Each language's text changed by `transform` (a prefix, a quote), given the language.
    public func map(_ transform: (String, Language) -> String) -> LocalizedText {
        LocalizedText(en: transform(self.english, .english), vi: transform(self.vietnamese, .vietnamese))
    }
}
