import OCOPCatalog
import Testing

/// A text's length is the scalar count of its NFC form, counted from its bytes when every scalar is stable.
@Suite struct TextLengthTests {
    @Test(arguments: [
        "", "Khăn thổ cẩm", "Cà phê Buôn Ma Thuột ₫ ★", "e\u{301}", "\u{2FF}\u{300}a", "\u{1E00}\u{1DFF}",
        "\u{2002}\u{20CF}\u{20D0}", "日本", "🇻🇳 cà phê", "a\u{7F}\u{80}\u{7FF}\u{800}", "Đắk Lắk\u{0323}",
    ])
    func theLengthIsTheScalarCountOfTheNFCText(text: String) {
        #expect(text.nfcScalarCount == text.nfc.unicodeScalars.count)
    }
}
