import Foundation
import Groundwork

/// Parsers for the values of catalogue columns. Each returns the value or says, in a few words, what is wrong.
enum ValueParsers {
    /// Whole đồng from `185000`, `185.000`, `185,000`, `185.000 đ`, `185000 VND`, `185.000₫`.
    ///
    /// Dots and commas are thousands separators only, in groups of three; "185.5" and "185,50" are refused
    /// rather than guessed.
    static func vnd(_ text: String) -> Result<VND, RowProblem.Reason> {
        if let amount = Self.plainAmount(text.utf8) { return .success(VND(amount)) }
        var number = Substring(text)
        for suffix in ["VNĐ", "VND", "vnđ", "vnd", "đồng", "đ", "₫", "Đ"] where number.hasSuffix(suffix) {
            number = number.dropLast(suffix.count)
            break
        }
        let digits = number.trimmingSpaces
        let reason = RowProblem.Reason(ImportMessages.notAnAmount(text))
        guard let first = digits.first, first.isASCII, first.isNumber else { return .failure(reason) }
        let separators = Set(digits.filter { $0 == "." || $0 == "," })
        guard separators.count <= 1 else { return .failure(reason) }
        if let separator = separators.first {
            let groups = digits.split(separator: separator, omittingEmptySubsequences: false)
            guard (1...3).contains(groups[0].count), groups.dropFirst().allSatisfy({ $0.count == 3 }) else {
                return .failure(reason)
            }
        }
        let plain = digits.filter { $0 != "." && $0 != "," }
        guard plain.utf8.allSatisfy({ (48...57).contains($0) }), let amount = Int64(plain) else {
            return .failure(reason)
        }
        guard amount <= VND.largestAmount else {
            return .failure(
                .init(ImportMessages.amountTooLarge(text, largest: VND(VND.largestAmount)))
            )
        }
        return .success(VND(amount))
    }

    /// The amount of the usual spellings, `185000` or `185.000` (`185,000`), read from the bytes; `nil` for
    /// anything else (a suffix, a space, an amount out of range…), which ``vnd(_:)`` then reads the long way.
    private static func plainAmount(_ bytes: String.UTF8View) -> Int64? {
        var amount: Int64 = 0
        var separator: UInt8?
        var digitsInGroup = 0
        var firstGroup = true
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                amount = amount * 10 + Int64(byte - UInt8(ascii: "0"))
                digitsInGroup += 1
                if amount > VND.largestAmount { return nil }
            case UInt8(ascii: "."), UInt8(ascii: ","):
                guard separator == nil || separator == byte,
                    firstGroup ? (1...3).contains(digitsInGroup) : digitsInGroup == 3
                else { return nil }
                separator = byte
                firstGroup = false
                digitsInGroup = 0
            default:
                return nil
            }
        }
        guard digitsInGroup > 0, separator == nil || digitsInGroup == 3 else { return nil }
        return amount
    }

    /// A whole number at least `minimum`; Vietnamese thousands dots (or commas) in groups of three are taken:
    /// `1.200` is 1200, and `1.5` is refused rather than guessed.
    static func wholeNumber(_ text: String, minimum: Int = 0) -> Result<Int, RowProblem.Reason> {
        // The usual spellings, read from the bytes; the message below is built only for a value that needs it.
        if let value = Self.plainAmount(text.utf8), value >= minimum { return .success(Int(value)) }
        let reason = RowProblem.Reason(ImportMessages.notAWholeNumber(text, minimum: minimum))
        let separators = Set(text.filter { $0 == "." || $0 == "," })
        if let separator = separators.first {
            let groups = text.split(separator: separator, omittingEmptySubsequences: false)
            guard separators.count == 1, (1...3).contains(groups[0].count),
                groups.dropFirst().allSatisfy({ $0.count == 3 })
            else { return .failure(reason) }
        }
        let digits = text.filter { $0 != "." && $0 != "," }
        guard !digits.isEmpty, digits.utf8.allSatisfy({ (48...57).contains($0) }), let value = Int(digits),
            value >= minimum
        else { return .failure(reason) }
        return .success(value)
    }

    /// Centimetres (decimal point or comma, at most one decimal) as whole millimetres.
    static func millimetres(fromCentimetres text: String) -> Result<Int, RowProblem.Reason> {
        // Read from the bytes in one pass: up to six digits, then at most one `.` or `,` and exactly one digit.
        var whole = 0
        var wholeDigits = 0
        var tenth: Int?
        var afterSeparator = false
        var wellFormed = true
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                let digit = Int(byte - UInt8(ascii: "0"))
                if !afterSeparator {
                    whole = whole * 10 + digit
                    wholeDigits += 1
                    wellFormed = wholeDigits <= 6
                } else {
                    wellFormed = tenth == nil
                    tenth = digit
                }
            case UInt8(ascii: "."), UInt8(ascii: ","):
                wellFormed = !afterSeparator
                afterSeparator = true
            default:
                wellFormed = false
            }
            if !wellFormed { break }
        }
        guard wellFormed, wholeDigits > 0, !afterSeparator || tenth != nil else {
            return .failure(RowProblem.Reason(ImportMessages.notCentimetres(text)))
        }
        return .success(whole * 10 + (tenth ?? 0))
    }

    /// A certifiable star from `3`, `4`, `5` (also `4 sao`, `4★`); 1–2★ are refused with the reason.
    static func star(_ text: String) -> Result<Star, RowProblem.Reason> {
        let value: Int
        if text.utf8.count == 1, let digit = text.utf8.first, (48...57).contains(digit) {
            value = Int(digit - 48)  // `4`, as nearly every row writes it
        } else {
            var digits = Substring(text)
            for suffix in ["★", "*", "sao", "Sao", "SAO"] where digits.hasSuffix(suffix) {
                digits = digits.dropLast(suffix.count)
            }
            let trimmed = digits.trimmingSpaces
            // Digits only: Int("+4") would take a sign no person writes on a star.
            guard trimmed.utf8.allSatisfy({ (48...57).contains($0) }), let number = Int(trimmed) else {
                return .failure(.init(ImportMessages.notAStar(text)))
            }
            value = number
        }
        if let star = Star(rawValue: value) { return .success(star) }
        if value == 1 || value == 2 {
            return .failure(
                .init(ImportMessages.starNotCertified(value))
            )
        }
        return .failure(.init(ImportMessages.notAStarValue(value)))
    }

    /// A date that exists on the calendar: `dd/mm/yyyy`, `dd-mm-yyyy`, `dd.mm.yyyy`, `yyyy-mm-dd`, or an Excel
    /// serial day (a sheet's date saved as a number: 5 digits, 1927 to 2173; a decision date must still be 2018
    /// or later).
    static func date(_ text: String) -> Result<CalendarDate, RowProblem.Reason> {
        if let plain = Self.plainDate(text.utf8) {
            return plain.map { .success($0) } ?? .failure(.init(ImportMessages.notADate(text)))
        }
        var written = text
        let parts = text.split(omittingEmptySubsequences: false) { $0 == "-" || $0 == "." || $0 == "/" }
        if parts.count == 3, parts[0].count <= 2, parts[2].count == 4 {
            written = parts.joined(separator: "/")  // dd-mm-yyyy and dd.mm.yyyy, as dd/mm/yyyy
        } else if text.count == 5, text.utf8.allSatisfy({ (48...57).contains($0) }), let serial = Double(text),
            let iso = ExcelDate.iso(serial: serial)
        {
            written = iso
        }
        guard let date = CalendarDate(parsing: written) else {
            return .failure(.init(ImportMessages.notADate(text)))
        }
        return .success(date)
    }

    /// The date of the usual spellings read from the bytes, as ``date(_:)`` reads them: `yyyy-mm-dd`, and a one-
    /// or two-digit day and month and a four-digit year separated by `/`, `-` or `.`. `.some(nil)` for such a
    /// spelling of a day the calendar does not have; `nil` for any other spelling, which is read the long way.
    private static func plainDate(_ bytes: String.UTF8View) -> CalendarDate?? {
        var numbers = (first: 0, second: 0, third: 0)
        var digits = (first: 0, second: 0, third: 0)
        var separators = (first: UInt8(0), second: UInt8(0))
        var part = 0
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                let digit = Int(byte - UInt8(ascii: "0"))
                switch part {
                case 0: (numbers.first, digits.first) = (numbers.first * 10 + digit, digits.first + 1)
                case 1: (numbers.second, digits.second) = (numbers.second * 10 + digit, digits.second + 1)
                default: (numbers.third, digits.third) = (numbers.third * 10 + digit, digits.third + 1)
                }
                if digits.first > 4 || digits.second > 4 || digits.third > 4 { return nil }
            case UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "/"):
                switch part {
                case 0: separators.first = byte
                case 1: separators.second = byte
                default: return nil
                }
                part += 1
            default:
                return nil
            }
        }
        guard part == 2 else { return nil }
        if digits == (4, 2, 2), separators == (UInt8(ascii: "-"), UInt8(ascii: "-")) {
            return .some(CalendarDate(year: numbers.first, month: numbers.second, day: numbers.third))
        }
        if (1...2).contains(digits.first), (1...2).contains(digits.second), digits.third == 4 {
            return .some(CalendarDate(year: numbers.third, month: numbers.second, day: numbers.first))
        }
        return nil
    }

    /// A GTIN with a valid length and check digit.
    static func gtin(_ text: String) -> Result<GTIN, RowProblem.Reason> {
        do throws(GTIN.Problem) {
            return .success(try GTIN(validating: text))
        } catch {
            switch error {
            case .notDigits:
                return .failure(.init(ImportMessages.gtinNotDigits(text)))
            case .wrongLength(let length):
                return .failure(.init(ImportMessages.gtinLength(text, length)))
            case .wrongCheckDigit(let expected):
                return .failure(.init(ImportMessages.gtinCheckDigit(text, expected: "\(expected)")))
            }
        }
    }

    /// Image or page URLs: absolute, http or https, with an ASCII host. Non-ASCII characters elsewhere (a
    /// Vietnamese file name) are percent-encoded as UTF-8, so the stored URL is ASCII.
    static func url(_ text: String) -> Result<String, RowProblem.Reason> {
        var copy = text
        if copy.withUTF8(Self.isPlainURL) { return .success(text) }  // nearly every address: taken as it is
        let bytes = text.utf8
        let scheme: Int
        if Self.hasPrefix(bytes, "https://") {
            scheme = 8
        } else if Self.hasPrefix(bytes, "http://") {
            scheme = 7
        } else {
            return .failure(.init(ImportMessages.notAnAbsoluteURL(text)))
        }
        let host = bytes.dropFirst(scheme).prefix {
            $0 != UInt8(ascii: "/") && $0 != UInt8(ascii: "?") && $0 != UInt8(ascii: "#")
        }
        guard !host.isEmpty, host.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else {
            return .failure(.init(ImportMessages.urlHost(text)))
        }
        if bytes.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) { return .success(text) }
        var encoded: [UInt8] = []
        for byte in bytes {
            if byte > 0x20 && byte < 0x7F {
                encoded.append(byte)
            } else {
                let digits = Array("0123456789ABCDEF".utf8)
                encoded += [UInt8(ascii: "%"), digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]]
            }
        }
        return .success(String(decoding: encoded, as: UTF8.self))
    }

    /// Whether `bytes` start with `prefix`, ignoring ASCII case.
    private static func hasPrefix(_ bytes: String.UTF8View, _ prefix: StaticString) -> Bool {
        let expected = UnsafeBufferPointer(start: prefix.utf8Start, count: prefix.utf8CodeUnitCount)
        guard bytes.count >= expected.count else { return false }
        return zip(bytes, expected).allSatisfy { $0 | 0x20 == $1 | 0x20 }
    }

    /// The addresses of an image column whose every piece is already an address as ``url(_:)`` takes it
    /// unchanged: `https://` or `http://` in lowercase, a host, and only printable ASCII, pieces separated by
    /// single `|` (nearly every row). `nil` for anything else, which ``urls(_:)`` and ``url(_:)`` then read
    /// piece by piece. A column of one address is given back as the very string, uncopied.
    static func plainURLs(_ text: String) -> [String]? {
        var copy = text
        // The pieces made strings; none for a text of one piece, the text itself.
        let pieces = copy.withUTF8 { bytes -> [String]? in
            var pieces: [String] = []
            var start = 0
            while true {
                var end = start
                while end < bytes.count, bytes[end] != UInt8(ascii: "|") { end += 1 }
                let piece = UnsafeBufferPointer(rebasing: bytes[start..<end])
                guard Self.isPlainURL(piece) else { return nil }
                if start == 0 && end == bytes.count { return pieces }
                pieces.append(String(decoding: piece, as: UTF8.self))
                if end == bytes.count { return pieces }
                start = end + 1
            }
        }
        guard let pieces else { return nil }
        return pieces.isEmpty ? [text] : pieces
    }

    /// Whether `bytes` are a whole address ``url(_:)`` takes as it is and ``urls(_:)`` does not split.
    private static func isPlainURL(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let scheme: Int
        if Self.starts(bytes, with: "https://") {
            scheme = 8
        } else if Self.starts(bytes, with: "http://") {
            scheme = 7
        } else {
            return false
        }
        // A host: something before the path, query or fragment.
        guard scheme < bytes.count, bytes[scheme] != UInt8(ascii: "/"), bytes[scheme] != UInt8(ascii: "?"),
            bytes[scheme] != UInt8(ascii: "#")
        else { return false }
        // Printable ASCII, none of it a separator of ``urls(_:)`` (space, tab and line breaks are not printable).
        for byte in bytes where byte <= 0x20 || byte >= 0x7F || byte == UInt8(ascii: ";") || byte == UInt8(ascii: "|") {
            return false
        }
        return true
    }

    /// Whether `bytes` start with `prefix`, exactly.
    private static func starts(_ bytes: UnsafeBufferPointer<UInt8>, with prefix: StaticString) -> Bool {
        let count = prefix.utf8CodeUnitCount
        guard bytes.count >= count else { return false }
        return (0..<count).allSatisfy { bytes[$0] == prefix.utf8Start[$0] }
    }

    /// A list separated by `|` or whitespace.
    static func list(_ text: String) -> [String] {
        text.unicodeScalars.split { $0 == "|" || $0.isSpace }.map { String(String.UnicodeScalarView($0)) }
    }

    /// URLs separated by `|`, `;`, new lines or spaces. A piece that does not start a URL continues the one
    /// before it, its space percent-encoded (`…/cà phê.jpg` is one address, not two).
    static func urls(_ text: String) -> [String] {
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return Self.asciiURLs(Array(text.utf8)) }
        var urls: [String] = []
        for item in text.unicodeScalars.split(whereSeparator: { $0 == "|" || $0 == ";" || $0 == "\n" || $0 == "\r" }) {
            for piece in String(String.UnicodeScalarView(item)).split(whereSeparator: { $0 == " " || $0 == "\t" }) {
                let lowercased = piece.lowercased()
                // Only what cannot start an address of its own continues one: `www.…` or `//cdn…` stays apart
                // (and is refused for what it is).
                let continues =
                    !urls.isEmpty && !lowercased.hasPrefix("http://") && !lowercased.hasPrefix("https://")
                    && !lowercased.hasPrefix("www.") && !lowercased.hasPrefix("//") && !lowercased.contains("://")
                if continues {
                    urls[urls.count - 1] += "%20" + piece
                } else {
                    urls.append(String(piece))
                }
            }
        }
        return urls
    }

    /// ``urls(_:)`` of ASCII text (nearly every image column), on bytes: the same pieces, without making a
    /// string of every piece and a lowercased copy of it. In ASCII a byte is a character, so the splits agree.
    private static func asciiURLs(_ bytes: [UInt8]) -> [String] {
        var urls: [String] = []
        let items = bytes.split { $0 == UInt8(ascii: "|") || $0 == UInt8(ascii: ";") || $0 == 0x0A || $0 == 0x0D }
        for item in items {
            for piece in item.split(whereSeparator: { $0 == UInt8(ascii: " ") || $0 == 0x09 }) {
                let continues =
                    !urls.isEmpty && !Self.startsIgnoringCase(piece, "http://")
                    && !Self.startsIgnoringCase(piece, "https://") && !Self.startsIgnoringCase(piece, "www.")
                    && !Self.startsIgnoringCase(piece, "//") && !Self.containsSchemeSeparator(piece)
                if continues {
                    urls[urls.count - 1] += "%20" + String(decoding: piece, as: UTF8.self)
                } else {
                    urls.append(String(decoding: piece, as: UTF8.self))
                }
            }
        }
        return urls
    }

    /// Whether ASCII `bytes` start with `prefix` (lowercase), ignoring case.
    private static func startsIgnoringCase(_ bytes: ArraySlice<UInt8>, _ prefix: StaticString) -> Bool {
        let expected = UnsafeBufferPointer(start: prefix.utf8Start, count: prefix.utf8CodeUnitCount)
        guard bytes.count >= expected.count else { return false }
        return zip(bytes, expected).allSatisfy { byte, wanted in
            ((0x41...0x5A).contains(byte) ? byte | 0x20 : byte) == wanted
        }
    }

    /// Whether `bytes` hold `://`.
    private static func containsSchemeSeparator(_ bytes: ArraySlice<UInt8>) -> Bool {
        var index = bytes.startIndex
        while index + 2 < bytes.endIndex {
            if bytes[index] == UInt8(ascii: ":") && bytes[index + 1] == UInt8(ascii: "/")
                && bytes[index + 2] == UInt8(ascii: "/")
            {
                return true
            }
            index += 1
        }
        return false
    }
}
