/// A strict recursive-descent JSON parser over bytes: objects keep their member order, numbers stay text
/// (so int64 micros never pass through a `Double`), nesting is bounded so hostile input cannot exhaust the
/// stack.
struct JSONParser {
    /// The deepest nesting accepted.
    static let maximumDepth = 64

    private let bytes: [UInt8]
    private var index = 0
    private var depth = 0

    init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// The one value the text holds; anything but whitespace after it is an error.
    mutating func document() throws(JSONSyntaxError) -> JSONValue {
        let value = try self.value()
        self.skipSpaces()
        guard self.index == self.bytes.count else { throw self.error("unexpected text after the value") }
        return value
    }

    private func error(_ reason: String) -> JSONSyntaxError {
        JSONSyntaxError("not valid JSON at byte \(self.index + 1): \(reason)")
    }

    private mutating func skipSpaces() {
        while self.index < self.bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(self.bytes[self.index]) {
            self.index += 1
        }
    }

    private mutating func value() throws(JSONSyntaxError) -> JSONValue {
        self.skipSpaces()
        guard self.index < self.bytes.count else { throw self.error("the text ends where a value should be") }
        switch self.bytes[self.index] {
        case UInt8(ascii: "{"): return try self.object()
        case UInt8(ascii: "["): return try self.array()
        case UInt8(ascii: "\""): return .string(try self.string())
        case UInt8(ascii: "t"): return try self.literal("true", .bool(true))
        case UInt8(ascii: "f"): return try self.literal("false", .bool(false))
        case UInt8(ascii: "n"): return try self.literal("null", .null)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try self.number()
        default: throw self.error("unexpected character")
        }
    }

    private mutating func literal(_ word: String, _ value: JSONValue) throws(JSONSyntaxError) -> JSONValue {
        let expected = Array(word.utf8)
        guard self.bytes[self.index...].starts(with: expected) else { throw self.error("unexpected character") }
        self.index += expected.count
        return value
    }

    private mutating func enter() throws(JSONSyntaxError) {
        self.depth += 1
        if self.depth > Self.maximumDepth { throw self.error("nested deeper than \(Self.maximumDepth) levels") }
        self.index += 1
    }

    private mutating func object() throws(JSONSyntaxError) -> JSONValue {
        try self.enter()
        defer { self.depth -= 1 }
        var members: [(String, JSONValue)] = []
        self.skipSpaces()
        if self.index < self.bytes.count, self.bytes[self.index] == UInt8(ascii: "}") {
            self.index += 1
            return .object(members)
        }
        while true {
            self.skipSpaces()
            guard self.index < self.bytes.count, self.bytes[self.index] == UInt8(ascii: "\"") else {
                throw self.error("expected a member name in quotes")
            }
            let key = try self.string()
            self.skipSpaces()
            guard self.index < self.bytes.count, self.bytes[self.index] == UInt8(ascii: ":") else {
                throw self.error("expected : after a member name")
            }
            self.index += 1
            members.append((key, try self.value()))
            self.skipSpaces()
            guard self.index < self.bytes.count else { throw self.error("an object is never closed") }
            let next = self.bytes[self.index]
            guard next == UInt8(ascii: ",") || next == UInt8(ascii: "}") else {
                throw self.error("expected , or } in an object")
            }
            self.index += 1
            if next == UInt8(ascii: "}") { return .object(members) }
        }
    }

    private mutating func array() throws(JSONSyntaxError) -> JSONValue {
        try self.enter()
        defer { self.depth -= 1 }
        var values: [JSONValue] = []
        self.skipSpaces()
        if self.index < self.bytes.count, self.bytes[self.index] == UInt8(ascii: "]") {
            self.index += 1
            return .array(values)
        }
        while true {
            values.append(try self.value())
            self.skipSpaces()
            guard self.index < self.bytes.count else { throw self.error("an array is never closed") }
            let next = self.bytes[self.index]
            guard next == UInt8(ascii: ",") || next == UInt8(ascii: "]") else {
                throw self.error("expected , or ] in an array")
            }
            self.index += 1
            if next == UInt8(ascii: "]") { return .array(values) }
        }
    }

    private mutating func number() throws(JSONSyntaxError) -> JSONValue {
        let start = self.index
        func digits() -> Int {
            let first = self.index
            while self.index < self.bytes.count,
                (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(self.bytes[self.index])
            {
                self.index += 1
            }
            return self.index - first
        }
        if self.bytes[self.index] == UInt8(ascii: "-") { self.index += 1 }
        let integer = digits()
        guard integer > 0, !(integer > 1 && self.bytes[self.index - integer] == UInt8(ascii: "0")) else {
            throw self.error("a number is malformed")
        }
        if self.index < self.bytes.count, self.bytes[self.index] == UInt8(ascii: ".") {
            self.index += 1
            guard digits() > 0 else { throw self.error("a number is malformed") }
        }
        if self.index < self.bytes.count, self.bytes[self.index] | 0x20 == UInt8(ascii: "e") {
            self.index += 1
            if self.index < self.bytes.count, [UInt8(ascii: "+"), UInt8(ascii: "-")].contains(self.bytes[self.index]) {
                self.index += 1
            }
            guard digits() > 0 else { throw self.error("a number is malformed") }
        }
        return .number(String(decoding: self.bytes[start..<self.index], as: UTF8.self))
    }

    private mutating func string() throws(JSONSyntaxError) -> String {
        self.index += 1  // the opening quote
        var output: [UInt8] = []
        while self.index < self.bytes.count {
            let byte = self.bytes[self.index]
            self.index += 1
            switch byte {
            case UInt8(ascii: "\""):
                guard let text = String(validating: output, as: UTF8.self) else {
                    throw self.error("a string is not UTF-8")
                }
                return text
            case UInt8(ascii: "\\"):
                guard self.index < self.bytes.count else { break }
                let escaped = self.bytes[self.index]
                self.index += 1
                switch escaped {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): output.append(escaped)
                case UInt8(ascii: "b"): output.append(0x08)
                case UInt8(ascii: "f"): output.append(0x0C)
                case UInt8(ascii: "n"): output.append(0x0A)
                case UInt8(ascii: "r"): output.append(0x0D)
                case UInt8(ascii: "t"): output.append(0x09)
                case UInt8(ascii: "u"): output += Array(String(try self.unicodeEscape()).utf8)
                default: throw self.error("an unknown escape \\\(Character(Unicode.Scalar(escaped)))")
                }
            case 0x00..<0x20:
                throw self.error("a control character inside a string")
            default:
                output.append(byte)
            }
        }
        throw self.error("a string is never closed")
    }

    /// `\uXXXX`, joining a surrogate pair into one scalar.
    private mutating func unicodeEscape() throws(JSONSyntaxError) -> Unicode.Scalar {
        let high = try self.hex4()
        if (0xD800..<0xDC00).contains(high) {
            guard self.bytes[self.index...].starts(with: Array("\\u".utf8)) else {
                throw self.error("a lone surrogate")
            }
            self.index += 2
            let low = try self.hex4()
            guard (0xDC00..<0xE000).contains(low),
                let scalar = Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))
            else { throw self.error("a bad surrogate pair") }
            return scalar
        }
        guard let scalar = Unicode.Scalar(high) else { throw self.error("a lone surrogate") }
        return scalar
    }

    private mutating func hex4() throws(JSONSyntaxError) -> UInt32 {
        guard self.index + 4 <= self.bytes.count,
            let value = UInt32(String(decoding: self.bytes[self.index..<(self.index + 4)], as: UTF8.self), radix: 16)
        else { throw self.error("a bad \\u escape") }
        self.index += 4
        return value
    }
}
