import Foundation
import Groundwork

/// A flat group of settings (one marketplace, `serve`, one job), with `${VAR}` resolved from the environment.
public struct Settings: Hashable, Sendable {
    /// Where the group sits in the file, for messages: `ocop.yaml: marketplaces.shopee`.
    public var path: String
    private var values: [String: String]
    private var missingVariables: [String: String]

    /// Creates settings from resolved values; `missingVariables` maps a key to the unset variable it names.
    public init(path: String, values: [String: String], missingVariables: [String: String] = [:]) {
        self.path = path
        self.values = values
        self.missingVariables = missingVariables
    }

    /// The keys present.
    public var keys: [String] { self.values.keys.sorted() }

    /// The value of `key`, or `nil` when absent. Throws when it names an environment variable that is not set.
    public func value(_ key: String) throws(ConfigurationError) -> String? {
        if let variable = self.missingVariables[key] {
            throw ConfigurationError(
                .missingSecret,
                LocalizedText(
                    en: "\(self.path).\(key) needs the environment variable \(variable), which is not set",
                    vi: "\(self.path).\(key) cần biến môi trường \(variable), nhưng biến này chưa được đặt"
                )
            )
        }
        return self.values[key]
    }

    /// The value of `key`; throws when it is absent.
    public func require(_ key: String) throws(ConfigurationError) -> String {
        guard let value = try self.value(key) else {
            throw ConfigurationError(.invalid, "\(self.path).\(key) is required")
        }
        return value
    }

    /// The value of `key` as a list: a YAML list, or one value with commas between items; empty when absent.
    public func list(_ key: String) throws(ConfigurationError) -> [String] {
        guard let value = try self.value(key) else { return [] }
        return value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// Throws when a key outside `allowed` is present (a typo would otherwise be silently ignored).
    public func allowOnly(_ allowed: Set<String>) throws(ConfigurationError) {
        if let unknown = self.values.keys.sorted().first(where: { !allowed.contains($0) }) {
            throw ConfigurationError(
                .invalid,
                "\(self.path).\(unknown): unknown key (expected \(allowed.sorted().joined(separator: ", ")))"
            )
        }
    }
}

/// Reads the untyped YAML tree into settings, with messages that name the key.
struct SettingsReader {
    let file: String
    let environment: [String: String]

    func mapping(_ value: Any, at path: String) throws(ConfigurationError) -> [String: Any] {
        guard let mapping = value as? [String: Any] else {
            throw ConfigurationError(
                .invalid,
                "\(self.file): \(path.isEmpty ? "the file" : path) must be a mapping of keys"
            )
        }
        return mapping
    }

    func scalar(_ value: Any, at path: String) throws(ConfigurationError) -> String {
        switch value {
        case let text as String: return text
        case let number as Int: return String(number)
        case let number as Double: return String(number)
        case let flag as Bool: return String(flag)
        default: throw ConfigurationError(.invalid, "\(self.file): \(path) must be a single value")
        }
    }

    func settings(_ value: Any, at path: String) throws(ConfigurationError) -> Settings {
        var values: [String: String] = [:]
        var missing: [String: String] = [:]
        for (key, raw) in try self.mapping(value, at: path) {
            // A list of single values is kept as one comma-separated value (see `Settings.list`).
            var text: String
            if let list = raw as? [Any] {
                var items: [String] = []
                for item in list { items.append(try self.scalar(item, at: "\(path).\(key)")) }
                text = items.joined(separator: ",")
            } else {
                text = try self.scalar(raw, at: "\(path).\(key)")
            }
            let (resolved, unset) = self.expand(text)
            values[key] = resolved
            if let unset { missing[key] = unset }
        }
        return Settings(path: "\(self.file): \(path)", values: values, missingVariables: missing)
    }

    /// Replaces each `${VAR}` with its value; reports the first variable that is not set.
    func expand(_ text: String) -> (String, unset: String?) {
        var result = ""
        var unset: String?
        var rest = Substring(text)
        while let start = rest.range(of: "${"), let end = rest[start.upperBound...].firstIndex(of: "}") {
            result += rest[..<start.lowerBound]
            let name = String(rest[start.upperBound..<end])
            if let value = self.environment[name] {
                result += value
            } else if unset == nil {
                unset = name
            }
            rest = rest[rest.index(after: end)...]
        }
        result += rest
        return (result, unset)
    }
}
