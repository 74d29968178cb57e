/// The patterns most mappings use, matched on the value's bytes instead of by the regex engine (a tenth of
/// checking a listing went to it): one class of ASCII characters repeated, a decimal number, or a run without
/// spaces. ``matchesWhole(_:)`` answers as the regex engine would (the tests compare the two on awkward
/// values), or `nil` where the bytes cannot decide.
enum BytePattern {
    /// `[A-Za-z0-9_-]+`, `[0-9]+`.
    case asciiClass(ASCIIClassPattern)
    /// `[0-9]+(\.[0-9]{1,N})?`, or `[0-9]+(\.[0-9]+)?` (no most).
    case decimal(mostFractionDigits: Int?)
    /// `[^ ]+`.
    case noSpace

    /// The pattern, or `nil` when it is anything else (left to the regex engine).
    init?(_ pattern: String) {
        if let asciiClass = ASCIIClassPattern(pattern) {
            self = .asciiClass(asciiClass)
        } else if pattern == "[0-9]+(\\.[0-9]+)?" {
            self = .decimal(mostFractionDigits: nil)
        } else if pattern.hasPrefix("[0-9]+(\\.[0-9]{1,"), pattern.hasSuffix("})?"),
            case let digits = pattern.dropFirst(17).dropLast(3),
            !digits.isEmpty, digits.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }),
            let most = Int(digits), most >= 1
        {
            self = .decimal(mostFractionDigits: most)
        } else if pattern == "[^ ]+" {
            self = .noSpace
        } else {
            return nil
        }
    }

    /// Whether the whole of `value` matches; `nil` when the regex engine must say (a character outside ASCII
    /// where the answer would depend on how it is composed).
    func matchesWhole(_ value: String) -> Bool? {
        switch self {
        case .asciiClass(let asciiClass):
            return asciiClass.matchesWhole(value)
        case .decimal(let most):
            guard value.utf8.allSatisfy({ $0 < 0x80 }) else { return nil }
            let parts = value.utf8.split(separator: UInt8(ascii: "."), maxSplits: 1, omittingEmptySubsequences: false)
            let digits = { (part: Substring.UTF8View.SubSequence) in
                !part.isEmpty && part.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
            }
            guard let whole = parts.first, digits(whole) else { return false }
            guard parts.count == 2 else { return true }
            return digits(parts[1]) && parts[1].count <= (most ?? .max)
        case .noSpace:
            // Without a space byte no character is a space; with one, a space may still carry a combining mark.
            return value.utf8.contains(UInt8(ascii: " ")) ? nil : !value.isEmpty
        }
    }
}

/// A pattern of one bracketed class of ASCII letters, digits, `_` and `-` (ranges or single characters), then
/// `+`. Its whole match is every byte in the class: a character outside ASCII matches no such class, as the
/// regex engine would also find.
struct ASCIIClassPattern {
    private var members = [Bool](repeating: false, count: 128)

    /// The pattern, or `nil` when it is anything else (left to the regex engine).
    init?(_ pattern: String) {
        let bytes = Array(pattern.utf8)
        guard bytes.count > 3, bytes.first == UInt8(ascii: "["),
            bytes.suffix(2) == [UInt8(ascii: "]"), UInt8(ascii: "+")]
        else { return nil }
        let inner = bytes[1..<(bytes.count - 2)]
        func plain(_ byte: UInt8) -> Bool {
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
                || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "_")
        }
        var index = inner.startIndex
        while index < inner.endIndex {
            let byte = inner[index]
            let dash = UInt8(ascii: "-")
            if index + 2 < inner.endIndex, inner[index + 1] == dash, plain(byte), plain(inner[index + 2]) {
                guard byte <= inner[index + 2] else { return nil }
                for member in byte...inner[index + 2] { self.members[Int(member)] = true }
                index += 3
            } else if plain(byte) || (byte == dash && (index == inner.startIndex || index == inner.endIndex - 1)) {
                self.members[Int(byte)] = true
                index += 1
            } else {
                return nil
            }
        }
    }

    /// Whether `value` is one or more characters of the class.
    func matchesWhole(_ value: String) -> Bool {
        !value.isEmpty && value.utf8.allSatisfy { $0 < 0x80 && self.members[Int($0)] }
    }
}
