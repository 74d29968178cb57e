import OCOPCatalog

/// The category map's rules as a product is matched against them: the first rule whose group fits and one of
/// whose keywords is among the whole words of the product's sub-group and name. A keyword is a run of words
/// (`cà phê`), lowered and composed once here; the rules are found through an index from a keyword's first
/// word, so a product's few words are each looked up once instead of every keyword being searched for in its
/// text (which, for every product on every marketplace, was a tenth of building its listings).
struct CategoryKeywords: Sendable {
    private struct Rule: Sendable {
        var group: String?
        /// `nil`: any product of the group.
        var hasKeywords: Bool
        var category: String
    }

    /// A keyword after its first word: the words that must follow it, and its rule.
    private struct Continuation: Sendable {
        var rule: Int
        var rest: [[UInt8]]
    }

    private let rules: [Rule]
    private let byFirstWord: [[UInt8]: [Continuation]]
    /// Rules with a keyword of no words at all (only punctuation): every product has it, as before.
    private let alwaysMatched: Set<Int>

    init(_ rules: [Mapping.CategoryRule]) {
        var byFirstWord: [[UInt8]: [Continuation]] = [:]
        var alwaysMatched: Set<Int> = []
        for (index, rule) in rules.enumerated() {
            for keyword in rule.keywords ?? [] {
                let words = Self.words(keyword)
                guard let first = words.first else {
                    alwaysMatched.insert(index)
                    continue
                }
                byFirstWord[first, default: []].append(Continuation(rule: index, rest: Array(words.dropFirst())))
            }
        }
        self.rules = rules.map { Rule(group: $0.group, hasKeywords: $0.keywords != nil, category: $0.category) }
        self.byFirstWord = byFirstWord
        self.alwaysMatched = alwaysMatched
    }

    /// The category of the first rule matching a product of `group` whose sub-group and name are `text`.
    func category(group: String, text: String) -> String? {
        let words = Self.words(text)
        var matched = self.alwaysMatched
        for (position, word) in words.enumerated() {
            for continuation in self.byFirstWord[word] ?? []
            where words[(position + 1)...].starts(with: continuation.rest) {
                matched.insert(continuation.rule)
            }
        }
        return self.rules.indices.first { index in
            let rule = self.rules[index]
            return (rule.group == nil || rule.group == group) && (!rule.hasKeywords || matched.contains(index))
        }.map { self.rules[$0].category }
    }

    /// The words of `text`: lowercase NFC bytes of each run of letters and digits, so that keywords match whole
    /// words only ("cá" finds "Cá ngừ" but not "các").
    static func words(_ text: String) -> [[UInt8]] {
        var words: [[UInt8]] = []
        var word: [UInt8] = []
        // Each scalar lowered as it comes (String.lowercased() built a second string for every product): ASCII
        // by range, Unicode's tables only for the rest.
        for scalar in text.nfc.unicodeScalars {
            if scalar.isASCII {
                let byte = UInt8(scalar.value)
                let lower = (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte + 32 : byte
                if (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(lower)
                    || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(lower)
                {
                    word.append(lower)
                    continue
                }
            } else if scalar.properties.isAlphabetic {
                if scalar.properties.changesWhenLowercased {
                    word.append(contentsOf: scalar.properties.lowercaseMapping.utf8)
                } else {
                    word.append(contentsOf: scalar.utf8)
                }
                continue
            }
            if !word.isEmpty {
                words.append(word)
                word.removeAll(keepingCapacity: true)
            }
        }
        if !word.isEmpty { words.append(word) }
        return words
    }
}
