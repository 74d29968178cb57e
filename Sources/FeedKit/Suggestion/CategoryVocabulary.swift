public import Foundation
import Yams

/// The words `ocop categories suggest` knows (`Mappings/category-synonyms.yaml`): lines of synonyms, each one
/// thing however it is written (`mắc ca`, `macca`, `macadamia`); broader things a thing belongs under (`hạt
/// tiêu` under `gia vị`), for a tree without a leaf of its own for it; and words that say nothing about a kind
/// of product (`cao cấp`, `hộp`), left out.
///
/// Data, not code: an office adds its own lines in its copy of the file, in its mappings folder.
public struct CategoryVocabulary: Sendable {
    /// A phrase of the file, as words; `concept` is its line among the synonyms, `nil` for an ignored phrase.
    struct Term: Sendable {
        var words: [CategoryWord]
        var concept: Int?
    }

    /// The phrases by their first word's folded form, longest first, so the longest match wins.
    private let termsByFirstWord: [String: [Term]]
    /// The broader things of each line that has some, as phrases.
    private let broader: [Int: [String]]

    /// How much a broader thing weighs beside the thing a text names.
    static let broaderWeight = 0.5

    /// A vocabulary of `synonyms` (one array per thing), `broader` things (a thing, which need not be on a line
    /// of its own, to the things it belongs under) and `ignore`d phrases.
    public init(synonyms: [[String]], broader: [String: [String]] = [:], ignore: [String] = []) {
        var lines = synonyms
        var broaderByLine: [Int: [String]] = [:]
        for (phrase, wider) in broader.sorted(by: { $0.key < $1.key }) {
            let words = Self.termWords(phrase)
            let line: Int
            if let found = lines.firstIndex(where: { $0.contains { Self.termWords($0) == words } }) {
                line = found
            } else {
                lines.append([phrase])  // a thing on no line of its own is a line of one
                line = lines.count - 1
            }
            broaderByLine[line, default: []] += wider
        }
        self.broader = broaderByLine
        var terms: [Term] = []
        for (concept, line) in lines.enumerated() {
            for phrase in line { terms.append(Term(words: Self.termWords(phrase), concept: concept)) }
        }
        for phrase in ignore { terms.append(Term(words: Self.termWords(phrase), concept: nil)) }
        let usable = terms.filter { !$0.words.isEmpty }
        self.termsByFirstWord = Dictionary(grouping: usable) { $0.words[0].folded }.mapValues {
            $0.sorted { $0.words.count > $1.words.count }
        }
    }

    /// Reads a vocabulary file: `synonyms:` (a list of lists of phrases), `broader:` (a phrase to a list of
    /// phrases) and `ignore:` (a list of phrases), each optional.
    public static func load(from url: URL) throws(FeedError) -> CategoryVocabulary {
        struct File: Decodable {
            var synonyms: [[String]]?
            var broader: [String: [String]]?
            var ignore: [String]?
        }
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw FeedError(.unreadable, "\(url.path): cannot read the synonyms file")
        }
        do {
            let file = try YAMLDecoder().decode(File.self, from: text)
            return CategoryVocabulary(
                synonyms: file.synonyms ?? [],
                broader: file.broader ?? [:],
                ignore: file.ignore ?? []
            )
        } catch {
            let line = "\(error)".split(whereSeparator: \.isNewline).first.map(String.init) ?? "not valid YAML"
            throw FeedError(
                .mapping,
                "\(url.lastPathComponent): \(line) (expected synonyms: [[word, word], …], broader: {word: [word, …]} "
                    + "and ignore: [word, …])"
            )
        }
    }

    /// A phrase's words: accents as written always count (only a text being compared may be bare).
    private static func termWords(_ phrase: String) -> [CategoryWord] {
        CategoryWord.words(of: phrase).map { CategoryWord(plain: $0.plain, folded: $0.folded, bare: false) }
    }

    /// What `text` says, each thing weighing `weight`: a synonym line it names (its words consumed, and kept at a
    /// third of the weight, so that `hoa lan` still meets `Hoa`) and, at half the weight, the line's broader
    /// things; and each other word but ignored ones.
    func features(of text: String, weight: Double, broadening: Bool = true) -> [CategoryFeature] {
        let words = CategoryWord.words(of: text)
        var features: [CategoryFeature] = []
        var index = 0
        while index < words.count {
            let candidates = self.termsByFirstWord[words[index].folded] ?? []
            let term = candidates.first { term in
                index + term.words.count <= words.count
                    && zip(term.words, words[index...]).allSatisfy { $1.matches($0) }
            }
            guard let term else {
                features.append(CategoryFeature(word: words[index], weight: weight))
                index += 1
                continue
            }
            if let concept = term.concept {
                features.append(CategoryFeature(concept: concept, weight: weight))
                for wider in broadening ? self.broader[concept] ?? [] : [] {
                    features += self.features(of: wider, weight: weight * Self.broaderWeight, broadening: false)
                }
                if term.words.count > 1 {
                    for word in words[index..<(index + term.words.count)] {
                        features.append(CategoryFeature(word: word, weight: weight * CategoryFeature.partWeight))
                    }
                }
            }
            index += term.words.count
        }
        return features
    }
}

/// One thing a text says, for comparing a kind of product with a category: a synonym line of the vocabulary, or a
/// word of its own; with how much it weighs where it was found.
struct CategoryFeature: Hashable, Sendable {
    /// What it matches by: `#` and the line for a synonym line, the folded word otherwise.
    var key: String
    /// The word, for a word (a synonym line matches by its key alone).
    var word: CategoryWord?
    var weight: Double

    /// How much a word inside a synonym phrase weighs beside the phrase.
    static let partWeight = 0.3

    init(concept: Int, weight: Double) {
        self.key = "#\(concept)"
        self.word = nil
        self.weight = weight
    }

    init(word: CategoryWord, weight: Double) {
        self.key = word.folded
        self.word = word
        self.weight = weight
    }

    /// Whether two things of the same key are the same: both a synonym line, or words that match.
    static func sameWord(_ word: CategoryWord?, _ other: CategoryWord?) -> Bool {
        guard let word, let other else { return word == nil && other == nil }
        return word.matches(other)
    }

    /// `features` with each thing once, at the most it weighs anywhere among them.
    static func strongest(_ features: [CategoryFeature]) -> [CategoryFeature] {
        struct Thing: Hashable {
            var key: String
            var word: CategoryWord?
        }
        var result: [CategoryFeature] = []
        var places: [Thing: Int] = [:]  // a kind without a sub-group may say hundreds of things: no linear search
        for feature in features {
            let thing = Thing(key: feature.key, word: feature.word)
            if let index = places[thing] {
                result[index].weight = max(result[index].weight, feature.weight)
            } else {
                places[thing] = result.count
                result.append(feature)
            }
        }
        return result
    }
}
