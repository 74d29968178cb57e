import ArgumentParser
import FeedKit
import Foundation
import Groundwork
import OCOPCatalog
import Operations

extension OCOP {
    /// `ocop feed …`: marketplace feeds.
    struct Feed: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Export and validate marketplace feeds.",
            subcommands: [Export.self, Validate.self]
        )
    }
}

extension OCOP.Feed {
    /// `ocop feed export MARKETPLACE [--format xml|json] [--output FILE]`
    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a marketplace's feed of certified, active products.",
            discussion: """
                Every item is validated; items with errors are held back and listed (stderr and a report \
                beside the feed: FILE.report.json). Expired or revoked certificates and tourism services \
                never appear. Exit status 3 when items failed the marketplace's rules.
                """
        )

        @OptionGroup var options: GlobalOptions

        @Argument(help: "The marketplace (see ocop marketplaces).")
        var marketplace: String

        @Option(help: "xml or json (default: what --output's extension says, else the marketplace's first format).")
        var format: String?

        func validate() throws {
            if let format = self.format, FeedFormat(rawValue: format) == nil {
                throw ValidationError("--format must be xml or json")
            }
        }

        @Option(help: "The feed file (default: MARKETPLACE.xml or .jsonl in the folder ocop serve hosts, feeds/).")
        var output: String?

        @Option(help: "The day to judge certificates on, yyyy-mm-dd (default: today in Vietnam).")
        var today: String?

        @Flag(help: "Then push the feed to the marketplace's upload_url (sftp:// or https://).")
        var upload = false

        func run() async throws {
            let language = try self.options.language()
            try await ExitStatus.reportingAsync(in: language) {
                let workspace = try self.options.workspace()
                let adapter = try workspace.resolve(self.marketplace).adapter
                let format = FeedFormat.chosen(
                    self.format.flatMap(FeedFormat.init(rawValue:)),
                    fileName: self.output,
                    takes: adapter.formats
                )
                // Without --output, the feed goes where `ocop serve` hosts it.
                let output =
                    self.output.map { URL(fileURLWithPath: $0) }
                    ?? workspace.hostedFeedsFolder.appending(path: "\(adapter.marketplace).\(format.fileExtension)")
                if self.output == nil {
                    try FileManager.default.createDirectory(
                        at: workspace.hostedFeedsFolder,
                        withIntermediateDirectories: true
                    )
                }
                let progress = ProgressLine(
                    adapter.marketplace.rawValue,
                    total: try? workspace.openCatalog().productCount(),
                    unit: LocalizedText(en: "products", vi: "sản phẩm"),
                    language: language
                )
                let report = try workspace.export(
                    self.marketplace,
                    format: format,
                    to: output,
                    today: try parseDay(self.today),
                    progress: progress.update
                )
                progress.finish()
                let reportURL = URL(fileURLWithPath: output.relativePath + ".report.json")
                try report.write(to: reportURL)
                let failed = ReportOutput.printHeldBack(report, language: language)
                print(
                    LocalizedText(
                        en: "\(adapter.marketplace): wrote \(report.valid) of \(report.items) items to "
                            + "\(output.relativePath); \(report.invalid - failed) withdrawn, \(failed) held back, "
                            + "\(report.warnings) warnings (report: \(reportURL.relativePath))",
                        vi: "\(adapter.marketplace): đã ghi \(report.valid) trên \(report.items) sản phẩm vào "
                            + "\(output.relativePath); gỡ khỏi sàn \(report.invalid - failed), tạm giữ \(failed), "
                            + "cảnh báo \(report.warnings) (báo cáo: \(reportURL.relativePath))"
                    ).text(in: language)
                )
                if self.upload {
                    let (url, bytes) = try await workspace.upload(self.marketplace, file: output)
                    print("\(adapter.marketplace): uploaded \(bytes) bytes to \(url)")
                }
                if failed > 0 { throw ExitStatus.itemsFailed }
            }
        }
    }

    /// `ocop feed validate MARKETPLACE FILE [--json]`
    struct Validate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Validate any feed file of a marketplace, ours or not.",
            discussion:
                "XML is checked against the adapter's XSD while streaming, then every item against the same rules as at export. Exit status 3 when any error is found."
        )

        @OptionGroup var options: GlobalOptions

        @Argument(help: "The marketplace (see ocop marketplaces).")
        var marketplace: String

        @Argument(help: "The feed file (.xml, or .jsonl/.json: one JSON object per line).")
        var file: String

        @Flag(help: "Print the report as JSON: {marketplace, items, valid, errors, warnings, findings}.")
        var json = false

        func run() async throws {
            let language = try self.options.language()
            try ExitStatus.reporting(in: language) {
                let (adapter, mapping) = try self.options.workspace().resolveForValidation(
                    self.marketplace,
                    today: try parseDay(nil)
                )
                let validator = try FeedFileValidator(adapter: adapter, mapping: mapping)
                let report = try validator.validate(URL(fileURLWithPath: self.file), file: self.file)
                if self.json {
                    print(try report.jsonText())
                } else {
                    ReportOutput.printTable(report, language: language)
                }
                if report.errors > 0 { throw ExitStatus.itemsFailed }
            }
        }
    }
}
