import FeedKit
import Foundation
import Groundwork

/// Writing validation reports for people (a table, held-back lines) and scripts (stable JSON).
enum ReportOutput {
    /// Lists each held-back item with its reasons on stderr; returns how many failed the marketplace's
    /// rules (as opposed to being withdrawn by OCOP rules: expired, revoked, a service).
    static func printHeldBack(_ report: ValidationReport, language: Language) -> Int {
        let heldBack = report.heldBackItems
        for finding in report.findings where finding.severity == .error {
            // A withdrawn item's other errors do not matter: it is not sent anyway.
            guard ValidationReport.withdraws(finding) || heldBack.contains(finding.item) else { continue }
            let ocop = ValidationReport.withdraws(finding)
            Terminal.error(
                LocalizedText(
                    en:
                        "\(ocop ? "withdrawn" : "held back"): \(finding.item): \(finding.attribute): \(finding.message)",
                    vi: "\(ocop ? "gỡ khỏi sàn" : "tạm giữ"): \(finding.item): \(finding.text.vietnamese)"
                ).text(in: language)
            )
        }
        let unlisted = report.errors + report.warnings - report.findings.count
        if unlisted > 0 {
            Terminal.error(
                LocalizedText(
                    en: "note: only the first \(report.findings.count) findings are listed (here and in the report); "
                        + "\(unlisted) more are not, though the counts include them",
                    vi: "lưu ý: chỉ liệt kê \(report.findings.count) vấn đề đầu tiên (ở đây và trong báo cáo); còn "
                        + "\(unlisted) vấn đề nữa không được liệt kê, nhưng vẫn được tính trong tổng số"
                ).text(in: language)
            )
        }
        return heldBack.count
    }

    /// A table of findings and a summary, for a terminal, in `language`.
    static func printTable(_ report: ValidationReport, language: Language) {
        var lines: [String] = []
        for finding in report.findings {
            let value = finding.value.map { " [\($0.count > 60 ? String($0.prefix(57)) + "…" : $0)]" } ?? ""
            lines.append(
                "\(finding.severity.rawValue.padded(to: 8))\(finding.item.padded(to: 18))\(finding.attribute.padded(to: 24))\(finding.rule.padded(to: 16))\(finding.text.text(in: language))\(value)"
            )
        }
        if !lines.isEmpty {
            print(
                "SEVERITY".padded(to: 8) + "ITEM".padded(to: 18) + "ATTRIBUTE".padded(to: 24) + "RULE".padded(to: 16)
                    + "MESSAGE"
            )
            print(lines.joined(separator: "\n").terminalSafe)  // a feed from elsewhere may carry anything
        }
        let listed =
            report.findings.count < report.errors + report.warnings ? " (first \(report.findings.count) listed)" : ""
        let vietnameseListed = listed.isEmpty ? "" : " (liệt kê \(report.findings.count) vấn đề đầu)"
        print(
            LocalizedText(
                en: "\(report.marketplace): \(report.items) items, \(report.valid) valid, \(report.errors) errors, "
                    + "\(report.warnings) warnings\(listed)",
                vi: "\(report.marketplace): \(report.items) sản phẩm, hợp lệ \(report.valid), lỗi \(report.errors), "
                    + "cảnh báo \(report.warnings)\(vietnameseListed)"
            ).text(in: language)
        )
    }
}
