import FeedKit
import Foundation
import Groundwork
import OCOPCatalog
import Operations

/// What `ocop categories suggest` prints: per kind, its products and its best leaves, then the category rules to
/// confirm, as YAML ready to paste; or, with `--json`, the same as one object, stable for scripts.
enum CategorySuggestOutput {
    /// The lines a person reads, in `language`.
    static func text(_ report: CategorySuggestionReport, in language: Language) -> String {
        let id = report.marketplace
        let day = CalendarDate(report.fetched).written(in: language)
        guard !report.entries.isEmpty else {
            return LocalizedText(
                en: report.everyKind
                    ? "\(id): the catalogue has no product offered on \(id)"
                    : "\(id): every product kind has a category rule of its own; --all suggests for every kind",
                vi: report.everyKind
                    ? "\(id): danh sách sản phẩm không có sản phẩm nào bán trên \(id)"
                    : "\(id): mọi loại sản phẩm đều đã có quy tắc danh mục riêng; thêm --all để xem gợi ý cho mọi loại"
            ).text(in: language) + "\n"
        }
        let kinds = report.entries.count
        var lines = [
            (report.everyKind
                ? LocalizedText(
                    en: "\(id): \(kinds) product \(kinds == 1 ? "kind" : "kinds"); leaves of the tree synced \(day)",
                    vi: "\(id): \(kinds) loại sản phẩm; gợi ý từ cây danh mục đồng bộ ngày \(day)"
                )
                : LocalizedText(
                    en: "\(id): \(kinds) product \(kinds == 1 ? "kind has" : "kinds have") no category rule of "
                        + "\(kinds == 1 ? "its" : "their") own; leaves of the tree synced \(day)",
                    vi: "\(id): \(kinds) loại sản phẩm chưa có quy tắc danh mục riêng; gợi ý từ cây danh mục đồng bộ "
                        + "ngày \(day)"
                )).text(in: language)
        ]
        if let stale = report.stale {
            lines.append(
                LocalizedText(
                    en: "(the tree is \(stale.days) days old, past the \(stale.limit) publishing trusts: run ocop "
                        + "categories sync \(id) before using these)",
                    vi: "(cây danh mục đã \(stale.days) ngày, quá \(stale.limit) ngày được tin dùng: hãy chạy ocop "
                        + "categories sync \(id) trước khi dùng các gợi ý này)"
                ).text(in: language)
            )
        }
        for entry in report.entries {
            lines.append("")
            lines.append(Self.heading(entry).text(in: language))
            if entry.suggestions.isEmpty {
                lines.append(
                    LocalizedText(
                        en: "  (no leaf shares a word with it)",
                        vi: "  (không danh mục cấp cuối nào có từ trùng)"
                    ).text(in: language)
                )
            }
            let width = entry.suggestions.map(\.id.count).max() ?? 0
            for (rank, suggestion) in entry.suggestions.enumerated() {
                let score = String(format: "%.2f", suggestion.score)
                lines.append(
                    "  \(rank + 1). \(suggestion.id.padded(to: width + 1)) \(suggestion.path)  "
                        + LocalizedText(en: "(score \(score))", vi: "(điểm \(score))").text(in: language)
                )
            }
        }
        lines.append("")
        lines.append(
            LocalizedText(
                en: "# Check each rule, then paste it into categories: in your copy of \(id).yaml, above its group: "
                    + "rules (the first rule that matches wins); name that folder with --mappings DIR.",
                vi: "# Kiểm tra từng quy tắc, rồi dán vào categories: trong bản \(id).yaml của bạn, phía trên các "
                    + "quy tắc group: (quy tắc khớp đầu tiên được dùng); chỉ tới thư mục đó bằng --mappings THƯ_MỤC."
            ).text(in: language)
        )
        for entry in report.entries {
            guard let rule = CategorySuggestRule(entry) else {
                lines.append(
                    LocalizedText(
                        en: "  # \(entry.kind.name): no suggestion",
                        vi: "  # \(entry.kind.name): không có gợi ý"
                    ).text(in: language)
                )
                continue
            }
            let asNow = LocalizedText(en: "  # as now", vi: "  # như hiện nay").text(in: language)
            lines.append("  " + rule.yaml + (entry.bestIsCurrent ? asNow : ""))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `hạt macadamia — 3 products; now: … > Thực phẩm khác, by its group only`.
    private static func heading(_ entry: CategorySuggestionReport.Entry) -> LocalizedText {
        let kind = entry.kind
        let count = kind.products
        var text = LocalizedText(
            en: "\(kind.name) — \(count) \(count == 1 ? "product" : "products")",
            vi: "\(kind.name) — \(count) sản phẩm"
        )
        if kind.subgroup == nil {
            text = text + LocalizedText(en: " without a sub-group", vi: " chưa có phân nhóm")
        }
        if kind.hasNoMapping, kind.unmapped < kind.products {
            text =
                text + LocalizedText(en: " (\(kind.unmapped) with no rule)", vi: " (\(kind.unmapped) chưa có quy tắc)")
        }
        guard let current = entry.currentPath else {
            return text + LocalizedText(en: "; now: no category", vi: "; hiện: chưa có danh mục")
        }
        text = text + LocalizedText(en: "; now: \(current)", vi: "; hiện: \(current)")
        return kind.hasNoMapping ? text + LocalizedText(en: ", by its group only", vi: ", chỉ theo nhóm") : text
    }

    /// The report as `--json` prints it.
    static func json(_ report: CategorySuggestionReport) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return String(decoding: try encoder.encode(JSONReport(report)), as: UTF8.self)
    }

    /// `{marketplace, tree_fetched, stale_days, kinds: [{kind, subgroup, groups, products, unmapped, current, current_id,
    /// suggestions: [{id, path, score}], rule: {keywords, group, category}}]}`.
    private struct JSONReport: Encodable {
        struct Kind: Encodable {
            var kind: String
            var subgroup: String?
            var groups: [String]
            var products: Int
            var unmapped: Int
            var current: String?
            var currentID: String?
            var suggestions: [CategorySuggestion]
            var rule: CategorySuggestRule?

            enum CodingKeys: String, CodingKey {
                case kind, subgroup, groups, products, unmapped, current, suggestions, rule
                case currentID = "current_id"
            }
        }

        var marketplace: String
        var treeFetched: Date
        /// How many days old the tree is, when that is past what publishing trusts.
        var staleDays: Int?
        var kinds: [Kind]

        enum CodingKeys: String, CodingKey {
            case marketplace, kinds
            case treeFetched = "tree_fetched"
            case staleDays = "stale_days"
        }

        init(_ report: CategorySuggestionReport) {
            self.marketplace = report.marketplace
            self.treeFetched = report.fetched
            self.staleDays = report.stale?.days
            self.kinds = report.entries.map { entry in
                Kind(
                    kind: entry.kind.name,
                    subgroup: entry.kind.subgroup,
                    groups: entry.kind.groups.map(\.rawValue),
                    products: entry.kind.products,
                    unmapped: entry.kind.unmapped,
                    current: entry.kind.current,
                    currentID: entry.currentID,
                    suggestions: entry.suggestions,
                    rule: CategorySuggestRule(entry)
                )
            }
        }
    }
}
