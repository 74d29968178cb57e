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

    /// Whether valid UTF-8 `utf8` is a value exactly as written: not empty, no whitespace at either end to trim,
    /// in NFC whatever surrounds it, and no byte that could start a refused character. `false` means only
    /// "look closer" (through ``problem(in:identifying:)`` and trimming), never "refused".
    static func isPlain(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = utf8.first, let last = utf8.last, !Self.isSpaceByte(first), !Self.isSpaceByte(last) else {
            return false
        }
        // Whitespace beyond ASCII either starts with 0xC2 or 0xE2 (refused above, so looked at closely) or is
        // U+1680 (E1 9A 80) or U+3000 (E3 80 80).
        if utf8.count >= 3 {
            for (a, b, c) in [(utf8[0], utf8[1], utf8[2]), (utf8[utf8.count - 3], utf8[utf8.count - 2], last)]
            where (a, b, c) == (0xE1, 0x9A, 0x80) || (a, b, c) == (0xE3, 0x80, 0x80) {
                return false
            }
        }
        // One pass over the characters' first bytes (a following byte never starts a refused character): no
        // refused start, and every character stable in NFC as String.nfc decides it (two-byte ones below U+0300,
        // lead 0xCB or less; three-byte ones by their value; four-byte ones never).
        var offset = 0
        while offset < utf8.count {
            let lead = utf8[offset]
            switch lead {
            case 0x09, 0x0A, 0x0D, 0x20..<0x7F:
                offset += 1
            case 0xC3...0xCB:
                offset += 2
            case 0xE0..<0xF0 where lead != 0xE2 && lead != 0xEF:
                let value =
                    UInt32(lead & 0x0F) << 12 | UInt32(utf8[offset + 1] & 0x3F) << 6 | UInt32(utf8[offset + 2] & 0x3F)
                guard String.isStableInNFC(value) else { return false }
                offset += 3
            default:
                return false  // a control, 0xC2, 0xE2, 0xEF, a combining mark or beyond, a four-byte character
            }
        }
        return true
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
