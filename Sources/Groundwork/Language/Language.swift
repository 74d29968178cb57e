/// The language a person reads OCOP Connect in: every message, table heading and page.
public enum Language: String, Hashable, Sendable, CaseIterable {
    case english = "en"
    case vietnamese = "vi"

    /// Takes `vi`, `en` and the locale-like spellings people write (`vi_VN`, `vi-VN.UTF-8`, `en_US`, `VI`).
    public init?(spelling: String) {
        let lowered = spelling.trimmingSpaces.lowercased()
        guard let code = lowered.split(whereSeparator: { "_-.@".contains($0) }).first else { return nil }
        switch code {
        case "vi", "vie", "vietnamese", "tiếng việt", "tieng viet": self = .vietnamese
        case "en", "eng", "english": self = .english
        default: return nil
        }
    }

    /// The language chosen, first found wins: the `--lang` flag, `OCOP_LANG`, `ui_language:` in `ocop.yaml`,
    /// then a locale (`LC_ALL`, `LC_MESSAGES`, `LANG`) that starts with `vi`; English otherwise.
    ///
    /// A flag, variable or setting that names no language we speak is an error naming where it came from;
    /// a locale we do not speak (`C.UTF-8`, `fr_FR`) means English, since every system has one.
    public static func choose(
        flag: String?,
        environment: [String: String],
        configured: String?
    ) throws(LanguageError) -> Language {
        let chosen: [(origin: String, value: String?)] = [
            ("--lang", flag), ("OCOP_LANG", environment["OCOP_LANG"]), ("ui_language", configured),
        ]
        for (origin, value) in chosen {
            guard let value, !value.trimmingSpaces.isEmpty else { continue }
            guard let language = Language(spelling: value) else {
                throw LanguageError(origin: origin, value: value)
            }
            return language
        }
        // POSIX order: LC_ALL overrides LC_MESSAGES, which overrides LANG.
        for name in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            guard let locale = environment[name], !locale.isEmpty else { continue }
            return locale.lowercased().hasPrefix("vi") ? .vietnamese : .english
        }
        return .english
    }
}

/// A language setting that names no language OCOP Connect speaks.
public struct LanguageError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Where the setting came from: `--lang`, `OCOP_LANG` or `ui_language`.
    public var origin: String
    /// What it said.
    public var value: String

    /// One line, in both languages (the person's language is what could not be told).
    public var description: String {
        "\(self.origin) \"\(self.value)\" is not a language OCOP Connect speaks: use vi (tiếng Việt) or en (English)"
    }
}

extension StringProtocol {
    fileprivate var trimmingSpaces: Substring {
        let text = Substring(self)
        guard let first = text.firstIndex(where: { !$0.isWhitespace }),
            let last = text.lastIndex(where: { !$0.isWhitespace })
        else { return "" }
        return text[first...last]
    }
}
