import Foundation
import Groundwork

/// The catalogue's JSON columns (lists of URLs and ids, a map of category ids), written and read through
/// ``JSONValue``: `JSONEncoder` and `JSONDecoder` on every row dominated import and export time.
enum JSONText {
    /// `["a","b"]`.
    static func array(_ values: [String]) -> String {
        // Strings with nothing to escape (every URL and id) are written straight into the text, exactly as
        // JSONValue writes them, without building a value per string; anything else goes through JSONValue.
        var bytes: [UInt8] = [UInt8(ascii: "[")]
        for value in values {
            guard value.utf8.allSatisfy(Self.needsNoEscape) else {
                return JSONValue.array(values.map(JSONValue.string)).serialized
            }
            if bytes.count > 1 { bytes.append(UInt8(ascii: ",")) }
            bytes.append(UInt8(ascii: "\""))
            bytes.append(contentsOf: value.utf8)
            bytes.append(UInt8(ascii: "\""))
        }
        bytes.append(UInt8(ascii: "]"))
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `{"k":"v"}` with keys sorted, so equal maps give equal text.
    static func object(_ values: [String: String]) -> String {
        if values.isEmpty { return "{}" }  // nearly every product's category overrides
        return JSONValue.object(values.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) }).serialized
    }

    /// Whether JSONValue writes `byte` of a string as it is (it escapes quotes, backslashes and controls).
    private static func needsNoEscape(_ byte: UInt8) -> Bool {
        byte >= 0x20 && byte != UInt8(ascii: "\"") && byte != UInt8(ascii: "\\")
    }

    /// The strings of a JSON array of strings; `nil` when it is not one.
    static func parseStrings(_ text: String) -> [String]? {
        if let strings = Self.plainStrings(text) { return strings }
        guard case .array(let values)? = try? JSONValue.parse(Data(text.utf8)) else { return nil }
        let strings = values.compactMap { value -> String? in
            if case .string(let text) = value { return text }
            return nil
        }
        return strings.count == values.count ? strings : nil
    }

    /// The strings of `text` when it is written exactly as ``array(_:)`` writes strings that need no escape
    /// (`["a","b"]`, `[]`: no spaces, no backslashes, no control characters), as every row holds them: read
    /// from its bytes, without building a value. `nil` for anything else, which the JSON parser then reads.
    private static func plainStrings(_ text: String) -> [String]? {
        var text = text
        return text.withUTF8 { bytes -> [String]? in
            let quote = UInt8(ascii: "\"")
            guard bytes.count >= 2, bytes[0] == UInt8(ascii: "["), bytes[bytes.count - 1] == UInt8(ascii: "]") else {
                return nil
            }
            var strings: [String] = []
            var position = 1
            let end = bytes.count - 1
            while position < end {
                if !strings.isEmpty {
                    guard bytes[position] == UInt8(ascii: ",") else { return nil }
                    position += 1
                }
                guard position < end, bytes[position] == quote else { return nil }
                let start = position + 1
                position = start
                while position < end, bytes[position] != quote {
                    guard bytes[position] >= 0x20, bytes[position] != UInt8(ascii: "\\") else { return nil }
                    position += 1
                }
                guard position < end else { return nil }
                strings.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self))
                position += 1
            }
            return strings
        }
    }

    /// The members of a JSON object of strings; `nil` when it is not one.
    static func parseStringObject(_ text: String) -> [String: String]? {
        guard case .object(let members)? = try? JSONValue.parse(Data(text.utf8)) else { return nil }
        var result: [String: String] = [:]
        for (key, value) in members {
            guard case .string(let text) = value else { return nil }
            result[key] = text
        }
        return result
    }
}
