import ArgumentParser
import Foundation
import Groundwork
import OCOPCatalog

extension OCOP {
    /// `ocop init [--force]`
    struct Init: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Start a working folder: a commented ocop.yaml, its folders and a starter spreadsheet.",
            discussion: """
                Writes ocop.yaml (every setting explained, secrets as ${VAR}), the feeds/ folder ocop serve \
                hosts, and catalog/mau-danh-sach-ocop.xlsx and .csv: the Vietnamese headings ocop catalog \
                import takes and one example row to replace with your products. An existing ocop.yaml is kept \
                unless --force; an existing template is always kept.
                """
        )

        @Option(help: "The folder to start (default: the current one).")
        var folder = "."

        @Flag(help: "Replace an existing ocop.yaml (a template that exists is always kept).")
        var force = false

        func run() throws {
            let language = try Language.chosen(flag: nil, configured: nil)
            try ExitStatus.reporting(in: language) {
                let folder = URL(fileURLWithPath: self.folder, isDirectory: true).standardizedFileURL
                let config = folder.appending(path: "ocop.yaml")
                if FileManager.default.fileExists(atPath: config.path) && !self.force {
                    throw CatalogError(
                        .invalidInput,
                        "\(config.path) exists already: it is kept (pass --force to replace it)"
                    )
                }
                let catalog = folder.appending(path: "catalog", directoryHint: .isDirectory)
                do {
                    for created in [folder, catalog, folder.appending(path: "feeds", directoryHint: .isDirectory)] {
                        try FileManager.default.createDirectory(at: created, withIntermediateDirectories: true)
                    }
                    try Data(StarterFolder.configuration.utf8).write(to: config)
                    // With a byte order mark, so Excel opens the CSV as UTF-8.
                    var csv: [UInt8] = [0xEF, 0xBB, 0xBF]
                    for row in StarterFolder.template {
                        for (index, value) in row.enumerated() {
                            if index > 0 { csv.append(UInt8(ascii: ",")) }
                            CSVField.append(value, to: &csv)
                        }
                        csv += [0x0D, 0x0A]
                    }
                    let csvTemplate = catalog.appending(path: "mau-danh-sach-ocop.csv")
                    // A template may already hold an office's products: it is never replaced, not even by --force.
                    if !FileManager.default.fileExists(atPath: csvTemplate.path) {
                        try Data(csv).write(to: csvTemplate)
                    }
                } catch {
                    throw CatalogError(.unreadableFile, "\(folder.path): cannot write: \(error.localizedDescription)")
                }
                let workbook = catalog.appending(path: "mau-danh-sach-ocop.xlsx")
                if !FileManager.default.fileExists(atPath: workbook.path) {
                    try XLSXWriter.write(StarterFolder.template, sheet: "Danh sách", to: workbook)
                }
                print(
                    """
                    wrote \(config.path), feeds/ and catalog/mau-danh-sach-ocop.xlsx (.csv beside it)
                    next: set shop.base_url in ocop.yaml, replace the example row with your products, then
                      ocop catalog import catalog/mau-danh-sach-ocop.xlsx
                      ocop feed export google-merchant
                    """
                )
            }
        }
    }
}
