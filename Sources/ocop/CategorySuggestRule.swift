import FeedKit
import Foundation
import OCOPCatalog
import Operations

/// The category rule `ocop categories suggest` proposes for a kind: its sub-group as the keyword (it is a
/// whole word of every such product's sub-group, so the rule finds them all), or for products without one their
/// OCOP group, and the best leaf by its path of names, which follows the leaf if the marketplace renumbers it.
struct CategorySuggestRule: Encodable, Hashable {
    var keywords: [String]?
    var group: String?
    var category: String

    /// The rule for `entry`'s best leaf; `nil` when it has none.
    init?(_ entry: CategorySuggestionReport.Entry) {
        guard let best = entry.suggestions.first else { return nil }
        if let subgroup = entry.kind.subgroup {
            self.keywords = [subgroup]
            self.group = nil
        } else {
            self.keywords = nil
            self.group = entry.kind.groups.first?.rawValue
        }
        self.category = best.path
    }

    /// One line of a mapping's `categories:`, as the shipped mappings write them:
    /// `- { keywords: [hạt macadamia], category: "Thực Phẩm và Đồ Uống > … > Hạt mắc ca" }`.
    var yaml: String {
        var fields: [String] = []
        if let keywords { fields.append("keywords: [" + keywords.map(Self.scalar).joined(separator: ", ") + "]") }
        if let group { fields.append("group: \(group)") }
        fields.append("category: " + Self.quoted(self.category))
        return "- { " + fields.joined(separator: ", ") + " }"
    }

    /// `text` as a YAML flow scalar: bare when that reads back as the same text, else quoted.
    private static func scalar(_ text: String) -> String {
        let special = Set(":,[]{}#&*!|>'\"%@`?-\\")
        let plain =
            !text.isEmpty && !text.contains(where: special.contains)
            && text.trimmingCharacters(in: .whitespaces) == text
            && !["true", "false", "yes", "no", "on", "off", "null", "~"].contains(text.lowercased())
            && Double(text) == nil
        return plain ? text : Self.quoted(text)
    }

    /// `text` in double quotes, with `\` and `"` escaped.
    private static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
