import Foundation
public import Groundwork
import OCOPCatalog
import Publishing

/// The readiness report as one self-contained HTML page: inline styles, no scripts, no external assets
/// but the products' own thumbnails; Vietnamese throughout the data, readable on a phone. Small at any
/// catalogue size: the counts, the problems (one card per reason) and the expiring certificates always; the
/// matrix of every product with every reason only while the report keeps every row.
public enum ReadinessPage {
    /// The page for `report`, in the words of `language`.
    public static func html(_ report: ReadinessReport, language: Language = .english) -> String {
        let say = PageWords(language)
        var page = """
            <!doctype html>
            <html lang="\(language.rawValue)">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>OCOP Connect — \(say("readiness", "sẵn sàng lên sàn"))</title>
            <style>\(Self.style)</style>
            </head>
            <body>
            <header><h1>\(say("Readiness", "Sẵn sàng lên sàn"))</h1>
            <p>\(Self.counts(products: report.summary.products, marketplaces: report.marketplaces.count, today: report.today, say))</p></header>

            """
        page += Self.summary(report, say)
        page += Self.problems(report, say)
        if report.listsEveryProduct {
            page += Self.matrix(report, say)
            page += Self.reasons(report, say)
        } else {
            page += Self.everyProductElsewhere(report, say)
        }
        page += Self.expiring(report, say)
        page += Self.runs(report.runs, say)
        page += "<footer>OCOP Connect · \(Self.escape(Self.timestamp(report.generated)))</footer>\n</body>\n</html>\n"
        return page
    }

    /// `46 OCOP products · 7 marketplaces · as of 2026-11-29` (`… tính đến 29/11/2026`).
    static func counts(products: Int, marketplaces: Int, today: CalendarDate, _ say: PageWords) -> String {
        say(
            "\(products) OCOP products · \(marketplaces) marketplaces · as of \(today)",
            "\(products) sản phẩm OCOP · \(marketplaces) sàn · tính đến \(today.written(in: .vietnamese))"
        )
    }

    private static func summary(_ report: ReadinessReport, _ say: PageWords) -> String {
        var html = "<section id=\"summary\"><h2>\(say("Per marketplace", "Theo sàn"))</h2>\n"
        html += "<div class=\"scroll\"><table class=\"counts\"><thead><tr>"
        html += "<th>\(say("Marketplace", "Sàn"))</th>"
        for state in ReadinessReport.State.allCases { html += "<th>\(say.state(state))</th>" }
        html += "</tr></thead><tbody>\n"
        for marketplace in report.marketplaces {
            html += "<tr data-marketplace=\"\(Self.escape(marketplace))\"><th>\(Self.escape(marketplace))</th>"
            for state in ReadinessReport.State.allCases {
                html += "<td class=\"\(Self.cssClass(state))\">\(report.count(state, on: marketplace))</td>"
            }
            html += "</tr>\n"
        }
        return html + "</tbody></table></div></section>\n"
    }

    private static func matrix(_ report: ReadinessReport, _ say: PageWords) -> String {
        var html = "<section id=\"matrix\"><h2>\(say("Products × marketplaces", "Sản phẩm × sàn"))</h2>\n"
        html += "<div class=\"scroll\"><table class=\"matrix\"><thead><tr><th>\(say("Product", "Sản phẩm"))</th>"
        for marketplace in report.marketplaces { html += "<th>\(Self.escape(marketplace))</th>" }
        html += "</tr></thead><tbody>\n"
        for row in report.rows {
            html += "<tr id=\"p-\(Self.escape(row.code))\"><th scope=\"row\">"
            if let thumbnail = row.thumbnail {
                html += "<img src=\"\(Self.escape(thumbnail))\" alt=\"\" width=\"48\" height=\"48\" loading=\"lazy\">"
            } else {
                html += "<span class=\"noimg\"></span>"
            }
            html += "<span class=\"who\"><b>\(Self.escape(row.name))</b>"
            html += "<small>\(Self.escape(row.code)) · <span class=\"star\" title=\"\(row.star) sao\">"
            html +=
                "\(String(repeating: "★", count: row.star))</span> · \(Self.escape(row.producer))</small></span></th>"
            for marketplace in report.marketplaces {
                let cell =
                    row.cells[marketplace]
                    ?? ReadinessReport.Cell(state: .withdrawn, reasons: [say("not assessed", "chưa đánh giá")])
                let label = Self.escape(say.state(cell.state))
                html += "<td class=\"\(Self.cssClass(cell.state))\" data-marketplace=\"\(Self.escape(marketplace))\">"
                html +=
                    cell.reasons.isEmpty
                    ? label : "<a href=\"#\(Self.anchor(row.code, marketplace))\">\(label)</a>"
                html += "</td>"
            }
            html += "</tr>\n"
        }
        return html + "</tbody></table></div></section>\n"
    }

    private static func reasons(_ report: ReadinessReport, _ say: PageWords) -> String {
        var html = "<section id=\"reasons\"><h2>\(say("Reasons", "Lý do"))</h2>\n"
        for row in report.rows {
            for marketplace in report.marketplaces {
                guard let cell = row.cells[marketplace], !cell.reasons.isEmpty else { continue }
                html +=
                    "<div class=\"reason \(Self.cssClass(cell.state))\" id=\"\(Self.anchor(row.code, marketplace))\">"
                html +=
                    "<h3>\(Self.escape(row.code)) · \(Self.escape(marketplace)): \(Self.escape(say.state(cell.state)))</h3>"
                html += "<p>\(Self.escape(row.name))</p><ul>"
                for reason in cell.reasons { html += "<li>\(Self.escape(reason))</li>" }
                html +=
                    "</ul><a class=\"back\" href=\"#p-\(Self.escape(row.code))\">↩ \(say("table", "bảng"))</a></div>\n"
            }
        }
        return html + "</section>\n"
    }

    private static func expiring(_ report: ReadinessReport, _ say: PageWords) -> String {
        let summary = report.summary
        var html = "<section id=\"expiring\"><h2>"
        html += say(
            "Certificates expiring within \(report.expiryWindowDays) days (\(summary.expiringCount))",
            "Chứng nhận sắp hết hạn trong \(report.expiryWindowDays) ngày (\(summary.expiringCount))"
        )
        html += "</h2>\n"
        guard !summary.expiring.isEmpty else { return html + "<p>\(say("None.", "Không có."))</p></section>\n" }
        html += "<table><thead><tr>\(Self.expiringHeadings(say))</tr></thead><tbody>\n"
        for product in summary.expiring {
            html += "<tr><td>\(Self.mention(product.code, linked: report.listsEveryProduct)) "
            html += "\(Self.escape(product.name))</td><td>\(product.expires.written(in: say.language))</td>"
            html += "<td>\(Self.escape(product.producer))</td></tr>\n"
        }
        html += "</tbody></table>\n"
        if summary.expiringCount > summary.expiring.count {
            html += "<p class=\"more\">"
            html += say(
                "The \(summary.expiring.count) soonest of \(summary.expiringCount).",
                "\(summary.expiring.count) chứng nhận hết hạn sớm nhất trong \(summary.expiringCount)."
            )
            html += "</p>\n"
        }
        return html + "</section>\n"
    }

    /// The headings of a table of expiring certificates.
    static func expiringHeadings(_ say: PageWords) -> String {
        "<th>\(say("Product", "Sản phẩm"))</th><th>\(say("Expires", "Hết hạn"))</th>"
            + "<th>\(say("Producer", "Chủ thể"))</th>"
    }

    /// The table of the last runs.
    static func runs(_ runs: [PublishRun], _ say: PageWords) -> String {
        var html = "<section id=\"runs\"><h2>\(say("Last runs", "Lần chạy gần đây"))</h2>\n"
        guard !runs.isEmpty else { return html + "<p>\(say("No runs yet.", "Chưa chạy lần nào."))</p></section>\n" }
        html += "<div class=\"scroll\"><table><thead><tr><th>#</th><th>\(say("Marketplace", "Sàn"))</th>"
        html += "<th>\(say("Action", "Việc"))</th><th>\(say("Trigger", "Khởi động bởi"))</th>"
        html += "<th>\(say("Started", "Bắt đầu"))</th><th>\(say("Outcome", "Kết quả"))</th>"
        html += "<th>\(say("Counts", "Số lượng"))</th></tr></thead><tbody>\n"
        for run in runs {
            let counts =
                "+\(run.created) ~\(run.updated) −\(run.deleted) ↻\(run.refreshed) · "
                + say("held \(run.heldBack) · failed \(run.failed)", "tạm giữ \(run.heldBack) · thất bại \(run.failed)")
            html +=
                "<tr class=\"run-\(Self.escape(run.status.rawValue))\"><td>\(run.id)</td><td>\(Self.escape(run.marketplace))</td>"
            html += "<td>\(Self.escape(run.action))</td><td>\(Self.escape(run.trigger))</td>"
            html +=
                "<td>\(Self.escape(Self.timestamp(run.started)))</td><td>\(Self.escape(say(run.status.words.english, run.status.words.vietnamese)))"
            if let message = run.message { html += "<br><small>\(Self.escape(message))</small>" }
            html += "</td><td>\(Self.escape(counts))</td></tr>\n"
        }
        return html + "</tbody></table></div></section>\n"
    }

    /// The id of a cell's reasons.
    public static func anchor(_ code: String, _ marketplace: String) -> String {
        "why-\(Self.escape(code))-\(Self.escape(marketplace))"
    }

    static func cssClass(_ state: ReadinessReport.State) -> String {
        "s-" + state.rawValue.replacingOccurrences(of: " ", with: "-")
    }

    /// `yyyy-mm-dd hh:mm` in Vietnam's time.
    static func timestamp(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Asia/Ho_Chi_Minh") ?? .gmt
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        func two(_ value: Int?) -> String { String(format: "%02d", value ?? 0) }
        return "\(parts.year ?? 0)-\(two(parts.month))-\(two(parts.day)) \(two(parts.hour)):\(two(parts.minute)) (+07)"
    }

    /// Text made safe for HTML content and attribute values.
    public static func escape(_ text: String) -> String { text.escapingMarkup(quotes: true) }

    static let style = """
        :root{--ok:#1b7f3b;--soon:#2457a6;--held:#b3261e;--gone:#6b6b6b;font-family:system-ui,-apple-system,\
        "Segoe UI",Roboto,"Noto Sans",sans-serif;color:#1c1c1c;background:#fafaf7}
        body{margin:0;padding:0 12px 24px;max-width:1200px;margin-inline:auto;line-height:1.4}
        h1{font-size:1.4rem;margin:16px 0 4px}h2{font-size:1.1rem;margin:24px 0 8px}h3{font-size:1rem;margin:0 0 4px}
        header p,footer{color:#555;font-size:.9rem}
        table{border-collapse:collapse;width:100%;background:#fff}
        th,td{border:1px solid #ddd;padding:6px 8px;text-align:left;vertical-align:middle;font-size:.9rem}
        thead th{background:#f0efe9;position:sticky;top:0}
        .scroll{overflow-x:auto;-webkit-overflow-scrolling:touch}
        .matrix th[scope=row]{position:sticky;left:0;background:#fff;min-width:14rem;display:flex;gap:8px;align-items:center}
        .matrix img,.noimg{width:48px;height:48px;object-fit:cover;border-radius:6px;background:#eee;flex:none}
        .who{display:flex;flex-direction:column}.who small{color:#555}.star{color:#c98a00}
        .s-published{color:var(--ok)}.s-will-publish{color:var(--soon)}.s-held-back{color:var(--held);font-weight:600}
        .s-withdrawn{color:var(--gone)}td a{color:inherit}
        .reason{background:#fff;border:1px solid #ddd;border-left:4px solid currentColor;padding:8px 12px;margin:8px 0}
        .reason:target{outline:3px solid #f0b400}.reason ul{margin:4px 0;padding-left:20px}
        .back{font-size:.85rem}nav{margin:8px 0}nav a{margin-right:12px}.more{font-size:.9rem}
        form.search input{padding:6px;font-size:1rem;width:min(100%,24rem)}
        @media (max-width:600px){body{padding:0 6px 16px}th,td{padding:4px 6px;font-size:.85rem}
        .matrix th[scope=row]{min-width:11rem}}
        """
}
