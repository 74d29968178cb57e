import Foundation
import Groundwork

/// The catalogue's JSON columns (lists of URLs and ids, a map of category ids), written and read through
/// ``JSONValue``: `JSONEncoder` and `JSONDecoder` on every row dominated import and export time.
enum JSONText {
    /// `["a","b"]`.
    static func array(_ values: some Sequence<String>) -> String {
        JSONValue.array(values.map(JSONValue.string)).serialized
    }

    /// `{"k":"v"}` with keys sorted, so equal maps give equal text.
    static func object(_ values: [String: String]) -> String {
        JSONValue.object(values.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) }).serialized
    }

    /// The strings of a JSON array of strings; `nil` when it is not one.
    static func parseStrings(_ text: String) -> [String]? {
        guard case .array(let values)? = try? JSONValue.parse(Data(text.utf8)) else { return nil }
        let strings = values.compactMap { value -> String? in
            if case .string(let text) = value { return text }
            return nil
        }
        return strings.count == values.count ? strings : nil
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
