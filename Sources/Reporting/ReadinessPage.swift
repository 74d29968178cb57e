import Foundation
import Publishing

/// The readiness report as one self-contained HTML page: inline styles, no scripts, no external assets
/// but the products' own thumbnails; Vietnamese throughout the data, readable on a phone.
public enum ReadinessPage {
    /// The page for `report`.
    public static func html(_ report: ReadinessReport) -> String {
        var page = """
            <!doctype html>
            <html lang="vi">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>OCOP Connect — sẵn sàng lên sàn (readiness)</title>
            <style>\(Self.style)</style>
            </head>
            <body>
            <header><h1>Sẵn sàng lên sàn · Readiness</h1>
            <p>\(report.rows.count) sản phẩm OCOP · \(report.marketplaces.count) sàn · as of \(report.today)</p></header>

            """
        page += Self.summary(report)
        page += Self.matrix(report)
        page += Self.reasons(report)
        page += Self.expiring(report)
        page += Self.runs(report.runs)
        page += "<footer>OCOP Connect · \(Self.escape(Self.timestamp(report.generated)))</footer>\n</body>\n</html>\n"
        return page
    }

    private static func summary(_ report: ReadinessReport) -> String {
        var html = "<section id=\"summary\"><h2>Theo sàn · Per marketplace</h2>\n"
        html += "<div class=\"scroll\"><table class=\"counts\"><thead><tr>"
        html += "<th>Marketplace</th>"
        for state in ReadinessReport.State.allCases { html += "<th>\(state.rawValue)</th>" }
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

    private static func matrix(_ report: ReadinessReport) -> String {
        var html = "<section id=\"matrix\"><h2>Sản phẩm × sàn · Products × marketplaces</h2>\n"
        html += "<div class=\"scroll\"><table class=\"matrix\"><thead><tr><th>Sản phẩm · Product</th>"
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
                let cell = row.cells[marketplace] ?? ReadinessReport.Cell(state: .withdrawn, reasons: ["not assessed"])
                let label = Self.escape(cell.state.rawValue)
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

    private static func reasons(_ report: ReadinessReport) -> String {
        var html = "<section id=\"reasons\"><h2>Lý do · Reasons</h2>\n"
        for row in report.rows {
            for marketplace in report.marketplaces {
                guard let cell = row.cells[marketplace], !cell.reasons.isEmpty else { continue }
                html +=
                    "<div class=\"reason \(Self.cssClass(cell.state))\" id=\"\(Self.anchor(row.code, marketplace))\">"
                html +=
                    "<h3>\(Self.escape(row.code)) · \(Self.escape(marketplace)): \(Self.escape(cell.state.rawValue))</h3>"
                html += "<p>\(Self.escape(row.name))</p><ul>"
                for reason in cell.reasons { html += "<li>\(Self.escape(reason))</li>" }
                html += "</ul><a class=\"back\" href=\"#p-\(Self.escape(row.code))\">↩ matrix</a></div>\n"
            }
        }
        return html + "</section>\n"
    }

    private static func expiring(_ report: ReadinessReport) -> String {
        var html = "<section id=\"expiring\"><h2>Sắp hết hạn chứng nhận · Expiring within "
        html += "\(report.expiryWindowDays) days</h2>\n"
        let rows = report.expiring
        guard !rows.isEmpty else { return html + "<p>None.</p></section>\n" }
        html += "<table><thead><tr><th>Product</th><th>Expires</th><th>Producer</th></tr></thead><tbody>\n"
        for row in rows {
            html += "<tr><td><a href=\"#p-\(Self.escape(row.code))\">\(Self.escape(row.code))</a> "
            html += "\(Self.escape(row.name))</td><td>\(row.expires)</td><td>\(Self.escape(row.producer))</td></tr>\n"
        }
        return html + "</tbody></table></section>\n"
    }

    /// The table of the last runs.
    static func runs(_ runs: [PublishRun]) -> String {
        var html = "<section id=\"runs\"><h2>Lần chạy gần đây · Last runs</h2>\n"
        guard !runs.isEmpty else { return html + "<p>No runs yet.</p></section>\n" }
        html += "<div class=\"scroll\"><table><thead><tr><th>#</th><th>Marketplace</th><th>Action</th><th>Trigger</th>"
        html += "<th>Started</th><th>Outcome</th><th>Counts</th></tr></thead><tbody>\n"
        for run in runs {
            let counts =
                "+\(run.created) ~\(run.updated) −\(run.deleted) ↻\(run.refreshed) · held \(run.heldBack) · failed \(run.failed)"
            html +=
                "<tr class=\"run-\(Self.escape(run.status.rawValue))\"><td>\(run.id)</td><td>\(Self.escape(run.marketplace))</td>"
            html += "<td>\(Self.escape(run.action))</td><td>\(Self.escape(run.trigger))</td>"
            html += "<td>\(Self.escape(Self.timestamp(run.started)))</td><td>\(Self.escape(run.status.rawValue))"
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
    public static func escape(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.append(character)
            }
        }
        return escaped
    }

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
