import Foundation

extension StringProtocol {
    /// The text without leading and trailing whitespace (spaces, tabs, no-break spaces, newlines).
    ///
    /// Pure Swift over Unicode scalars: Foundation's `trimmingCharacters(in:)` bridges through `NSString` on
    /// Linux and dominated import time.
    package var trimmingSpaces: String {
        let scalars = self.unicodeScalars
        // Nearly every value has nothing to trim: it is then taken as it is, not copied scalar by scalar.
        if let first = scalars.first, let last = scalars.last, !first.isSpace, !last.isSpace { return String(self) }
        guard let first = scalars.firstIndex(where: { !$0.isSpace }) else { return "" }
        let last = scalars.lastIndex(where: { !$0.isSpace })!  // exists: `first` does
        return String(String.UnicodeScalarView(scalars[first...last]))
    }
}

extension Substring {
    /// The text without leading and trailing whitespace, as ``StringProtocol/trimmingSpaces`` trims it, the
    /// kept scalars copied at once rather than appended one by one.
    package var trimmingSpaces: String {
        let scalars = self.unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.isSpace }) else { return "" }
        let last = scalars.lastIndex(where: { !$0.isSpace })!  // exists: `first` does
        return String(Substring(scalars[first...last]))
    }
}

extension String {
    /// The text without leading and trailing whitespace; returns the string itself, uncopied, when neither its
    /// first nor its last scalar is whitespace (most values, Vietnamese ones such as `Đắk Lắk` included).
    package var trimmingSpaces: String {
        guard let first = self.unicodeScalars.first, let last = self.unicodeScalars.last else { return self }
        if !first.isSpace && !last.isSpace { return self }
        return self[...].trimmingSpaces
    }

    /// The text in Unicode Normalization Form C, the form Vietnamese is stored and sent in.
    package var nfc: String {
        if self.unicodeScalars.allSatisfy(Self.isStableInNFC) { return self }
        return self.precomposedStringWithCanonicalMapping
    }

    /// How many Unicode scalars the NFC text has (a length in characters, as marketplaces count them): counted
    /// in the same pass that finds the text already NFC, as Vietnamese text nearly always is.
    package var nfcScalarCount: Int {
        if let counted = self.utf8.withContiguousStorageIfAvailable(Self.stableScalarCount), let counted {
            return counted
        }
        var count = 0
        for scalar in self.unicodeScalars {
            guard Self.isStableInNFC(scalar) else { return self.nfc.unicodeScalars.count }
            count += 1
        }
        return count
    }

    /// How many scalars `utf8` (valid UTF-8) holds when every one is stable in NFC, else `nil`: read from the
    /// bytes, a scalar's value decoded only when it takes three bytes (two-byte ones are stable exactly when
    /// they lead with 0xCB or less, below U+0300; four-byte ones never are).
    private static func stableScalarCount(_ utf8: UnsafeBufferPointer<UInt8>) -> Int? {
        var count = 0
        var offset = 0
        while offset < utf8.count {
            let lead = utf8[offset]
            switch lead {
            case 0..<0x80:
                offset += 1
            case 0xC0..<0xE0:
                guard lead <= 0xCB else { return nil }
                offset += 2
            case 0xE0..<0xF0:
                let value =
                    UInt32(lead & 0x0F) << 12 | UInt32(utf8[offset + 1] & 0x3F) << 6 | UInt32(utf8[offset + 2] & 0x3F)
                guard Self.isStableInNFC(value) else { return nil }
                offset += 3
            default:
                return nil
            }
            count += 1
        }
        return count
    }

    /// Whether `scalar` is unchanged by NFC whatever surrounds it. Conservative: it covers ASCII, Latin-1 and
    /// Latin Extended A/B (no combining marks, no singletons), precomposed Vietnamese (Latin Extended
    /// Additional, all primary composites), punctuation, currency signs (₫) and symbols (★); anything else
    /// goes through Foundation. Precomposed Vietnamese text, the usual input, then skips Foundation entirely.
    private static func isStableInNFC(_ scalar: Unicode.Scalar) -> Bool { Self.isStableInNFC(scalar.value) }

    /// Whether the scalar of value `value` is unchanged by NFC whatever surrounds it (see the one above).
    package static func isStableInNFC(_ value: UInt32) -> Bool {
        switch value {
        case 0..<0x300, 0x1E00...0x1EFF, 0x2002...0x20CF, 0x2190...0x23FF, 0x2500...0x27BF: true
        default: false
        }
    }

    /// Folds a heading for lenient matching: lowercase, no accents (`đ` → `d`), letters and digits only.
    /// "Mã sản phẩm", "MÃ SẢN PHẨM" and "ma_san_pham" all fold to "masanpham".
    package var foldedHeading: String {
        String(
            String.UnicodeScalarView(
                self.foldedASCII.unicodeScalars.filter { ("a"..."z").contains($0) || ("0"..."9").contains($0) }
            )
        )
    }

    /// An ASCII slug for URLs: `Cà phê Chồn Kiên Cường` → `ca-phe-chon-kien-cuong`.
    package var asciiSlug: String {
        // Byte by byte, as `foldedASCII` folds each scalar: one buffer, no intermediate strings (every product
        // link is made of one, for every listing of every run).
        var slug: [UInt8] = []
        slug.reserveCapacity(self.utf8.count)
        for scalar in self.unicodeScalars {
            let byte: UInt8
            if scalar.isASCII {
                let value = UInt8(scalar.value)
                byte = (65...90).contains(value) ? value + 32 : value
            } else if let folded = LatinFolding.table[scalar.value] {
                byte = folded
            } else {
                continue  // dropped by the fold: neither a letter nor a separator
            }
            if (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
            {
                slug.append(byte)
            } else if let last = slug.last, last != UInt8(ascii: "-") {
                slug.append(UInt8(ascii: "-"))
            }
        }
        while slug.last == UInt8(ascii: "-") { slug.removeLast() }
        return String(decoding: slug, as: UTF8.self)
    }

    /// Lowercase ASCII with accents removed (`đ` → `d`); other characters dropped. Its letters are `a`…`z`
    /// only, so callers test them by range, not through Unicode's property tables.
    private var foldedASCII: String { self.foldingLatin(keepingOtherScripts: false) }

    /// Text as a search compares it: lowercase, Latin accents removed (`Cà Phê` → `ca phe`, `đ` → `d`), other
    /// scripts kept lowercased, combining marks dropped (so that text typed decomposed folds alike).
    package var foldedForSearch: String { self.foldingLatin(keepingOtherScripts: true) }

    /// ASCII lowered, Latin letters with diacritics folded to their base letter through ``LatinFolding``'s table
    /// (Foundation folds each once, the first time it is needed; folding through it every time bridges through
    /// NSString on Linux); anything else dropped, or with `keepingOtherScripts` lowered, combining marks aside.
    private func foldingLatin(keepingOtherScripts: Bool) -> String {
        var result = String.UnicodeScalarView()
        for scalar in self.unicodeScalars {
            if scalar.isASCII {
                let value = scalar.value
                result.append(Unicode.Scalar(UInt8((65...90).contains(value) ? value + 32 : value)))
            } else if let folded = LatinFolding.table[scalar.value] {
                result.append(Unicode.Scalar(folded))
            } else if keepingOtherScripts, scalar.properties.generalCategory != .nonspacingMark {
                result.append(contentsOf: scalar.properties.lowercaseMapping.unicodeScalars)
            }
        }
        return String(result)
    }
}

/// Latin letters with diacritics (Latin-1 to Latin Extended Additional, where Vietnamese lives) mapped to
/// their lowercase ASCII base letter.
private enum LatinFolding {
    static let table: [UInt32: UInt8] = {
        var table: [UInt32: UInt8] = [0x0110: UInt8(ascii: "d"), 0x0111: UInt8(ascii: "d")]  // Đ đ
        for value in Array(0x00C0...0x024F) + Array(0x1E00...0x1EFF) where table[UInt32(value)] == nil {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let folded = String(scalar).folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
            if let first = folded.unicodeScalars.first, folded.unicodeScalars.count == 1, first.isASCII,
                first.properties.isAlphabetic
            {
                table[UInt32(value)] = UInt8(first.value)
            }
        }
        return table
    }()
}

extension Unicode.Scalar {
    /// Whether this is whitespace: decided without Unicode's property tables for ASCII, the common case.
    package var isSpace: Bool {
        if self.isASCII {
            return self == " " || self == "\t" || self == "\n" || self == "\r" || self.value == 0x0B
                || self.value == 0x0C
        }
        return self.properties.isWhitespace
    }
}
