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

    /// The strings of a JSON array of strings (as ``array(_:)`` writes it); `nil` when it is not one.
    static func parseStrings(_ text: String) -> [String]? {
        var parser = Parser(Array(text.utf8))
        guard let values = parser.stringArray(), parser.atEnd else { return nil }
        return values
    }

    /// The members of a JSON object of strings (as ``object(_:)`` writes it); `nil` when it is not one.
    static func parseStringObject(_ text: String) -> [String: String]? {
        var parser = Parser(Array(text.utf8))
        guard let members = parser.stringObject(), parser.atEnd else { return nil }
        return members
    }

    /// A small parser for arrays and objects of strings, the only JSON the catalogue stores.
    private struct Parser {
        private let bytes: [UInt8]
        private var index = 0

        init(_ bytes: [UInt8]) {
            self.bytes = bytes
        }

        var atEnd: Bool {
            mutating get {
                self.skipSpaces()
                return self.index == self.bytes.count
            }
        }

        private mutating func skipSpaces() {
            while self.index < self.bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(self.bytes[self.index]) {
                self.index += 1
            }
        }

        private mutating func take(_ byte: UInt8) -> Bool {
            self.skipSpaces()
            guard self.index < self.bytes.count, self.bytes[self.index] == byte else { return false }
            self.index += 1
            return true
        }

        mutating func stringArray() -> [String]? {
            guard self.take(UInt8(ascii: "[")) else { return nil }
            var values: [String] = []
            if self.take(UInt8(ascii: "]")) { return values }
            repeat {
                guard let value = self.string() else { return nil }
                values.append(value)
            } while self.take(UInt8(ascii: ","))
            return self.take(UInt8(ascii: "]")) ? values : nil
        }

        mutating func stringObject() -> [String: String]? {
            guard self.take(UInt8(ascii: "{")) else { return nil }
            var members: [String: String] = [:]
            if self.take(UInt8(ascii: "}")) { return members }
            repeat {
                guard let key = self.string(), self.take(UInt8(ascii: ":")), let value = self.string() else {
                    return nil
                }
                members[key] = value
            } while self.take(UInt8(ascii: ","))
            return self.take(UInt8(ascii: "}")) ? members : nil
        }

        mutating func string() -> String? {
            guard self.take(UInt8(ascii: "\"")) else { return nil }
            var output: [UInt8] = []
            while self.index < self.bytes.count {
                let byte = self.bytes[self.index]
                self.index += 1
                switch byte {
                case UInt8(ascii: "\""):
                    return String(decoding: output, as: UTF8.self)
                case UInt8(ascii: "\\"):
                    guard self.index < self.bytes.count else { return nil }
                    let escaped = self.bytes[self.index]
                    self.index += 1
                    switch escaped {
                    case UInt8(ascii: "n"): output.append(0x0A)
                    case UInt8(ascii: "r"): output.append(0x0D)
                    case UInt8(ascii: "t"): output.append(0x09)
                    case UInt8(ascii: "u"):
                        guard self.index + 4 <= self.bytes.count,
                            let code = UInt32(
                                String(decoding: self.bytes[self.index..<(self.index + 4)], as: UTF8.self),
                                radix: 16
                            ),
                            let scalar = Unicode.Scalar(code)
                        else { return nil }
                        self.index += 4
                        output += Array(String(scalar).utf8)
                    default: output.append(escaped)  // \" \\ \/
                    }
                default:
                    output.append(byte)
                }
            }
            return nil
        }
    }
}
