import ArgumentParser
import FeedKit
import Foundation
import Groundwork
import OCOPCatalog
import Operations
import Publishing

extension OCOP.Categories {
    /// `ocop categories suggest MARKETPLACE [--all] [--count N] [--json]`: propose leaves of the synced tree for
    /// the product kinds the mapping has no rule for, and the rules to confirm.
    struct Suggest: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Propose leaves of a marketplace's category tree for product kinds with no mapping.",
            discussion: """
                A product kind is a sub-group (Phân nhóm) of the catalogue, or an OCOP group's products without \
                one. It has no mapping when some of its products get their category from no rule of the mapping \
                in effect (--mappings, else the built-in one), or only from a group: rule, and not from a \
                <marketplace>_category column. For each such kind: its products, then the best leaves of the tree \
                that ocop categories sync kept, by their names (case, word order and missing accents forgiven, \
                the synonyms of category-synonyms.yaml counted), each with its id, path and a score from 0 to 1; \
                then the rules, ready to paste into your own copy of the mapping once you have checked them. \
                Nothing is changed. Exit status 64 when the marketplace's tree was never synced.
                """
        )

        @OptionGroup var options: GlobalOptions

        @Argument(help: "The marketplace: shopee, lazada, tiktok-shop or tiki.")
        var marketplace: String

        @Flag(
            name: [.customLong("all"), .customLong("all-kinds")],
            help: "Suggest for every product kind, not only those with no mapping."
        )
        var all = false

        @Option(help: "The most leaves to propose for each kind.")
        var count = 3

        @Flag(help: "Print the suggestions as JSON.")
        var json = false

        @Option(help: "The day to judge the tree's age on, yyyy-mm-dd (default: today in Vietnam).")
        var today: String?

        func validate() throws {
            guard self.count > 0 else { throw ValidationError("--count must be 1 or more") }
            let trees = AdapterRegistry.categoryTreeMarketplaces
            if AdapterRegistry.adapters.contains(where: { $0.marketplace.rawValue == self.marketplace }),
                !trees.contains(self.marketplace)
            {
                throw ValidationError(
                    "\(self.marketplace) has no category tree to suggest from; the marketplaces that have one are "
                        + trees.joined(separator: ", ")
                )
            }
        }

        func run() async throws {
            let language = try self.options.language()
            let id = self.marketplace
            let report = try ExitStatus.reporting(in: language) { () throws -> CategorySuggestionReport? in
                let workspace = try self.options.workspace()
                _ = try workspace.resolve(id)  // an unknown marketplace is named before the tree is looked for
                guard let tree = try workspace.syncedCategoryTree(id) else { return nil }
                return try workspace.suggestCategories(
                    id,
                    tree: tree,
                    everyKind: self.all,
                    count: self.count,
                    today: try parseDay(self.today)
                )
            }
            guard let report else {
                Terminal.error(
                    Failure.prefix(in: language)
                        + LocalizedText(
                            en: "\(id) has no category tree yet: run ocop categories sync \(id) first",
                            vi: "chưa có cây danh mục của \(id): hãy chạy ocop categories sync \(id) trước"
                        ).text(in: language)
                )
                throw ExitStatus.usage
            }
            if self.json {
                print(try CategorySuggestOutput.json(report))
            } else {
                print(CategorySuggestOutput.text(report, in: language).terminalSafe, terminator: "")
            }
        }
    }
}
