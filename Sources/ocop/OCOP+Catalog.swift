import ArgumentParser
import FeedKit
import Foundation
import Groundwork
import OCOPCatalog
import Operations

extension OCOP {
    /// `ocop catalog …`: the catalogue of certified products.
    struct Catalog: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import, list and inspect the catalogue of certified products.",
            subcommands: [Import.self, List.self, Show.self, Generate.self]
        )
    }
}

extension OCOP.Catalog {
    /// `ocop catalog import FILE...`
    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import CSV or JSON catalogue files, all or nothing.",
            discussion:
                "Products are upserted by code; if any row is bad, nothing is imported and every bad row is listed."
        )

        @OptionGroup var options: GlobalOptions

        @Flag(help: "Skip columns that are not catalogue columns instead of refusing the file.")
        var ignoreUnknownColumns = false

        @Option(help: "The sheet of an Excel workbook to read (default: the first with a heading row).")
        var sheet: String?

        @Option(
            help: """
                The encoding of CSV files: utf-8, utf-16 or windows-1258 (Excel's plain CSV on a Vietnamese \
                Windows). Default: UTF-8, or UTF-16 when the file starts with its byte-order mark.
                """
        )
        var encoding: String?

        func validate() throws {
            if let encoding, TextEncoding(name: encoding) == nil {
                throw ValidationError("--encoding \"\(encoding)\": use utf-8, utf-16 or windows-1258")
            }
        }

        @Argument(
            help:
                "Excel workbooks (.xlsx, whatever their name), CSV or JSON files (JSON: an array of objects keyed by column)."
        )
        var files: [String]

        func run() async throws {
            let language = try self.options.language()
            try ExitStatus.reporting(in: language) {
                let workspace = try self.options.workspace()
                let isNew = !FileManager.default.fileExists(atPath: workspace.catalogPath)
                // Rows are counted as they are read; how many there are is not known before.
                let importing = ProgressLine(
                    LocalizedText(en: "imported", vi: "đã đọc").text(in: language),
                    total: nil,
                    unit: LocalizedText(en: "rows", vi: "dòng"),
                    language: language
                )
                let summary: ImportSummary
                do {
                    summary = try workspace.createCatalog().importCatalog(
                        files: self.files.map { URL(fileURLWithPath: $0) },
                        options: ImportOptions(
                            ignoreUnknownColumns: self.ignoreUnknownColumns,
                            marketplaces: AdapterRegistry.adapters.map(\.marketplace),
                            sheet: self.sheet,
                            encoding: self.encoding.flatMap(TextEncoding.init(name:))
                        ),
                        progress: importing.update
                    )
                } catch {
                    importing.finish()
                    // All or nothing, the catalogue included: a first import that fails leaves none behind.
                    if isNew {
                        for suffix in ["", "-wal", "-shm"] {
                            try? FileManager.default.removeItem(atPath: workspace.catalogPath + suffix)
                        }
                    }
                    throw error
                }
                importing.finish()
                print(
                    LocalizedText(
                        en: "imported \(summary.rows) rows: \(summary.created) created, \(summary.updated) updated, "
                            + "\(summary.unchanged) unchanged",
                        vi:
                            "đã nhập \(summary.rows) dòng: mới \(summary.created), cập nhật \(summary.updated), "
                            + "không thay đổi \(summary.unchanged)"
                    ).text(in: language)
                )
            }
        }
    }

    /// `ocop catalog list [--json]`
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List certified products, their star and expiry.")

        @OptionGroup var options: GlobalOptions

        @Flag(help: "Print a JSON array of {code, name, group, star, producer, price, expires, status}.")
        var json = false

        @Option(help: "The day to judge expiry on, yyyy-mm-dd (default: today in Vietnam).")
        var today: String?

        @Option(help: "Warn this many days ahead of expiry.")
        var expiryWarningDays = 60

        func run() async throws {
            let language = try self.options.language()
            try ExitStatus.reporting(in: language) {
                let day = try parseDay(self.today)
                let database = try self.options.openCatalog()
                if self.json {
                    try CatalogListing.writeJSON(database, today: day, warningDays: self.expiryWarningDays)
                } else {
                    try CatalogListing.writeTable(database, today: day, warningDays: self.expiryWarningDays)
                }
            }
        }
    }

    /// `ocop catalog show CODE`
    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one product with its certificate and producer.")

        @OptionGroup var options: GlobalOptions

        @Option(help: "The day to judge expiry on, yyyy-mm-dd (default: today in Vietnam).")
        var today: String?

        @Argument(help: "The product code.")
        var code: String

        func run() async throws {
            let language = try self.options.language()
            try ExitStatus.reporting(in: language) {
                let day = try parseDay(self.today)
                guard let code = ProductCode(self.code) else {
                    throw CatalogError(.invalidInput, "\"\(self.code)\" is not a product code")
                }
                let database = try self.options.openCatalog()
                guard let product = try database.product(code: code) else {
                    throw CatalogError(.notFound, "no product \(code) in the catalogue (see ocop catalog list)")
                }
                print(ProductDetails(product: product, today: day).text.terminalSafe)
            }
        }
    }

    /// `ocop catalog generate --count N [--seed S] --output FILE`
    struct Generate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a synthetic, deterministic catalogue CSV for benchmarks."
        )

        @Option(help: "How many products.")
        var count: Int

        @Option(help: "The seed: the same seed gives the same file.")
        var seed: UInt64 = 1

        @Option(help: "The CSV file to write.")
        var output: String

        func validate() throws {
            guard self.count > 0 else { throw ValidationError("--count must be at least 1") }
        }

        func run() async throws {
            let language = try Language.chosen(flag: nil, configured: nil)
            try ExitStatus.reporting(in: language) {
                let generator = CatalogGenerator(seed: self.seed)
                let progress = ProgressLine(
                    "generated",
                    total: self.count,
                    unit: LocalizedText(en: "products", vi: "sản phẩm"),
                    language: language
                )
                try generator.write(count: self.count, to: URL(fileURLWithPath: self.output), progress: progress.update)
                progress.finish()
                print("wrote \(self.count) products to \(self.output)")
            }
        }
    }
}

/// The day given with `--today`, or today in Vietnam.
func parseDay(_ text: String?) throws(CatalogError) -> CalendarDate {
    guard let text else { return CalendarDate(Date()) }
    guard let day = CalendarDate(parsing: text) else {
        throw CatalogError(.invalidInput, "--today \"\(text)\" is not a date (yyyy-mm-dd)")
    }
    return day
}
