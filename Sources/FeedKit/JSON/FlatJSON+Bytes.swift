import OCOPCatalog

extension FlatJSON {
    /// Appends to `bytes` the UTF-8 of `encode(attributes).serialized`, byte for byte, without building the
    /// value: no dictionary of names, no intermediate strings. Content hashes are taken of these bytes for
    /// every listing of every run, so they are written straight into one buffer.
    static func write(_ attributes: [Attribute], into bytes: inout [UInt8]) {
        let count = attributes.count
        bytes.append(UInt8(ascii: "{"))
        guard count > 0 else {
            bytes.append(UInt8(ascii: "}"))
            return
        }
        // Each attribute's name group (its first appearance, in order), and each group's size: a repeated
        // name becomes one member holding an array, where its first appearance was.
        withUnsafeTemporaryAllocation(of: Int.self, capacity: 3 * count) { scratch in
            let group = UnsafeMutableBufferPointer(rebasing: scratch[0..<count])
            let firsts = UnsafeMutableBufferPointer(rebasing: scratch[count..<(2 * count)])
            let sizes = UnsafeMutableBufferPointer(rebasing: scratch[(2 * count)...])
            var groups = 0
            for index in 0..<count {
                let name = attributes[index].name
                let length = name.utf8.count
                var found = -1
                for known in 0..<groups {
                    let other = attributes[firsts[known]].name
                    if other.utf8.count == length && other == name {
                        found = known
                        break
                    }
                }
                if found < 0 {
                    found = groups
                    firsts[groups] = index
                    sizes[groups] = 0
                    groups += 1
                }
                group[index] = found
                sizes[found] += 1
            }
            for known in 0..<groups {
                if known > 0 { bytes.append(UInt8(ascii: ",")) }
                let first = firsts[known]
                Self.writeString(attributes[first].name, into: &bytes)
                bytes.append(UInt8(ascii: ":"))
                if sizes[known] == 1 {
                    Self.writeValue(attributes[first].value, into: &bytes)
                    continue
                }
                bytes.append(UInt8(ascii: "["))
                var written = 0
                for index in first..<count where group[index] == known {
                    if written > 0 { bytes.append(UInt8(ascii: ",")) }
                    Self.writeValue(attributes[index].value, into: &bytes)
                    written += 1
                }
                bytes.append(UInt8(ascii: "]"))
            }
        }
        bytes.append(UInt8(ascii: "}"))
    }

    private static func writeValue(_ value: Attribute.Value, into bytes: inout [UInt8]) {
        switch value {
        case .text(let text): Self.writeString(text, into: &bytes)
        case .group(let members): Self.write(members, into: &bytes)
        }
    }

    /// `text` as a JSON string, escaped as `JSONValue.serialized` escapes it: `"` and `\` with a backslash,
    /// newline, return and tab by their letters, other control characters as `\u00xx`.
    static func writeString(_ text: String, into bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "\""))
        let done: Void? = text.utf8.withContiguousStorageIfAvailable { Self.writeEscaped($0, into: &bytes) }
        if done == nil { Array(text.utf8).withUnsafeBufferPointer { Self.writeEscaped($0, into: &bytes) } }
        bytes.append(UInt8(ascii: "\""))
    }

    private static func writeEscaped(_ utf8: UnsafeBufferPointer<UInt8>, into bytes: inout [UInt8]) {
        guard Self.needsEscaping(utf8) else {
            bytes.append(contentsOf: utf8)
            return
        }
        // Bytes of multi-byte characters are all 0x80 or above: copied as they are.
        for byte in utf8 {
            switch byte {
            case UInt8(ascii: "\""): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: "\\"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case UInt8(ascii: "\n"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case UInt8(ascii: "\r"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case UInt8(ascii: "\t"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case 0..<0x20:
                bytes.append(contentsOf: Array(#"\u00"#.utf8))
                bytes.append(Self.hexDigits[Int(byte >> 4)])
                bytes.append(Self.hexDigits[Int(byte & 0x0F)])
            default: bytes.append(byte)
            }
        }
    }

    /// Whether any byte of `utf8` needs an escape (a control character, `"` or `\`), looked for 8 bytes at a
    /// time: descriptions run to hundreds of bytes, and nearly none need one. A word has a byte below `n`
    /// (`n` ≤ 128) exactly when `(word - n·0x01…01) & ~word & 0x80…80` is not zero, and a byte equal to `b`
    /// exactly when `word ^ b·0x01…01` has a byte below 1.
    private static func needsEscaping(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = utf8.baseAddress else { return false }
        let raw = UnsafeRawPointer(base)
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        func hasByte(below limit: UInt64, in word: UInt64) -> Bool { (word &- ones &* limit) & ~word & highs != 0 }
        var offset = 0
        while offset + 8 <= utf8.count {
            let word = raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            if hasByte(below: 0x20, in: word) || hasByte(below: 1, in: word ^ (ones &* 0x22))
                || hasByte(below: 1, in: word ^ (ones &* 0x5C))
            {
                return true
            }
            offset += 8
        }
        while offset < utf8.count {
            let byte = utf8[offset]
            if byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { return true }
            offset += 1
        }
        return false
    }

    /// Lowercase hexadecimal digits, as `String(_:radix: 16)` writes them.
    static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)
}
