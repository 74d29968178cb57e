import Groundwork

/// Characters a catalogue value may not carry, because a feed could not carry them or a person could not see
/// them: NUL and the other C0 and C1 controls (tab and line breaks excepted), which XML 1.0 refuses and
/// terminals obey; the non-characters U+FFFE and U+FFFF; and, in codes, SKUs, barcodes, URLs and category ids,
/// bidirectional overrides and zero-width characters, which make two different values look the same.
enum TextSafety {
    /// Values that identify something, where an invisible character is a trap.
    static let identifying: Set<CatalogColumn> = [.code, .gtin, .mpn, .images, .link, .taxCode, .email, .phone]

    /// Why `text` may not be a value (of an identifying column when `identifying`); `nil` when it may.
    static func problem(in text: String, identifying: Bool) -> LocalizedText? {
        // Every refused character is a byte below 0x20 (tab and line breaks excepted) or 0x7F, or starts with
        // 0xC2 (C1 controls), 0xE2 (zero-width and direction marks) or 0xEF (U+FEFF, U+FFFE, U+FFFF), bytes that
        // only ever lead a character: text without them, nearly every value, needs no closer look.
        let clean = text.utf8.withContiguousStorageIfAvailable { $0.allSatisfy(Self.cannotStartARefusedCharacter) }
        if clean ?? text.utf8.allSatisfy(Self.cannotStartARefusedCharacter) { return nil }
        for (offset, scalar) in text.unicodeScalars.enumerated() {
            if let name = Self.refusedName(scalar, identifying: identifying) {
                return ImportMessages.refusedCharacter(name, codePoint: scalar.codePoint, at: offset + 1)
            }
        }
        return nil
    }

    /// `utf8` as a string when it is valid UTF-8 and a value exactly as written (``isPlain(_:)``), made in the
    /// same pass that checks it, without validating the bytes again; `nil` means only "look closer".
    static func plainText(_ utf8: UnsafeBufferPointer<UInt8>) -> String? {
        guard let ascii = Self.plainness(utf8) else { return nil }
        // Checked just above: every byte is in a complete, well-formed sequence.
        return String(copying: unsafe UTF8Span(unchecked: utf8.span, isKnownASCII: ascii))
    }

    /// Whether `utf8` is valid UTF-8 and a value exactly as written: not empty, no whitespace at either end to
    /// trim, in NFC whatever surrounds it, and no byte that could start a refused character. `false` means only
    /// "look closer" (through validation, ``problem(in:identifying:)`` and trimming), never "refused".
    static func isPlain(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        Self.plainness(utf8) != nil
    }

    /// Whether `utf8` is plain (see ``isPlain(_:)``), and if so whether it is ASCII; `nil` when it is not plain.
    private static func plainness(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool? {
        guard let first = utf8.first, let last = utf8.last, !Self.isSpaceByte(first), !Self.isSpaceByte(last) else {
            return nil
        }
        // Whitespace beyond ASCII either starts with 0xC2 or 0xE2 (looked at closely below) or is U+1680
        // (E1 9A 80) or U+3000 (E3 80 80), which are not taken as stable in NFC either.
        // One pass over the characters: each lead byte, its following bytes checked to be well-formed. Only the
        // leads taken below are taken at all: no refused start, and every character stable in NFC as String.nfc
        // decides it (two-byte ones below U+0300, lead 0xCB or less; three-byte ones by their value; four-byte
        // ones never).
        var ascii = true
        var offset = 0
        let count = utf8.count
        while offset < count {
            let lead = utf8[offset]
            // Printable ASCII first, by comparisons: most bytes of most values.
            if lead >= 0x20 && lead < 0x7F {
                offset += 1
                continue
            }
            switch lead {
            case 0x09, 0x0A, 0x0D:
                offset += 1
            case 0xC3...0xCB:
                guard offset + 1 < count, Self.isContinuation(utf8[offset + 1]) else { return nil }
                ascii = false
                offset += 2
            case 0xE0..<0xF0 where lead != 0xE2 && lead != 0xEF:
                guard offset + 2 < count else { return nil }
                let second = utf8[offset + 1], third = utf8[offset + 2]
                // E0 A0…BF (no overlong form), ED 80…9F (no surrogate), any other lead 80…BF.
                let lowest: UInt8 = lead == 0xE0 ? 0xA0 : 0x80
                let highest: UInt8 = lead == 0xED ? 0x9F : 0xBF
                guard second >= lowest && second <= highest, Self.isContinuation(third) else { return nil }
                let value = UInt32(lead & 0x0F) << 12 | UInt32(second & 0x3F) << 6 | UInt32(third & 0x3F)
                guard String.isStableInNFC(value) else { return nil }
                ascii = false
                offset += 3
            default:
                return nil  // a control, 0xC2, 0xE2, 0xEF, a combining mark or beyond, a four-byte character, or
            // a byte that starts no character
            }
        }
        return ascii
    }

    private static func isContinuation(_ byte: UInt8) -> Bool {
        byte & 0xC0 == 0x80
    }

    private static func isSpaceByte(_ byte: UInt8) -> Bool {
        byte == 0x20 || (0x09...0x0D).contains(byte)
    }

    private static func cannotStartARefusedCharacter(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x09, 0x0A, 0x0D: true
        case 0x00..<0x20, 0x7F, 0xC2, 0xE2, 0xEF: false
        default: true
        }
    }

    private static func refusedName(_ scalar: Unicode.Scalar, identifying: Bool) -> LocalizedText? {
        switch scalar.value {
        case 0x00: return ImportMessages.nulCharacter
        case 0x09, 0x0A, 0x0D: return nil
        case 0x01...0x1F, 0x7F: return ImportMessages.controlCharacter
        case 0x80...0x9F: return ImportMessages.controlCharacter
        case 0xFFFE, 0xFFFF: return ImportMessages.nonCharacter
        case 0x200B...0x200D, 0x2060, 0xFEFF: return identifying ? ImportMessages.zeroWidthCharacter : nil
        case 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F:
            return identifying ? ImportMessages.directionCharacter : nil
        default: return nil
        }
    }
}
