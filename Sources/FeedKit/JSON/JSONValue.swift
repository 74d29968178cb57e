public import Foundation

/// A JSON value that keeps the order of object members, so that our JSON feeds are byte-stable and can be
/// compared with golden files.
public enum JSONValue: Hashable, Sendable {
    case null
    case bool(Bool)
    /// A number as its JSON text, so that an int64 amount of micros never passes through a `Double`.
    case number(String)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): true
        case (.bool(let a), .bool(let b)): a == b
        case (.number(let a), .number(let b)): a == b
        case (.string(let a), .string(let b)): a == b
        case (.array(let a), .array(let b)): a == b
        case (.object(let a), .object(let b)):
            a.count == b.count && zip(a, b).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: false
        }
    }

    public func hash(into hasher: inout Hasher) {
        switch self {
        case .null: hasher.combine(0)
        case .bool(let value): hasher.combine(value)
        case .number(let value), .string(let value): hasher.combine(value)
        case .array(let values): hasher.combine(values)
        case .object(let members):
            for (key, value) in members {
                hasher.combine(key)
                hasher.combine(value)
            }
        }
    }

    /// The member `key` of an object.
    public subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.0 == key }?.1
    }

    /// The text of a string (or of a number).
    public var text: String? {
        switch self {
        case .string(let text), .number(let text): text
        default: nil
        }
    }

    /// Compact JSON text (no spaces; `/` not escaped; non-ASCII as UTF-8).
    public var serialized: String {
        var output = ""
        self.write(to: &output)
        return output
    }

    private func write(to output: inout String) {
        switch self {
        case .null: output += "null"
        case .bool(let value): output += value ? "true" : "false"
        case .number(let text): output += text
        case .string(let text): Self.writeString(text, to: &output)
        case .array(let values):
            output += "["
            for (index, value) in values.enumerated() {
                if index > 0 { output += "," }
                value.write(to: &output)
            }
            output += "]"
        case .object(let members):
            output += "{"
            for (index, (key, value)) in members.enumerated() {
                if index > 0 { output += "," }
                Self.writeString(key, to: &output)
                output += ":"
                value.write(to: &output)
            }
            output += "}"
        }
    }

    private static func writeString(_ text: String, to output: inout String) {
        output += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: output.unicodeScalars.append(scalar)
            }
        }
        output += "\""
    }

    /// Parses one JSON text. Throws a one-line reason when it is not JSON.
    public static func parse(_ data: Data) throws(FeedError) -> JSONValue {
        do {
            return try JSONDecoder().decode(Decoded.self, from: data).value
        } catch {
            let detail: String
            if case DecodingError.dataCorrupted(let context) = error {
                detail =
                    (context.underlyingError as? NSError)?.userInfo[NSDebugDescriptionErrorKey] as? String
                    ?? context.debugDescription
            } else {
                detail = "not JSON"
            }
            throw FeedError(.malformed, detail)
        }
    }

    /// Decodes a value keeping numbers as text and members in document order is not possible through
    /// `JSONDecoder` (it gives keys unordered), so members are sorted by key: order does not matter when
    /// reading, only when writing.
    private struct Decoded: Decodable {
        var value: JSONValue

        init(from decoder: any Decoder) throws {
            if var array = try? decoder.unkeyedContainer() {
                var values: [JSONValue] = []
                while !array.isAtEnd { values.append(try array.decode(Decoded.self).value) }
                self.value = .array(values)
            } else if let object = try? decoder.container(keyedBy: Key.self) {
                var members: [(String, JSONValue)] = []
                for key in object.allKeys.sorted(by: { $0.stringValue < $1.stringValue }) {
                    members.append((key.stringValue, try object.decode(Decoded.self, forKey: key).value))
                }
                self.value = .object(members)
            } else {
                let single = try decoder.singleValueContainer()
                if single.decodeNil() {
                    self.value = .null
                } else if let bool = try? single.decode(Bool.self) {
                    self.value = .bool(bool)
                } else if let integer = try? single.decode(Int64.self) {
                    self.value = .number(String(integer))
                } else if let double = try? single.decode(Double.self) {
                    self.value = .number(String(double))
                } else {
                    self.value = .string(try single.decode(String.self))
                }
            }
        }
    }

    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}
