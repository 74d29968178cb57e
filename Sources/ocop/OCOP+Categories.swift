import ArgumentParser
import FeedKit
import Foundation
import Groundwork
import OCOPCatalog
import Operations
import Publishing

extension OCOP {
    /// `ocop categories sync MARKETPLACE|--all`
    struct Categories: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Marketplaces' own category trees.",
            subcommands: [Sync.self, Suggest.self]
        )
    }
}

extension OCOP.Categories {
    /// `ocop categories sync MARKETPLACE|--all`: fetch and keep each tree, report what drifted.
    struct Sync: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Fetch a marketplace's category tree and keep it in the catalogue; report what drifted.",
            discussion: """
                Categories in mappings and in <marketplace>_category columns may then be the marketplace's own \
                path of names (Thực Phẩm và Đồ Uống > Đồ uống > Cà phê). One line per marketplace: how many \
                categories and leaves, and against the tree kept before, the leaves renumbered or gone and the \
                products they affect. Exit status 69 when a marketplace could not be reached.
                """
        )

        @OptionGroup var options: GlobalOptions

        @Argument(help: "The marketplace: shopee, lazada, tiktok-shop or tiki.")
        var marketplace: String?

        @Flag(help: "Sync every configured marketplace that has a category tree.")
        var all = false

        @Flag(help: "Print the reports as JSON: one object per marketplace synced.")
        var json = false

        @Flag(help: "Keep a tree with fewer than half the leaves of the one kept (the marketplace really cut it).")
        var acceptSmallerTree = false

        func validate() throws {
            guard (self.marketplace == nil) != !self.all else {
                throw ValidationError("name one marketplace, or pass --all")
            }
            let trees = AdapterRegistry.categoryTreeMarketplaces
            if let id = self.marketplace, AdapterRegistry.adapters.contains(where: { $0.marketplace.rawValue == id }),
                !trees.contains(id)
            {
                throw ValidationError(
                    "\(id) has no category tree to sync; the marketplaces that have one are "
                        + trees.joined(separator: ", ")
                )
            }
        }

        func run() async throws {
            let language = try self.options.language()
            let workspace = try ExitStatus.reporting(in: language) { try self.options.workspace() }
            let ids = self.all ? workspace.categoryMarketplaces : [self.marketplace ?? ""]
            var worst: ExitCode? = nil
            var reports: [CategorySyncReport] = []
            for id in ids {
                do {
                    try await ExitStatus.reportingAsync(in: language) {
                        let report = try await workspace.syncCategories(
                            id,
                            acceptingSmallerTree: self.acceptSmallerTree
                        )
                        reports.append(report)
                        if !self.json { print(Self.line(report).text(in: language)) }
                    }
                } catch let status as ExitCode {
                    if status.rawValue > (worst?.rawValue ?? 0) { worst = status }
                }
            }
            if self.json { print(try CategorySyncOutput.json(reports)) }
            if let worst { throw worst }
        }

        /// `lazada: 24 categories, 14 leaves; attributes fetched for the 3 leaves in use; renumbered …; vanished …;
        /// … now requires …`, in both languages.
        static func line(_ report: CategorySyncReport) -> LocalizedText {
            var text = LocalizedText(
                en: "\(report.marketplace): \(report.categories) categories, \(report.leaves) leaves; attributes "
                    + "fetched for the \(report.leavesInUse) leaves in use",
                vi: "\(report.marketplace): \(report.categories) danh mục, \(report.leaves) danh mục cấp cuối; đã tải "
                    + "thuộc tính của \(report.leavesInUse) danh mục cấp cuối có sản phẩm"
            )
            text = text + Self.drift(report)
            for gained in report.gained {
                let codes = gained.codes.joined(separator: ", ")
                let heading = gained.column.flatMap(CatalogColumn.init(rawValue:))?.vietnameseHeadings.first
                let held =
                    gained.column.map {
                        LocalizedText(
                            en: " (held back where the \($0) column is empty)",
                            vi: " (tạm giữ sản phẩm nào chưa điền cột \(heading ?? $0))"
                        )
                    }
                    ?? LocalizedText(
                        en: " (held back until category-attributes.yaml gives it a value)",
                        vi: " (tạm giữ cho đến khi category-attributes.yaml có giá trị cho nó)"
                    )
                text =
                    text
                    + LocalizedText(
                        en: "; \(gained.path) now requires “\(gained.attribute)” (\(gained.key)): \(codes)",
                        vi: "; \(gained.path) nay bắt buộc “\(gained.attribute)” (\(gained.key)): \(codes)"
                    ) + held
            }
            for leaf in report.unfetched {
                text =
                    text
                    + LocalizedText(
                        en: "; attributes of “\(leaf.path)” not fetched (\(leaf.reason)): its products are held back",
                        vi: "; không tải được thuộc tính của “\(leaf.path)” (\(leaf.reason)): tạm giữ các sản phẩm "
                            + "trong đó"
                    )
            }
            return text
        }

        /// `; renumbered …: moves …`, or that no leaf changed, or that this is the first sync.
        private static func drift(_ report: CategorySyncReport) -> LocalizedText {
            var text = LocalizedText(verbatim: "")
            guard let drift = report.drift else {
                return LocalizedText(en: " (first sync)", vi: " (lần đồng bộ đầu)")
            }
            if drift.isEmpty {
                return LocalizedText(en: "; no leaf changed", vi: "; không danh mục nào thay đổi")
            }
            /// What happens to the products of leaf `oldID`: those that follow by themselves are `followed`.
            func products(
                _ oldID: String,
                followed: LocalizedText = LocalizedText(en: "moves", vi: "chuyển")
            ) -> LocalizedText {
                let affected = report.affected.filter { $0.oldID == oldID }
                guard !affected.isEmpty else { return LocalizedText(en: " (no product)", vi: " (không sản phẩm nào)") }
                let follow = affected.filter(\.follows).map(\.code)
                let held = affected.filter { !$0.follows }.map(\.code)
                var said = LocalizedText(verbatim: "")
                if !follow.isEmpty {
                    let codes = follow.joined(separator: ", ")
                    said =
                        said
                        + LocalizedText(en: " \(followed.english) \(codes)", vi: " \(followed.vietnamese) \(codes)")
                }
                if !held.isEmpty {
                    let codes = held.joined(separator: ", ")
                    said =
                        said
                        + LocalizedText(
                            en: "\(follow.isEmpty ? "" : ",") holds back \(codes) until its category is written anew",
                            vi: "\(follow.isEmpty ? "" : ",") tạm giữ \(codes) cho đến khi ghi lại danh mục"
                        )
                }
                return said
            }
            for leaf in drift.renumbered {
                text =
                    text
                    + LocalizedText(
                        en: "; renumbered \(leaf.path) (\(leaf.oldID) → \(leaf.newID)):",
                        vi: "; đổi mã \(leaf.path) (\(leaf.oldID) → \(leaf.newID)):"
                    ) + products(leaf.oldID)
            }
            for leaf in drift.moved {
                text =
                    text
                    + LocalizedText(
                        en: "; moved \(leaf.oldPath) → \(leaf.newPath) (\(leaf.id)):",
                        vi: "; chuyển chỗ \(leaf.oldPath) → \(leaf.newPath) (\(leaf.id)):"
                    ) + products(leaf.id, followed: LocalizedText(en: "keeps", vi: "giữ"))
            }
            for leaf in drift.vanished {
                text =
                    text
                    + LocalizedText(
                        en: "; vanished \(leaf.path) (\(leaf.oldID)):",
                        vi: "; không còn \(leaf.path) (\(leaf.oldID)):"
                    ) + products(leaf.oldID)
            }
            return text
        }
    }
}
