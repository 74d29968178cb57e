extension String {
    /// The text with `&`, `<` and `>` written as entities (and `"` and `'` too with `quotes`), for HTML text
    /// or, with `quotes`, attribute values. Worked on the UTF-8 bytes: the markup characters are ASCII and
    /// never part of a longer character, and text with none of them (most of it) is returned as it is.
    public func escapingMarkup(quotes: Bool = false) -> String {
        var text = self  // withUTF8 makes a bridged string contiguous; a native one is used in place
        return text.withUTF8 { Self.escapingMarkup($0, quotes: quotes) } ?? self
    }

    /// `nil` when `bytes` hold nothing to escape.
    private static func escapingMarkup(_ bytes: UnsafeBufferPointer<UInt8>, quotes: Bool) -> String? {
        func entity(_ byte: UInt8) -> StaticString? {
            switch byte {
            case UInt8(ascii: "&"): "&amp;"
            case UInt8(ascii: "<"): "&lt;"
            case UInt8(ascii: ">"): "&gt;"
            case UInt8(ascii: "\"") where quotes: "&quot;"
            case UInt8(ascii: "'") where quotes: "&#39;"
            default: nil
            }
        }
        guard let first = bytes.firstIndex(where: { entity($0) != nil }) else { return nil }
        var escaped: [UInt8] = []
        escaped.reserveCapacity(bytes.count + 16)
        escaped.append(contentsOf: bytes[..<first])
        for byte in bytes[first...] {
            if let entity = entity(byte) {
                escaped.append(
                    contentsOf: UnsafeBufferPointer(start: entity.utf8Start, count: entity.utf8CodeUnitCount)
                )
            } else {
                escaped.append(byte)
            }
        }
        return String(decoding: escaped, as: UTF8.self)
    }
}
