import Foundation
import Groundwork
import OCOPCatalog
import Reporting
import Testing

/// `ocop report`'s page: the matrix of every product while the catalogue is small, the summary alone beyond.
@Suite struct ReadinessReportPageTests {
    static func report(_ count: Int, rowLimit: Int = 500) -> ReadinessReport {
        var report = ReadinessReport(
            today: ReadinessSiteTests.today,
            generated: Date(),
            marketplaces: ReadinessSiteTests.marketplaces,
            runs: [],
            rowLimit: rowLimit
        )
        for n in 1...count { report.add(ReadinessSiteTests.row(n)) }
        report.finish()
        return report
    }

    @Test func aSmallCatalogueGetsEveryProductWithItsReasonsAndTheProblemCards() {
        let report = Self.report(30)
        #expect(report.listsEveryProduct && report.rows.count == 30)
        let page = ReadinessPage.html(report)
        #expect(page.contains("id=\"p-P-30\""))
        #expect(page.contains("id=\"why-P-3-lazada\""))
        // One card for the reason ten products share, naming the first five as links to their rows.
        #expect(page.components(separatedBy: "package_length: required</p>").count == 2)
        #expect(page.contains("<h3>lazada · 10 products</h3>"))
        #expect(page.contains("<a href=\"#p-P-3\">P-3</a>, <a href=\"#p-P-6\">P-6</a>"))
        #expect(page.contains(" and 5 more"))
    }

    @Test func aLargeCatalogueKeepsNoRowsAndItsPageStaysSmall() {
        let report = Self.report(3000, rowLimit: 100)
        #expect(!report.listsEveryProduct && report.rows.isEmpty)
        #expect(report.count(.heldBack, on: "lazada") == 1000)
        #expect(report.count(.willPublish, on: "google-merchant") == 600)
        #expect(report.summary.problems.map(\.count) == [1000, 600])
        #expect(report.summary.problems[0].members.map(\.code) == ["P-3", "P-6", "P-9", "P-12", "P-15"])
        let page = ReadinessPage.html(report, language: .vietnamese)
        #expect(!page.contains("id=\"p-P-"))
        #expect(page.contains("3000 sản phẩm là quá nhiều cho một trang"))
        #expect(page.contains("lazada · 1000 sản phẩm"))
        #expect(page.contains("P-3, P-6, P-9, P-12, P-15 và 995 sản phẩm khác"))
        #expect(page.utf8.count < 20_000)
    }

    @Test func reasonsThatQuoteEachProductsOwnValueAreKeptUpToABoundAndTheRestCounted() {
        var report = ReadinessReport(
            today: ReadinessSiteTests.today,
            generated: Date(),
            marketplaces: ["lazada"],
            runs: [],
            rowLimit: 10
        )
        let extra = 5
        for n in 0..<(ReadinessSummary.problemsKept + extra) {
            var row = ReadinessSiteTests.row(1)
            row.cells = ["lazada": .init(state: .heldBack, reasons: ["price: \(n) is not a price"])]
            report.add(row)
        }
        report.finish()
        #expect(report.summary.problems.count == ReadinessSummary.problemsKept)
        #expect(report.summary.otherProblems == extra)
        #expect(report.count(.heldBack, on: "lazada") == ReadinessSummary.problemsKept + extra)
        #expect(ReadinessPage.html(report).contains("5 more problems have reasons of their own"))
    }

    @Test func onlyTheSoonestExpiringCertificatesAreListedWithHowManyThereAre() {
        var summary = ReadinessSummary(marketplaces: ["lazada"])
        let base = ReadinessSiteTests.today
        // 150 expiring, in an order that is neither soonest first nor last: month (n * 37) mod 150.
        for n in 0..<150 {
            var row = ReadinessSiteTests.row(1)
            row.code = "E-\(n)"
            row.standing = "expiring"
            row.expires = base.adding(months: (n * 37) % 150)
            summary.add(row)
        }
        #expect(summary.expiringCount == 150)
        #expect(summary.expiring.count == ReadinessSummary.expiringListed)
        #expect(summary.expiring.map(\.expires) == (0..<100).map { base.adding(months: $0) })
    }
}
