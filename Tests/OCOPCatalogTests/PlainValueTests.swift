import Testing

@testable import OCOPCatalog

/// A CSV value the bytes call plain is stored as written, skipping trimming, NFC and the refused-character
/// check: that must never take a value those would have changed or refused.
@Suite struct PlainValueTests {
    static let samples = [
        "Cà phê Đắk Lắk", "DL-1", "tab\tinside", "ở", "★ 4", "₫185.000", "ー日本語", " padded", "padded ", "\u{00A0}nbsp",
        "\u{3000}ideo", "ideo\u{3000}", "\u{1680}o", "o\u{1680}", "Cafe\u{0301}", "zero\u{200B}width", "nul\u{01}",
        "c1\u{0085}", "\u{FEFF}bom", "x\u{FFFE}", "😀", "e\u{0300}", "\t", "",
    ]

    @Test(arguments: Self.samples)
    func aPlainValueIsOneTrimmingNFCAndTheCheckLeaveAlone(text: String) {
        var text = text
        let plain = text.withUTF8 { TextSafety.isPlain($0) }
        if plain {
            #expect(text.trimmingSpaces.nfc == text)
            #expect(TextSafety.problem(in: text, identifying: true) == nil)
        }
    }

    @Test func usualValuesArePlainAndEdgesAreNot() {
        func isPlain(_ text: String) -> Bool {
            var text = text
            return text.withUTF8 { TextSafety.isPlain($0) }
        }
        #expect(["Cà phê Đắk Lắk", "DL-1", "ở", "tab\tinside", "Nơi khô ráo, thoáng mát"].allSatisfy(isPlain))
        // Looked at closely, though nothing is wrong: ★ and ₫ start with 0xE2, and NFC is not decided for CJK here.
        #expect(!["★ 4", "185.000₫", "ー日本語"].contains(where: isPlain))
        #expect(
            !["", " padded", "o\u{1680}", "\u{3000}ideo", "Cafe\u{0301}", "😀", "x\u{FFFE}"].contains(where: isPlain)
        )
    }

    /// Plain bytes are made a string without validating them again: the pass that calls them plain must refuse
    /// every ill-formed sequence it could meet, and give exactly the text of the well-formed ones.
    @Test func onlyWellFormedUTF8IsPlain() {
        let illFormed: [[UInt8]] = [
            [0x61, 0xC3], [0xC3, 0x41], [0xC3, 0xC3, 0xA0], [0x80], [0x61, 0xBF, 0x62], [0xE1, 0x80],
            [0xE1, 0x41, 0x80],
            [0xE1, 0x80, 0x41], [0xE0, 0x80, 0x80], [0xE0, 0x9F, 0xBF], [0xED, 0xA0, 0x80], [0xED, 0xBF, 0xBF],
            [0xC0, 0x80], [0xC1, 0xBF], [0xF0, 0x9F, 0x98, 0x80], [0xF8, 0x80], [0xFF], [0x61, 0xE1, 0xBB],
        ]
        for bytes in illFormed {
            let text = bytes.withUnsafeBufferPointer { TextSafety.plainText($0) }
            #expect(text == nil, "\(bytes)")
        }
        for sample in Self.samples + ["\u{0800}x", "\u{D7FF}", "\u{E000}", "ờ Đ ỹ", "plain ASCII"] {
            var copy = sample
            let (plain, text) = copy.withUTF8 { (TextSafety.isPlain($0), TextSafety.plainText($0)) }
            #expect(plain == (text != nil))
            if let text {
                #expect(text == sample)
                #expect(Array(text.utf8) == Array(sample.utf8))
            }
        }
    }
}
