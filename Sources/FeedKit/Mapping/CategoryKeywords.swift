import OCOPCatalog

/// The category map's rules as a product is matched against them: the first rule whose group fits and one of
/// whose keywords is among the whole words of the product's sub-group and name. A keyword is a run of words
/// (`cà phê`), lowered and composed once here; the rules are found through an index from a keyword's first
/// word, so a product's few words are each looked up once instead of every keyword being searched for in its
/// text (which, for every product on every marketplace, was a tenth of building its listings).
struct CategoryKeywords: Sendable {
    private struct Rule: Sendable {
        var group: String?
        /// `false`: any product of the group.
        var hasKeywords: Bool
        var category: String
    }

    /// One keyword: its rule and its words.
    private struct Keyword: Sendable {
        var rule: Int
        var words: [[UInt8]]
    }

    /// A product's words: lowered bytes, and where each word is in them.
    private struct Words {
        var bytes: [UInt8] = []
        var ranges: [Range<Int>] = []
    }

    private let rules: [Rule]
    /// Keywords by the hash of their first word (``hash(_:)``); the words themselves are compared on a hit.
    private let byFirstWord: [UInt64: [Keyword]]
    /// Rules with a keyword of no words at all (only punctuation): every product has it.
    private let alwaysMatched: [Int]

    init(_ rules: [Mapping.CategoryRule]) {
        var byFirstWord: [UInt64: [Keyword]] = [:]
        var alwaysMatched: [Int] = []
        for (index, rule) in rules.enumerated() {
            for keyword in rule.keywords ?? [] {
                let words = Self.words(keyword)
                let split = words.ranges.map { Array(words.bytes[$0]) }
                guard let first = split.first else {
                    alwaysMatched.append(index)
                    continue
                }
                let key = first.withUnsafeBufferPointer { Self.hash($0[...]) }
                byFirstWord[key, default: []].append(Keyword(rule: index, words: split))
            }
        }
        self.rules = rules.map { Rule(group: $0.group, hasKeywords: $0.keywords != nil, category: $0.category) }
        self.byFirstWord = byFirstWord
        self.alwaysMatched = alwaysMatched
    }

    /// The category of the first rule matching a product of `group` whose sub-group and name are `text`.
    func category(group: String, text: String) -> String? {
        let fits = { (rule: Int) in self.rules[rule].group == nil || self.rules[rule].group == group }
        var first = self.alwaysMatched.first(where: fits) ?? Int.max
        let words = Self.words(text)
        words.bytes.withUnsafeBufferPointer { bytes in
            for (position, range) in words.ranges.enumerated() {
                for keyword in self.byFirstWord[Self.hash(bytes[range])] ?? []
                where keyword.rule < first && fits(keyword.rule)
                    && Self.matches(keyword.words, bytes, words.ranges[position...])
                {
                    first = keyword.rule
                }
            }
        }
        let byGroup = self.rules.indices.prefix(while: { $0 < first }).first { !self.rules[$0].hasKeywords && fits($0) }
        let chosen = min(byGroup ?? Int.max, first)
        return chosen == Int.max ? nil : self.rules[chosen].category
    }

    /// Whether `keyword`'s words are the words at the start of `ranges`, in order.
    private static func matches(
        _ keyword: [[UInt8]],
        _ bytes: UnsafeBufferPointer<UInt8>,
        _ ranges: ArraySlice<Range<Int>>
    ) -> Bool {
        guard keyword.count <= ranges.count else { return false }
        return zip(keyword, ranges).allSatisfy { word, range in word.elementsEqual(bytes[range]) }
    }

    /// FNV-1a of a word's bytes.
    private static func hash(_ word: Slice<UnsafeBufferPointer<UInt8>>) -> UInt64 {
        word.reduce(0xcbf2_9ce4_8422_2325) { ($0 ^ UInt64($1)) &* 0x100_0000_01b3 }
    }

    /// The scalars ``lowered`` covers.
    private static let loweredBelow: UInt32 = 0x2000
    /// In ``lowered``: a letter whose lowercase is more than one scalar, left to Unicode's tables.
    private static let slowly = UInt32.max
    /// Each scalar below ``loweredBelow`` as a word keeps it: its lowercase when it is a letter (a-z and 0-9 for
    /// ASCII, Unicode's alphabetic property beyond), 0 when it ends a word. Built once, from Unicode's tables.
    private static let lowered: [UInt32] = (0..<loweredBelow).map { value in
        guard let scalar = Unicode.Scalar(value) else { return 0 }
        if scalar.isASCII {
            let lower = ("A"..."Z").contains(scalar) ? value + 32 : value
            return ("a"..."z").contains(Unicode.Scalar(lower)!) || ("0"..."9").contains(scalar) ? lower : 0
        }
        guard scalar.properties.isAlphabetic else { return 0 }
        let lower = scalar.properties.lowercaseMapping.unicodeScalars
        return lower.count == 1 ? lower.first!.value : slowly
    }

    /// The words of `text`: the lowercase NFC bytes of each run of letters and digits, so that keywords match
    /// whole words only ("cá" finds "Cá ngừ" but not "các").
    private static func words(_ text: String) -> Words {
        var words = Words()
        words.bytes.reserveCapacity(text.utf8.count)
        var start = 0
        func endWord() {
            if words.bytes.count > start { words.ranges.append(start..<words.bytes.count) }
            start = words.bytes.count
        }
        // Each scalar lowered as it comes (String.lowercased() built a second string for every product), through
        // a table for the scripts below U+2000 (Vietnamese's letters among them) and Unicode's own beyond.
        for scalar in text.nfc.unicodeScalars {
            let lowered = scalar.value < Self.loweredBelow ? Self.lowered[Int(scalar.value)] : Self.slowly
            if lowered == 0 {
                endWord()
            } else if lowered < 0x80 {
                words.bytes.append(UInt8(lowered))
            } else if lowered != Self.slowly, let single = Unicode.Scalar(lowered) {
                words.bytes.append(contentsOf: single.utf8)
            } else if scalar.properties.isAlphabetic {
                words.bytes.append(contentsOf: scalar.properties.lowercaseMapping.utf8)
            } else {
                endWord()
            }
        }
        endWord()
        return words
    }
}
