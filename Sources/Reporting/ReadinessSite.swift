import Foundation
public import Groundwork
import OCOPCatalog
import Publishing

/// The readiness pages `ocop serve` hands out, small at any catalogue size: a first page with the counts,
/// the problems (one card per reason, with how many products it affects), the certificates expiring soon
/// and the last runs; then pages of at most ``pageSize`` products: per problem, per marketplace and state,
/// a search, and one page per product with all its reasons.
///
///     /                               the first page
///     /problems?page=N                every problem card
///     /problems/K?page=N              the products one problem affects
///     /marketplaces/ID?state=S&page=N the products in state S on a marketplace
///     /products?q=TEXT&page=N         the products whose code, name or producer has TEXT
///     /products/CODE                  one product on every marketplace, with every reason
///     /expiring?page=N                the certificates expiring soon
public struct ReadinessSite: Sendable {
    public static let pageSize = 100
    /// Problem cards on the first page; the rest are one click away.
    public static let firstPageProblems = 30

    private let snapshot: ReadinessSnapshot
    private let detail: @Sendable (String) throws -> ReadinessReport.Row?
    private let say: PageWords

    /// The pages of `snapshot` in the words of `language`; `detail` gives one product's full row for its own page.
    public init(
        snapshot: ReadinessSnapshot,
        language: Language = .english,
        detail: @escaping @Sendable (String) throws -> ReadinessReport.Row?
    ) {
        self.snapshot = snapshot
        self.say = PageWords(language)
        self.detail = detail
    }

    /// The page at `path` (the path's segments below `/`) with `query`; `nil` when there is none.
    public func page(_ path: [String], query: [String: String]) throws -> String? {
        // Bounded both ways: a page number from a URL must not overflow the offset it is turned into.
        let number = min(max(1, query["page"].flatMap(Int.init) ?? 1), 1_000_000)
        switch path.count {
        case 0: return self.first()
        case 1 where path[0] == "problems": return self.problems(page: number)
        case 1 where path[0] == "products": return self.search(query["q"] ?? "", page: number)
        case 1 where path[0] == "expiring": return self.expiring(page: number)
        case 2 where path[0] == "problems":
            guard let index = Int(path[1]), self.snapshot.problems.indices.contains(index) else { return nil }
            return self.problem(index, page: number)
        case 2 where path[0] == "marketplaces":
            guard self.snapshot.marketplaces.contains(path[1]) else { return nil }
            let state = ReadinessReport.State.allCases.first { Self.slug($0) == query["state"] }
            return self.marketplace(path[1], state: state, page: number)
        case 2 where path[0] == "products":
            return try self.detail(path[1]).map(self.product)
        default: return nil
        }
    }

    // MARK: The pages

    private func first() -> String {
        let snapshot = self.snapshot
        let say = self.say
        var html = "<section id=\"summary\"><h2>\(say("Per marketplace", "Theo sàn"))</h2>\n"
        html += "<div class=\"scroll\"><table class=\"counts\"><thead><tr><th>\(say("Marketplace", "Sàn"))</th>"
        for state in ReadinessReport.State.allCases { html += "<th>\(say.state(state))</th>" }
        html += "</tr></thead><tbody>\n"
        for marketplace in snapshot.marketplaces {
            let id = ReadinessPage.escape(marketplace)
            html += "<tr data-marketplace=\"\(id)\"><th>\(id)</th>"
            for state in ReadinessReport.State.allCases {
                let count = snapshot.count(state, on: marketplace)
                let link = "/marketplaces/\(Self.path(marketplace))?state=\(Self.slug(state))"
                html += "<td class=\"\(ReadinessPage.cssClass(state))\">"
                html += count == 0 ? "0" : "<a href=\"\(link)\">\(count)</a>"
                html += "</td>"
            }
            html += "</tr>\n"
        }
        html += "</tbody></table></div></section>\n"
        html += "<section id=\"problems\"><h2>\(say("Problems", "Cần sửa")) (\(snapshot.problems.count))</h2>\n"
        if snapshot.problems.isEmpty { html += "<p>\(say("None.", "Không có."))</p>\n" }
        for index in snapshot.problems.indices.prefix(Self.firstPageProblems) { html += self.card(index) }
        if snapshot.problems.count > Self.firstPageProblems {
            html += "<p class=\"more\"><a href=\"/problems\">"
            html +=
                say("all \(snapshot.problems.count) problems", "tất cả \(snapshot.problems.count) vấn đề")
                + "</a></p>\n"
        }
        html += "</section>\n"
        html += "<section id=\"expiring\"><h2>\(say("Expiring certificates", "Chứng nhận sắp hết hạn")) "
        html += "(\(snapshot.expiring.count))</h2>\n"
        html += self.expiringTable(Array(snapshot.expiring.prefix(20)))
        if snapshot.expiring.count > 20 {
            html += "<p class=\"more\"><a href=\"/expiring\">\(say("all", "tất cả"))</a></p>\n"
        }
        html += "</section>\n"
        html += self.connections()
        html += ReadinessPage.runs(snapshot.runs, say)
        return self.document(title: say("Readiness", "Sẵn sàng lên sàn"), body: html)
    }

    /// The connected shops, each with until when it renews itself; one ending within a week is marked.
    private func connections() -> String {
        guard !self.snapshot.connections.isEmpty else { return "" }
        let say = self.say
        var html = "<section id=\"connections\"><h2>\(say("Shop connections", "Kết nối cửa hàng"))</h2>\n"
        html += "<div class=\"scroll\"><table><thead><tr><th>\(say("Marketplace", "Sàn"))</th>"
        html += "<th>\(say("Shop", "Cửa hàng"))</th><th>\(say("Renewed", "Gia hạn lần cuối"))</th>"
        html += "<th>\(say("Connect again by", "Cần kết nối lại trước"))</th></tr></thead><tbody>\n"
        for connection in self.snapshot.connections {
            let warning = connection.warning(now: self.snapshot.generated, format: Self.day)
            html +=
                "<tr\(warning == nil ? "" : " class=\"warn\"")><td>\(ReadinessPage.escape(connection.marketplace))</td>"
            html += "<td>\(ReadinessPage.escape(connection.shop))</td><td>\(Self.day(connection.renewed))</td>"
            html += "<td>\(connection.reconnectBy.map(Self.day) ?? "-")"
            if let warning { html += "<br><strong>\(ReadinessPage.escape(warning))</strong>" }
            html += "</td></tr>\n"
        }
        return html + "</tbody></table></div></section>\n"
    }

    /// `date` as dd/mm/yyyy in Vietnam's time.
    static func day(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "Asia/Ho_Chi_Minh")
        formatter.dateFormat = "dd/MM/yyyy"
        return formatter.string(from: date)
    }

    private func problems(page: Int) -> String {
        let all = Array(self.snapshot.problems.indices)
        var html = "<section id=\"problems\"><h2>\(self.say("Problems", "Cần sửa")) (\(all.count))</h2>\n"
        for index in Self.slice(all, page: page) { html += self.card(index) }
        html += self.pager(count: all.count, page: page, link: { "/problems?page=\($0)" })
        return self.document(title: self.say("Problems", "Cần sửa"), body: html + "</section>\n")
    }

    private func problem(_ index: Int, page: Int) -> String {
        let problem = self.snapshot.problems[index]
        var html = "<section><h2>\(ReadinessPage.escape(problem.marketplace)): "
        html += "\(ReadinessPage.escape(self.say.state(problem.state)))</h2>\n"
        html += "<p class=\"reason-text\">\(ReadinessPage.escape(problem.reason))</p>\n"
        html += "<p>\(self.say("\(problem.count) products", "\(problem.count) sản phẩm"))</p>\n"
        html += self.productTable(Self.slice(problem.members, page: page))
        html += self.pager(count: problem.count, page: page) { "/problems/\(index)?page=\($0)" }
        return self.document(title: problem.reason, body: html + "</section>\n")
    }

    private func marketplace(_ marketplace: String, state: ReadinessReport.State?, page: Int) -> String {
        guard let column = self.snapshot.marketplaces.firstIndex(of: marketplace) else { return "" }
        let matching = self.snapshot.products.indices.filter {
            state == nil || self.snapshot.products[$0].states[column] == state
        }
        var html = "<section><h2>\(ReadinessPage.escape(marketplace))"
        if let state { html += ": \(ReadinessPage.escape(self.say.state(state)))" }
        html += " (\(matching.count))</h2>\n<nav>"
        for option in ReadinessReport.State.allCases {
            html += "<a href=\"/marketplaces/\(Self.path(marketplace))?state=\(Self.slug(option))\">"
            html += "\(self.say.state(option))</a>"
        }
        html += "</nav>\n" + self.productTable(Self.slice(matching, page: page))
        let stateQuery = state.map { "state=\(Self.slug($0))&" } ?? ""
        html += self.pager(count: matching.count, page: page) {
            "/marketplaces/\(Self.path(marketplace))?\(stateQuery)page=\($0)"
        }
        return self.document(title: marketplace, body: html + "</section>\n")
    }

    private func search(_ text: String, page: Int) -> String {
        let needle = ReadinessSnapshot.searchForm(text)
        let matching = self.snapshot.products.indices.filter {
            needle.isEmpty || self.snapshot.products[$0].searchText.contains(needle)
        }
        var html = "<section><h2>\(self.say("Products", "Sản phẩm")) (\(matching.count))</h2>\n"
        html += self.productTable(Self.slice(matching, page: page))
        let query =
            text.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed.subtracting(["&", "+", "="])) ?? ""
        html += self.pager(count: matching.count, page: page) { "/products?q=\(query)&page=\($0)" }
        return self.document(title: self.say("Products", "Sản phẩm"), body: html + "</section>\n", search: text)
    }

    private func product(_ row: ReadinessReport.Row) -> String {
        var html = "<section id=\"p-\(ReadinessPage.escape(row.code))\"><h2>\(ReadinessPage.escape(row.name))</h2>\n"
        html += "<p>\(ReadinessPage.escape(row.code)) · <span class=\"star\">"
        html += "\(String(repeating: "★", count: row.star))</span> · \(ReadinessPage.escape(row.producer)) · "
        html += self.say("expires \(row.expires)", "hết hạn \(row.expires.written(in: .vietnamese))") + "</p>\n"
        for marketplace in self.snapshot.marketplaces {
            let cell =
                row.cells[marketplace]
                ?? ReadinessReport.Cell(state: .withdrawn, reasons: [self.say("not assessed", "chưa đánh giá")])
            html += "<div class=\"reason \(ReadinessPage.cssClass(cell.state))\" "
            html += "id=\"\(ReadinessPage.anchor(row.code, marketplace))\">"
            html += "<h3>\(ReadinessPage.escape(marketplace)): \(ReadinessPage.escape(self.say.state(cell.state)))</h3>"
            if !cell.reasons.isEmpty {
                html += "<ul>" + cell.reasons.map { "<li>\(ReadinessPage.escape($0))</li>" }.joined() + "</ul>"
            }
            html += "</div>\n"
        }
        return self.document(title: row.name, body: html + "</section>\n")
    }

    private func expiring(page: Int) -> String {
        var html = "<section id=\"expiring\"><h2>\(self.say("Expiring certificates", "Chứng nhận sắp hết hạn")) "
        html += "(\(self.snapshot.expiring.count))</h2>\n"
        html += self.expiringTable(Self.slice(self.snapshot.expiring, page: page))
        html += self.pager(count: self.snapshot.expiring.count, page: page) { "/expiring?page=\($0)" }
        return self.document(title: self.say("Expiring", "Sắp hết hạn"), body: html + "</section>\n")
    }

    // MARK: Parts

    private func document(title: String, body: String, search: String = "") -> String {
        let snapshot = self.snapshot
        let say = self.say
        let counts = ReadinessPage.counts(
            products: snapshot.products.count,
            marketplaces: snapshot.marketplaces.count,
            today: snapshot.today,
            say
        )
        return """
            <!doctype html>
            <html lang="\(say.language.rawValue)">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(ReadinessPage.escape(title)) — OCOP Connect</title>
            <meta name="ocop-generated" content="\(Date.ISO8601FormatStyle(includingFractionalSeconds: true).format(snapshot.generated))">
            <style>\(ReadinessPage.style)</style>
            </head>
            <body>
            <header><h1><a href="/">\(say("Readiness", "Sẵn sàng lên sàn"))</a></h1>
            <p>\(counts)</p>
            <form class="search" action="/products" method="get"><input type="search" name="q" \
            value="\(ReadinessPage.escape(search))" placeholder="\(say("code, name, producer", "mã, tên, chủ thể"))" \
            aria-label="\(say("search", "tìm"))"></form></header>
            \(body)<footer>OCOP Connect · \(ReadinessPage.escape(ReadinessPage.timestamp(snapshot.generated)))</footer>
            </body>
            </html>

            """
    }

    private func card(_ index: Int) -> String {
        let problem = self.snapshot.problems[index]
        var html = "<div class=\"reason \(ReadinessPage.cssClass(problem.state))\" id=\"problem-\(index)\">"
        html += "<h3>\(ReadinessPage.escape(problem.marketplace)) · "
        html += self.say("\(problem.count) products", "\(problem.count) sản phẩm") + "</h3>"
        html += "<p>\(ReadinessPage.escape(problem.reason))</p><p class=\"more\">"
        html += problem.members.prefix(3).map { self.productLink($0) }.joined(separator: ", ")
        html +=
            " · <a href=\"/problems/\(index)\">\(self.say("all", "tất cả")) \(problem.count)</a></p></div>\n"
        return html
    }

    private func productLink(_ index: Int) -> String {
        let product = self.snapshot.products[index]
        return "<a href=\"/products/\(Self.path(product.code))\">\(ReadinessPage.escape(product.code))</a>"
    }

    private func productTable(_ indices: [Int]) -> String {
        guard !indices.isEmpty else { return "<p>\(self.say("None.", "Không có."))</p>\n" }
        var html =
            "<div class=\"scroll\"><table class=\"matrix\"><thead><tr><th>\(self.say("Product", "Sản phẩm"))</th>"
        for marketplace in self.snapshot.marketplaces { html += "<th>\(ReadinessPage.escape(marketplace))</th>" }
        html += "</tr></thead><tbody>\n"
        for index in indices {
            let product = self.snapshot.products[index]
            let code = ReadinessPage.escape(product.code)
            html +=
                "<tr id=\"p-\(code)\"><th scope=\"row\"><span class=\"who\"><b>\(ReadinessPage.escape(product.name))</b>"
            html += "<small>\(self.productLink(index)) · <span class=\"star\">"
            html += "\(String(repeating: "★", count: product.star))</span> · \(ReadinessPage.escape(product.producer))"
            html += "</small></span></th>"
            for (column, marketplace) in self.snapshot.marketplaces.enumerated() {
                let state = product.states[column]
                html += "<td class=\"\(ReadinessPage.cssClass(state))\"><a href=\"/products/\(Self.path(product.code))#"
                html += "\(ReadinessPage.anchor(product.code, marketplace))\">\(self.say.state(state))</a></td>"
            }
            html += "</tr>\n"
        }
        return html + "</tbody></table></div>\n"
    }

    private func expiringTable(_ indices: [Int]) -> String {
        guard !indices.isEmpty else { return "<p>\(self.say("None.", "Không có."))</p>\n" }
        var html = "<table><thead><tr>\(ReadinessPage.expiringHeadings(self.say))</tr></thead><tbody>\n"
        for index in indices {
            let product = self.snapshot.products[index]
            html += "<tr><td>\(self.productLink(index)) \(ReadinessPage.escape(product.name))</td>"
            html +=
                "<td>\(product.expires.written(in: self.say.language))</td><td>\(ReadinessPage.escape(product.producer))</td></tr>\n"
        }
        return html + "</tbody></table>\n"
    }

    // MARK: Helpers

    private static func slice(_ indices: [Int], page: Int) -> [Int] {
        let start = (page - 1) * Self.pageSize
        guard start < indices.count else { return [] }
        return Array(indices[start..<min(indices.count, start + Self.pageSize)])
    }

    private func pager(count: Int, page: Int, link: (Int) -> String) -> String {
        let pages = max(1, (count + Self.pageSize - 1) / Self.pageSize)
        guard pages > 1 else { return "" }
        var html = "<nav class=\"pager\">\(self.say("page", "trang")) \(min(page, pages)) / \(pages) "
        if page > 1 { html += "<a href=\"\(ReadinessPage.escape(link(page - 1)))\" rel=\"prev\">‹</a>" }
        if page < pages { html += "<a href=\"\(ReadinessPage.escape(link(page + 1)))\" rel=\"next\">›</a>" }
        return html + "</nav>\n"
    }

    /// `held back` → `held-back`, as in the `state` query.
    static func slug(_ state: ReadinessReport.State) -> String {
        state.rawValue.replacingOccurrences(of: " ", with: "-")
    }

    private static func path(_ segment: String) -> String {
        ReadinessPage.escape(
            segment.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(["/"])) ?? segment
        )
    }
}
