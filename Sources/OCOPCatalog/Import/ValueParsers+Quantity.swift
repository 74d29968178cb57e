extension ValueParsers {
    /// A net quantity as ``NetQuantity/init(parsing:)`` reads it; the usual ASCII spellings (`500 g`, `1,5kg`)
    /// are read from the bytes in one pass, without splitting the number or iterating its characters.
    static func netQuantity(_ text: String) -> Result<NetQuantity, RowProblem.Reason> {
        if let (thousandths, unit) = Self.plainQuantity(text), var quantity = Self.quantityTemplate {
            quantity.thousandths = thousandths
            quantity.unit = unit
            return .success(quantity)
        }
        return NetQuantity(parsing: text).map { .success($0) } ?? .failure(.init(ImportMessages.notANetQuantity(text)))
    }

    /// A quantity whose (public) fields the shortcut sets: NetQuantity has no initialiser taking them.
    private static let quantityTemplate = NetQuantity(parsing: "1 g")

    /// The thousandths and unit of `text` when it is up to 15 digits, optionally a `.` or `,` and one to three
    /// digits, optionally spaces, then ASCII letters: what ``NetQuantity/init(parsing:)`` reads the same way.
    /// `nil` for anything else (and for a quantity of zero), which is then read the long way.
    private static func plainQuantity(_ text: String) -> (Int64, String)? {
        var whole: Int64 = 0
        var wholeDigits = 0
        var fraction: Int64 = 0
        var fractionDigits = 0
        // 0: the whole number; 1: its decimals; 2: spaces; 3: the unit.
        var part = 0
        var unitStart = text.utf8.endIndex
        for index in text.utf8.indices {
            let byte = text.utf8[index]
            let isDigit = byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
            let isLetter = (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
            switch part {
            case 0 where isDigit:
                whole = whole * 10 + Int64(byte - UInt8(ascii: "0"))
                wholeDigits += 1
                guard wholeDigits <= 15 else { return nil }
            case 0 where byte == UInt8(ascii: ".") || byte == UInt8(ascii: ","):
                guard wholeDigits > 0 else { return nil }
                part = 1
            case 1 where isDigit:
                fraction = fraction * 10 + Int64(byte - UInt8(ascii: "0"))
                fractionDigits += 1
                guard fractionDigits <= 3 else { return nil }
            case 0, 1, 2:
                // Past the number: spaces, then the unit's first letter.
                guard wholeDigits > 0, part != 1 || fractionDigits > 0, byte == UInt8(ascii: " ") || isLetter else {
                    return nil
                }
                part = isLetter ? 3 : 2
                if isLetter { unitStart = index }
            default:
                guard isLetter else { return nil }
            }
        }
        guard part == 3 else { return nil }
        let scale: Int64 =
            switch fractionDigits {
            case 1: 100
            case 2: 10
            default: 1
            }
        let thousandths = whole * 1000 + fraction * scale
        guard thousandths > 0 else { return nil }
        return (thousandths, String(Substring(text.utf8[unitStart...])))
    }
}
