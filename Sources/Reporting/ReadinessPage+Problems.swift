import Groundwork

extension ReadinessPage {
    /// Problem cards shown; a catalogue with more names how many.
    static let problemsListed = 200

    /// One card per reason that holds products back or made their last attempt fail, largest first: the
    /// marketplace, how many products, the reason, and the first few products.
    static func problems(_ report: ReadinessReport, _ say: PageWords) -> String {
        let problems = report.summary.problems
        var html = "<section id=\"problems\"><h2>\(say("Problems", "Cần sửa")) (\(problems.count))</h2>\n"
        if problems.isEmpty { html += "<p>\(say("None.", "Không có."))</p>\n" }
        for problem in problems.prefix(Self.problemsListed) {
            html += "<div class=\"reason \(Self.cssClass(problem.state))\"><h3>\(Self.escape(problem.marketplace)) · "
            html += say("\(problem.count) products", "\(problem.count) sản phẩm") + "</h3>"
            html += "<p>\(Self.escape(problem.reason))</p><p class=\"more\">"
            html += problem.members.map { Self.mention($0.code, linked: report.listsEveryProduct) }
                .joined(separator: ", ")
            let more = problem.count - problem.members.count
            if more > 0 { html += say(" and \(more) more", " và \(more) sản phẩm khác") }
            html += "</p></div>\n"
        }
        if report.summary.otherProblems > 0 {
            let others = report.summary.otherProblems
            html += "<p class=\"more\">"
            html += say(
                "\(others) more problems have reasons of their own beyond the first \(ReadinessSummary.problemsKept).",
                "Còn \(others) vấn đề khác, mỗi vấn đề một lý do riêng, ngoài \(ReadinessSummary.problemsKept) lý do đầu tiên."
            )
            html += "</p>\n"
        }
        if problems.count > Self.problemsListed {
            html += "<p class=\"more\">"
            html += say(
                "The \(Self.problemsListed) largest of \(problems.count) problems.",
                "\(Self.problemsListed) vấn đề lớn nhất trong \(problems.count)."
            )
            html += "</p>\n"
        }
        return html + "</section>\n"
    }

    /// In place of the matrix, for a catalogue too large for one page: where each product's own reasons are.
    static func everyProductElsewhere(_ report: ReadinessReport, _ say: PageWords) -> String {
        let products = report.summary.products
        let text = say(
            "\(products) products are more than one page should hold, so this page lists the problems only. "
                + "ocop serve shows every product, each marketplace's list by state, and a search.",
            "\(products) sản phẩm là quá nhiều cho một trang, nên trang này chỉ liệt kê các vấn đề cần sửa. "
                + "ocop serve cho xem từng sản phẩm, danh sách theo sàn và trạng thái, và ô tìm kiếm."
        )
        return "<section id=\"matrix\"><p class=\"more\">\(Self.escape(text))</p></section>\n"
    }

    /// A product's code, linking to its row when the page has it.
    static func mention(_ code: String, linked: Bool) -> String {
        linked ? "<a href=\"#p-\(Self.escape(code))\">\(Self.escape(code))</a>" : Self.escape(code)
    }
}
