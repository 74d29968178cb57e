import OCOPCatalog

/// One word (a Vietnamese syllable, an English word) of a category name, a sub-group or a product name, as
/// `ocop categories suggest` compares them: lowercase NFC, and folded to ASCII (`mắc` → `mac`, `đồ` → `do`).
///
/// Two words match when they fold alike and either their accents agree or one of them comes from a text written
/// wholly without accents: `mac ca` (typed on a keyboard without Telex) finds `mắc ca`, but `chế` never finds `chè`.
struct CategoryWord: Hashable, Sendable {
    /// The word in lowercase NFC, accents kept.
    var plain: String
    /// The word in lowercase ASCII (``Swift/String/foldedHeading``).
    var folded: String
    /// Whether the text the word comes from has no accent at all, so its accents are unknown rather than absent.
    var bare: Bool

    /// Whether `other` is the same word, accents forgiven where they are unknown.
    func matches(_ other: CategoryWord) -> Bool {
        self.folded == other.folded && (self.plain == other.plain || self.bare || other.bare)
    }

    /// The words of `text`: cut at anything but letters and digits, without words holding a digit (`500g`) or a
    /// single letter (`g`), which say nothing about a kind of product.
    static func words(of text: String) -> [CategoryWord] {
        var pieces: [String] = []
        var current = String.UnicodeScalarView()
        for scalar in text.nfc.lowercased().unicodeScalars {
            if scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                current.append(scalar)
            } else if !current.isEmpty {
                pieces.append(String(current))
                current = String.UnicodeScalarView()
            }
        }
        if !current.isEmpty { pieces.append(String(current)) }
        let folded = pieces.map(\.foldedHeading)
        let bare = zip(pieces, folded).allSatisfy { $0 == $1 }
        return zip(pieces, folded).compactMap { plain, folded in
            guard folded.count > 1, !folded.contains(where: \.isNumber) else { return nil }
            return CategoryWord(plain: plain, folded: folded, bare: bare)
        }
    }
}
