import Foundation
import Groundwork
import Sandbox
import TestSupport
import Testing

/// `ocop categories suggest` on the sandbox's Shopee tree: a kind the mapping has no rule for (macadamia, which
/// the built-in rules spell `mắc ca`) gets the leaves its words name and a rule to paste, in the person's
/// language; once pasted into the office's own mapping, the kind has a mapping and nothing is left to suggest.
@Suite(.timeLimit(.minutes(2))) struct CategorySuggestTests {
    let folder: TemporaryFolder
    let ocop: CommandRunner
    static let macadamia = "Thực Phẩm và Đồ Uống > Thực phẩm khô > Hạt > Hạt mắc ca"
    static let rule = #"  - { keywords: [macadamia], category: "\#(macadamia)" }"#

    init() throws {
        self.folder = try TemporaryFolder()
        self.ocop = CommandRunner(folder: self.folder.url)
        // The sample fish sauce (a keyword rule places it), and a macadamia only a `group: food` rule places.
        let samples = try #require(Fixtures.sampleCatalogFiles.first { $0.pathExtension == "json" })
        let products = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: samples)) as? [[String: Any]]
        )
        var macadamia = try #require(products.first)
        macadamia["code"] = "PY-MAC-500"
        macadamia["name"] = "Macadamia Tuy An rang muối 500 g"
        macadamia["subgroup"] = "macadamia"
        macadamia["gtin"] = nil
        let catalogue = try JSONSerialization.data(withJSONObject: [products[0], macadamia])
        try self.folder.write("catalog.json", String(decoding: catalogue, as: UTF8.self))
        let imported = try self.ocop.run(["catalog", "import", "--catalog", "ocop.sqlite", "catalog.json"])
        #expect(imported.status == 0, "\(imported.stderr)")
    }

    @Test func aKindWithNoMappingGetsTheLeavesItsWordsNameAndARuleToPaste() async throws {
        try await withSandbox { base in
            let account = SandboxAccounts.shopee(base).sorted { $0.key < $1.key }
                .map { "\($0.key): \"\($0.value)\"" }.joined(separator: ", ")
            try self.folder.write("ocop.yaml", "catalog: ocop.sqlite\nmarketplaces:\n  shopee: { \(account) }\n")

            // Given no tree synced yet, suggest says what to run, in the person's language (usage status)
            for (language, message) in [
                ("en", "error: shopee has no category tree yet: run ocop categories sync shopee first\n"),
                ("vi", "lỗi: chưa có cây danh mục của shopee: hãy chạy ocop categories sync shopee trước\n"),
            ] {
                let early = try await self.ocop.runDetached(["categories", "suggest", "shopee", "--lang", language])
                #expect(early.status == 64 && early.stderr == message, "\(early.stderr)")
            }
            let sync = try await self.ocop.runDetached(["categories", "sync", "shopee"])
            #expect(sync.status == 0, "\(sync.stderr)")

            // When suggesting, in English
            let english = try await self.ocop.runDetached(["categories", "suggest", "shopee", "--lang", "en"])
            #expect(english.status == 0, "\(english.stderr)")
            let lines = english.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            // Then only the macadamia is named (the fish sauce has its rule), with its best leaf first, and the rule
            #expect(
                lines.first?.hasPrefix(
                    "shopee: 1 product kind has no category rule of its own; leaves of the tree synced 20"
                ) == true,
                "\(english.stdout)"
            )
            #expect(
                lines.contains(
                    "macadamia — 1 product; now: Thực Phẩm và Đồ Uống > Thực phẩm khác, by its group only"
                ),
                "\(english.stdout)"
            )
            #expect(lines.contains { $0.hasPrefix("  1. 101608  \(Self.macadamia)  (score 0.") }, "\(english.stdout)")
            #expect(!english.stdout.contains("nước mắm"))
            #expect(lines.contains(Self.rule), "\(english.stdout)")

            // and in Vietnamese
            let vietnamese = try await self.ocop.runDetached(["categories", "suggest", "shopee", "--lang", "vi"])
            #expect(vietnamese.status == 0, "\(vietnamese.stderr)")
            #expect(
                vietnamese.stdout.hasPrefix(
                    "shopee: 1 loại sản phẩm chưa có quy tắc danh mục riêng; gợi ý từ cây danh mục đồng bộ ngày "
                ),
                "\(vietnamese.stdout)"
            )
            #expect(
                vietnamese.stdout.contains(
                    "\nmacadamia — 1 sản phẩm; hiện: Thực Phẩm và Đồ Uống > Thực phẩm khác, chỉ theo nhóm\n"
                        + "  1. 101608  \(Self.macadamia)  (điểm 0."
                ),
                "\(vietnamese.stdout)"
            )
            #expect(
                vietnamese.stdout.contains("# Kiểm tra từng quy tắc, rồi dán vào categories: trong bản shopee.yaml")
            )
            #expect(vietnamese.stdout.hasSuffix("\n" + Self.rule + "\n"), "\(vietnamese.stdout)")

            // and a tree older than publishing trusts is said to be so
            let later = try await self.ocop.runDetached(["categories", "suggest", "shopee", "--today", "2099-01-01"])
            #expect(later.stdout.contains("days old, past the 30 publishing trusts: run ocop categories sync shopee"))

            // and for scripts, every kind with --all
            let json = try await self.ocop.runDetached(["categories", "suggest", "shopee", "--all", "--json"])
            let report = try JSONValue.parse(Data(json.stdout.utf8))
            #expect(report["marketplace"]?.text == "shopee")
            let kinds = report["kinds"]?.elements ?? []
            #expect(kinds.compactMap { $0["kind"]?.text } == ["macadamia", "nước mắm"], "\(json.stdout)")
            #expect(kinds.first?["suggestions"]?.elements.first?["id"]?.text == "101608")
            #expect(kinds.first?["rule"]?["category"]?.text == Self.macadamia)
            #expect(kinds.last?["unmapped"] == .number("0"), "\(json.stdout)")

            // When the office pastes the rule into its own copy of the mapping, above the group: rules
            let builtin = try String(contentsOf: Fixtures.mappings.appending(path: "shopee.yaml"), encoding: .utf8)
            let mine = builtin.replacingOccurrences(of: "categories:\n", with: "categories:\n" + Self.rule + "\n")
            try FileManager.default.createDirectory(
                at: self.folder.url.appending(path: "mappings"),
                withIntermediateDirectories: true
            )
            try self.folder.write("mappings/shopee.yaml", mine)
            let after = try await self.ocop.runDetached(
                ["categories", "suggest", "shopee", "--mappings", "mappings", "--lang", "en"]
            )
            // Then the kind has a mapping: nothing is left to suggest
            #expect(after.status == 0, "\(after.stderr)")
            #expect(
                after.stdout
                    == "shopee: every product kind has a category rule of its own; --all suggests for every kind\n",
                "\(after.stdout)"
            )
        }
    }

    @Test func anOfficesOwnSynonymsFileInItsMappingsFolderIsReadInsteadOfTheBuiltInOne() async throws {
        try await withSandbox { base in
            let account = SandboxAccounts.shopee(base).sorted { $0.key < $1.key }
                .map { "\($0.key): \"\($0.value)\"" }.joined(separator: ", ")
            try self.folder.write("ocop.yaml", "catalog: ocop.sqlite\nmarketplaces:\n  shopee: { \(account) }\n")
            _ = try await self.ocop.runDetached(["categories", "sync", "shopee"])
            // Given a mappings folder whose synonyms file knows `hạt mắc ca` only as `hawaii nut`
            try FileManager.default.createDirectory(
                at: self.folder.url.appending(path: "mine"),
                withIntermediateDirectories: true
            )
            let shopee = try String(contentsOf: Fixtures.mappings.appending(path: "shopee.yaml"), encoding: .utf8)
            try self.folder.write("mine/shopee.yaml", shopee)
            try self.folder.write("mine/category-synonyms.yaml", "synonyms:\n  - [hạt mắc ca, hawaii nut]\n")
            // When the macadamia is suggested from it
            let mine = try await self.ocop.runDetached([
                "categories", "suggest", "shopee", "--mappings", "mine", "--json",
            ])
            // Then `macadamia` is only a word of its own: the macadamia leaf is not found, only the food group's
            let kinds = try JSONValue.parse(Data(mine.stdout.utf8))["kinds"]?.elements ?? []
            #expect(mine.status == 0 && kinds.first?["kind"]?.text == "macadamia", "\(mine.stdout)")
            let ids = kinds.first?["suggestions"]?.elements.compactMap { $0["id"]?.text } ?? []
            #expect(!ids.isEmpty && !ids.contains("101608"), "\(mine.stdout)")
            // and a bad synonyms file is named
            try self.folder.write("mine/category-synonyms.yaml", "synonyms: nonsense\n")
            let bad = try await self.ocop.runDetached(["categories", "suggest", "shopee", "--mappings", "mine"])
            #expect(bad.status == 65 && bad.stderr.hasPrefix("error: category-synonyms.yaml: "), "\(bad.stderr)")
        }
    }

    @Test func aMarketplaceWithoutACategoryTreeIsAUsageError() throws {
        let result = try self.ocop.run(["categories", "suggest", "google-merchant"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("google-merchant has no category tree to suggest from"), "\(result.stderr)")
    }
}
