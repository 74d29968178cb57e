import Foundation

extension StringProtocol {
    /// The text without leading and trailing whitespace (spaces, tabs, no-break spaces, newlines).
    package var trimmingSpaces: String {
        self.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

extension String {
    /// The text in Unicode Normalization Form C, the form Vietnamese is stored and sent in.
    package var nfc: String {
        // Pure ASCII is already NFC; skipping Foundation here keeps imports of large catalogues fast.
        if self.utf8.allSatisfy({ $0 < 0x80 }) { return self }
        return self.precomposedStringWithCanonicalMapping
    }

    /// Folds a heading for lenient matching: lowercase, no accents (`đ` → `d`), letters and digits only.
    /// "Mã sản phẩm", "MÃ SẢN PHẨM" and "ma_san_pham" all fold to "masanpham".
    package var foldedHeading: String {
        let stripped = self.replacingOccurrences(of: "đ", with: "d").replacingOccurrences(of: "Đ", with: "D")
            .folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
        return String(stripped.unicodeScalars.filter { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0)) }.map(Character.init)).lowercased()
    }

    /// An ASCII slug for URLs: `Cà phê Chồn Kiên Cường` → `ca-phe-chon-kien-cuong`.
    package var asciiSlug: String {
        let folded = self.replacingOccurrences(of: "đ", with: "d").replacingOccurrences(of: "Đ", with: "D")
            .folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil).lowercased()
        var slug = ""
        for scalar in folded.unicodeScalars {
            if scalar.isASCII, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                slug.unicodeScalars.append(scalar)
            } else if !slug.isEmpty, !slug.hasSuffix("-") {
                slug.append("-")
            }
        }
        while slug.hasSuffix("-") { slug.removeLast() }
        return slug
    }
}
