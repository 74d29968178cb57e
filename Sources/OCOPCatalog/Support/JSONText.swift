/// Minimal JSON text for the catalogue's few JSON columns (lists of URLs and ids, a map of category ids):
/// written by hand because `JSONEncoder` on every row dominated import time.
enum JSONText {
    /// `["a","b"]`.
    static func array(_ values: some Sequence<String>) -> String {
        "[" + values.map(Self.string).joined(separator: ",") + "]"
    }

    /// `{"k":"v"}` with keys sorted, so equal maps give equal text.
    static func object(_ values: [String: String]) -> String {
        "{"
            + values.sorted { $0.key < $1.key }.map { Self.string($0.key) + ":" + Self.string($0.value) }
            .joined(separator: ",") + "}"
    }

    /// A JSON string literal: quotes, backslashes and control characters escaped.
    static func string(_ text: String) -> String {
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") }) {
            return "\"" + text + "\""
        }
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}
