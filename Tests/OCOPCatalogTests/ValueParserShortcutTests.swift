import Testing

@testable import OCOPCatalog

/// The parsers' shortcuts for the usual spellings must give exactly what the general reading gives.
@Suite struct ValueParserShortcutTests {
    static let centimetres = [
        "", "0", "1", "12", "12.5", "12,5", "12.", ".5", "1.25", "123456", "1234567", "123456.7", "1234567.1",
        "1..2", "1.2.3", "1,.2", "a", "1 ", " 1", "１", "0.0", "-1", "+1", "1,0", "000001.9", "9.x",
    ]

    @Test(arguments: Self.centimetres)
    func centimetresReadAsTheSplitDid(text: String) {
        let expected = Self.referenceMillimetres(text)
        switch ValueParsers.millimetres(fromCentimetres: text) {
        case .success(let value): #expect(value == expected)
        case .failure: #expect(expected == nil)
        }
    }

    /// Centimetres as they were first read: split on `.` and `,`, each part checked.
    static func referenceMillimetres(_ text: String) -> Int? {
        let parts = text.utf8.split(omittingEmptySubsequences: false) {
            $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: ",")
        }
        guard (1...2).contains(parts.count),
            parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { (48...57).contains($0) } }),
            parts.count == 1 || parts[1].count == 1, parts[0].count <= 6
        else { return nil }
        let whole = parts[0].reduce(0) { $0 * 10 + Int($1 - 48) }
        let tenth = parts.count == 2 ? Int(parts[1][parts[1].startIndex] - 48) : 0
        return whole * 10 + tenth
    }

    static let imageColumns = [
        "https://cdn.vn/a.jpg", "http://cdn.vn/a.jpg|https://cdn.vn/b.jpg", "https://a.vn/1.jpg|",
        "|https://a.vn/1.jpg",
        "https://a.vn/1.jpg||https://b.vn/2.jpg", "HTTPS://A.vn/x.jpg", "https://a.vn/1.jpg;https://b.vn/2.jpg",
        "https://a.vn/1.jpg https://b.vn/2.jpg", "https://a.vn/1 2.jpg", "https://hôst.vn/x.jpg",
        "https://cdn.vn/cà.jpg",
        "//cdn.vn/x.jpg", "www.x.vn/a.jpg", "https://", "https:///a", "https://?x", "http://#", "https://a.vn/x\u{7F}",
        "ftp://x.vn/a", "https://a.vn/1.jpg|www.b.vn", "https://a.vn/1.jpg|b.jpg", "https://a.vn/x.jpg\nhttps://b.vn",
        "https://a.vn/x.jpg|https://b.vn/y.jpg|https://c.vn/z.jpg", "https://a.vn/x.jpg\t", "http://x",
    ]

    @Test(arguments: Self.imageColumns)
    func plainAddressesAreWhatTheGeneralReadingGives(text: String) throws {
        if let plain = ValueParsers.plainURLs(text) {
            #expect(plain == ValueParsers.urls(text).map(Self.referenceURL))
        }
        // The link column's shortcut.
        let url: String? =
            switch ValueParsers.url(text) {
            case .success(let url): url
            case .failure: nil
            }
        #expect(url == Self.referenceURL(text))
    }

    /// An address as it was read before the shortcut; `nil` when refused.
    static func referenceURL(_ text: String) -> String? {
        let bytes = Array(text.utf8)
        func starts(_ prefix: String) -> Bool {
            bytes.count >= prefix.utf8.count && zip(bytes, prefix.utf8).allSatisfy { $0 | 0x20 == $1 | 0x20 }
        }
        let scheme = starts("https://") ? 8 : starts("http://") ? 7 : 0
        guard scheme > 0 else { return nil }
        let host = bytes.dropFirst(scheme).prefix {
            $0 != UInt8(ascii: "/") && $0 != UInt8(ascii: "?") && $0 != UInt8(ascii: "#")
        }
        guard !host.isEmpty, host.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else { return nil }
        var encoded = ""
        for byte in bytes {
            encoded += byte > 0x20 && byte < 0x7F ? String(UnicodeScalar(byte)) : "%" + Self.hex(byte)
        }
        return encoded
    }

    static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
    }

    @Test func theUsualColumnsTakeTheShortcut() {
        #expect(ValueParsers.plainURLs("https://cdn.vn/a.jpg") == ["https://cdn.vn/a.jpg"])
        #expect(ValueParsers.plainURLs("http://a.vn/1|https://b.vn/2") == ["http://a.vn/1", "https://b.vn/2"])
        #expect(ValueParsers.plainURLs("https://cdn.vn/cà.jpg") == nil)
        #expect(ValueParsers.plainURLs("https://a.vn/1.jpg|") == nil)
    }
}
