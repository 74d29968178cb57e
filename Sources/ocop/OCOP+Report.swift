import ArgumentParser
import Foundation
import Groundwork
import OCOPCatalog
import Operations
import Reporting

extension OCOP {
    /// `ocop report [--output FILE]`
    struct Report: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Write the readiness page: counts, problems by reason, and every product while there are at most 500.",
            discussion: """
                One self-contained HTML file (no external assets but the products' thumbnails): counts per \
                marketplace; the problems, one card per reason with how many products it affects; a matrix of \
                products × marketplaces (published, will publish, held back, withdrawn), each state linking to \
                its reasons, while the catalogue has at most 500 products (beyond, `ocop serve` shows them); \
                certificates expiring within 60 days; the last runs.
                """
        )

        @OptionGroup var options: GlobalOptions

        @Option(help: "The HTML file to write.")
        var output = "readiness.html"

        @Option(help: "The day to judge certificates on, yyyy-mm-dd (default: today in Vietnam).")
        var today: String?

        func run() async throws {
            let language = try self.options.language()
            try ExitStatus.reporting(in: language) {
                let report = try self.options.workspace().readinessReport(
                    today: try parseDay(self.today),
                    language: language
                )
                let url = URL(fileURLWithPath: self.output)
                do {
                    try Data(ReadinessPage.html(report, language: language).utf8).write(to: url, options: .atomic)
                } catch {
                    throw CatalogError(.database, "cannot write \(self.output): \(error.localizedDescription)")
                }
                let totals = ReadinessReport.State.allCases.map { state in
                    "\(report.marketplaces.map { report.count(state, on: $0) }.reduce(0, +)) \(state.rawValue)"
                }
                print(
                    "wrote \(self.output): \(report.summary.products) products × \(report.marketplaces.count) marketplaces "
                        + "(\(totals.joined(separator: ", ")))"
                )
            }
        }
    }
}
