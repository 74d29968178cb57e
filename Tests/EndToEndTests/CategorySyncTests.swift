import Foundation
import Groundwork
import OCOPCatalog
import Sandbox
import TestSupport
import Testing
import Transport

/// `ocop categories sync` against the sandbox, whose trees number their categories differently from the
/// built-in mappings: categories written as paths of names go to the synced leaves, follow a renumbered
/// leaf, and a category that is no leaf of the tree is held back, never sent.
@Suite(.timeLimit(.minutes(2))) struct CategorySyncTests {
    let folder: TemporaryFolder
    let ocop: CommandRunner
    static let today = ["--today", "2026-11-29"]
    /// Products by code with their category on Shopee and on Lazada, as an office would write them (case,
    /// accents and spacing as they come).
    static let products: [(code: String, shopee: String, lazada: String)] = [
        ("KC-CHON-250", "Thực Phẩm và Đồ Uống > Đồ uống > Cà phê", "thực phẩm và đồ uống >  đồ uống > CÀ PHÊ"),
        (
            "DMC-MC-1KG", "Thực Phẩm và Đồ Uống > Thực phẩm khô > Hạt > Hạt mắc ca",
            "Thuc Pham va Do Uong > Thuc pham kho > Hat > Hat mac ca"
        ),
        (
            "KL-MO-BONBON", "Thực Phẩm và Đồ Uống > Thực phẩm khô > Mật ong",
            "Thực Phẩm và Đồ Uống > Thực phẩm khô > Mật ong"
        ),
        // On Lazada by the coffee leaf's id rather than its path: it cannot follow a renumbering.
        ("ST-BOT-500", "Thực Phẩm và Đồ Uống > Đồ uống > Cà phê", "10003102"),
        // Not a leaf on Lazada; on Shopee a path its tree does not have.
        ("ES-GAO-2KG", "Thực Phẩm và Đồ Uống > Thực phẩm khô > Gạo ngon", "Thực Phẩm và Đồ Uống > Thực phẩm khô"),
    ]

    init() throws {
        self.folder = try TemporaryFolder()
        self.ocop = CommandRunner(folder: self.folder.url)
        // The sample rows of these products, each with its two category columns added.
        let lines = try String(contentsOf: Fixtures.sampleCatalogFiles[0], encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
        // TikTok Shop and Tiki take Shopee's paths: the sandbox's trees share their names.
        var csv = [lines[0] + ",shopee_category,lazada_category,tiktok-shop_category,tiki_category"]
        for product in Self.products {
            let row = try #require(lines.first { $0.hasPrefix(product.code + ",") })
            csv.append(row + ",\(product.shopee),\"\(product.lazada)\",\(product.shopee),\(product.shopee)")
        }
        try self.folder.write("catalog.csv", csv.joined(separator: "\n") + "\n")
        let imported = try self.ocop.run(["catalog", "import", "--catalog", "ocop.sqlite", "catalog.csv"])
        #expect(imported.status == 0, "\(imported.stderr)")
    }

    /// An account as a YAML flow mapping, keys in order.
    static func inline(_ account: [String: String]) -> String {
        "{ " + account.sorted { $0.key < $1.key }.map { "\($0.key): \"\($0.value)\"" }.joined(separator: ", ") + " }"
    }

    func writeConfig(_ base: URL, more: String = "") throws {
        let inline = Self.inline
        try self.folder.write(
            "ocop.yaml",
            """
            catalog: ocop.sqlite
            shop: { base_url: "https://ocop.daklak.example.vn" }
            marketplaces:
              shopee: \(inline(SandboxAccounts.shopee(base)))
              lazada: \(inline(SandboxAccounts.lazada(base)))
              tiktok-shop: \(inline(SandboxAccounts.tiktokShop(base)))
              tiki: \(inline(SandboxAccounts.tiki(base)))

            """ + more
        )
    }

    /// The category each item the sandbox's `marketplace` holds is in, by SKU.
    func categories(_ base: URL, _ marketplace: String) async throws -> [String: String] {
        let state = try JSONValue.parse(
            try await CurlClient().send(HTTPRequest(url: base.appending(path: "sandbox/\(marketplace)"))).body
        )
        guard case .object(let items)? = state["items"] else { return [:] }
        let key = marketplace == "lazada" ? "PrimaryCategory" : "category_id"  // as each marketplace names it
        return Dictionary(uniqueKeysWithValues: items.map { ($0.0, $0.1[key]?.text ?? "") })
    }

    func renumber(_ base: URL, _ marketplace: String, _ id: String, to newID: String) async throws {
        let response = try await CurlClient().send(
            HTTPRequest(
                method: "POST",
                url: base.appending(path: "sandbox/categories/\(marketplace)/renumber"),
                headers: [("Content-Type", "application/json")],
                body: Data(#"{"category_id": "\#(id)", "new_id": "\#(newID)"}"#.utf8)
            )
        )
        #expect(response.status == 200)
    }

    @Test func pathsGoToTheSyncedLeavesAndFollowARenumberedLeaf() async throws {
        try await withSandbox { base in
            try self.writeConfig(base)
            // Given no tree synced yet, a path cannot resolve: the products are held back, saying what to run
            let unsynced = try await self.ocop.runDetached(["publish", "lazada"] + Self.today)
            #expect(unsynced.status != 0, "\(unsynced.stderr)")
            #expect(unsynced.stderr.contains("run ocop categories sync lazada"), "\(unsynced.stderr)")
            // (an id needs no tree: it goes as written, and Lazada refuses it, since nothing says which attributes
            // its leaf demands)
            #expect(unsynced.stderr.contains("BIZ_CHECK_CAT_PROP_MANDATORY"), "\(unsynced.stderr)")
            #expect(try await self.categories(base, "lazada").isEmpty)

            // When both trees are synced
            let sync = try await self.ocop.runDetached(["categories", "sync", "--all"])
            #expect(sync.status == 0, "\(sync.stderr)")
            for marketplace in ["shopee", "lazada", "tiktok-shop", "tiki"] {
                #expect(
                    sync.stdout.contains(
                        "\(marketplace): 23 categories, 17 leaves; attributes fetched for the 3 leaves in use (first sync)"
                    ),
                    "\(sync.stdout)"
                )
            }

            // Then publishing puts each product into the leaf its path names, in each marketplace's own ids
            for marketplace in ["shopee", "lazada", "tiktok-shop", "tiki"] {
                let publish = try await self.ocop.runDetached(["publish", marketplace] + Self.today)
                #expect(publish.status == 3, "\(marketplace): \(publish.stderr)")  // the rice is held back
            }
            let shopee = try await self.categories(base, "shopee")
            let lazada = try await self.categories(base, "lazada")
            #expect(
                shopee == [
                    "KC-CHON-250": "101602", "DMC-MC-1KG": "101608", "KL-MO-BONBON": "101610", "ST-BOT-500": "101602",
                ]
            )
            #expect(
                lazada == [
                    "KC-CHON-250": "10003102", "DMC-MC-1KG": "10003108", "KL-MO-BONBON": "10003110",
                    "ST-BOT-500": "10003102",
                ]
            )
            let tiktok = try await self.categories(base, "tiktok-shop")
            let tiki = try await self.categories(base, "tiki")
            // (the honey's title is shorter than TikTok Shop's 25 letters: held back there for that)
            #expect(tiktok == ["KC-CHON-250": "601102", "DMC-MC-1KG": "601108", "ST-BOT-500": "601102"])
            #expect(
                tiki == ["KC-CHON-250": "8402", "DMC-MC-1KG": "8408", "KL-MO-BONBON": "8410", "ST-BOT-500": "8402"]
            )

            // When Lazada renumbers the coffee leaf
            try await self.renumber(base, "lazada", "10003102", to: "10009902")
            let resync = try await self.ocop.runDetached(["categories", "sync", "lazada"])
            // Then the next sync names the leaf, the product it moves and the one it holds back
            #expect(resync.status == 0, "\(resync.stderr)")
            #expect(
                resync.stdout.contains(
                    "lazada: 23 categories, 17 leaves; attributes fetched for the 3 leaves in use; renumbered Thực Phẩm và Đồ Uống > Đồ uống > Cà phê "
                        + "(10003102 → 10009902): moves KC-CHON-250, holds back ST-BOT-500 until its category is written anew"
                ),
                "\(resync.stdout)"
            )
            // and the next publish follows it, holding back the product whose id is gone, never sending it there
            let republish = try await self.ocop.runDetached(["publish", "lazada"] + Self.today)
            #expect(republish.status == 3, "\(republish.stderr)")
            #expect(
                republish.stderr.contains(
                    "held back: lazada: ST-BOT-500: PrimaryCategory: category 10003102 is not in Lazada's category tree"
                ),
                "\(republish.stderr)"
            )
            let after = try await self.categories(base, "lazada")
            #expect(after["KC-CHON-250"] == "10009902" && after["ST-BOT-500"] == "10003102")
            // and so does Shopee's (update_item carries the new leaf)
            try await self.renumber(base, "shopee", "101602", to: "101699")
            let shopeeSync = try await self.ocop.runDetached(["categories", "sync", "shopee"])
            #expect(
                shopeeSync.stdout.contains("(101602 → 101699): moves KC-CHON-250, ST-BOT-500"),
                "\(shopeeSync.stdout)"
            )
            _ = try await self.ocop.runDetached(["publish", "shopee"] + Self.today)
            let moved = try await self.categories(base, "shopee")
            #expect(moved["KC-CHON-250"] == "101699" && moved["ST-BOT-500"] == "101699", "\(moved)")
            // A sync that finds nothing changed says so, in the person's language
            let unchanged = try await self.ocop.runDetached(["categories", "sync", "lazada", "--lang", "vi"])
            #expect(
                unchanged.stdout
                    == "lazada: 23 danh mục, 17 danh mục cấp cuối; đã tải thuộc tính của 3 danh mục cấp cuối có sản phẩm; "
                    + "không danh mục nào thay đổi\n",
                "\(unchanged.stdout)"
            )
        }
    }

    @Test func aCategoryThatIsNoLeafOfTheTreeIsHeldBackAndNeverSent() async throws {
        let journal = try RequestJournal(writingTo: self.folder.url.appending(path: "journal.jsonl"))
        try await withSandbox(journal: journal) { base in
            try self.writeConfig(base)
            _ = try await self.ocop.runDetached(["categories", "sync", "--all"])
            let shopee = try await self.ocop.runDetached(["publish", "shopee"] + Self.today)
            let lazada = try await self.ocop.runDetached(["publish", "lazada"] + Self.today)
            // The rice is held back on both, each reason naming its category
            #expect(
                lazada.stderr.contains(
                    "held back: lazada: ES-GAO-2KG: PrimaryCategory: category “Thực Phẩm và Đồ Uống > Thực phẩm khô” "
                        + "is not a last-level category on Lazada: choose one of the categories under it"
                ),
                "\(lazada.stderr)"
            )
            #expect(
                shopee.stderr.contains(
                    "held back: shopee: ES-GAO-2KG: category_id: category “Thực Phẩm và Đồ Uống > Thực phẩm khô > "
                        + "Gạo ngon” is not a path of Shopee's category tree"
                ),
                "\(shopee.stderr)"
            )
            #expect(try await self.categories(base, "shopee")["ES-GAO-2KG"] == nil)
            #expect(try await self.categories(base, "lazada")["ES-GAO-2KG"] == nil)
        }
        // and no request carried it
        let sent = try String(contentsOf: self.folder.url.appending(path: "journal.jsonl"), encoding: .utf8)
            .split(separator: "\n").map { line -> String in
                let request = try? JSONValue.parse(Data(line.utf8))
                let body = Data(base64Encoded: request?["body_base64"]?.text ?? "") ?? Data()
                return (request?["query"]?.text ?? "") + String(decoding: body, as: UTF8.self)
            }
        #expect(!sent.contains { $0.contains("ES-GAO-2KG") })
        #expect(sent.contains { $0.contains("KC-CHON-250") })
    }

    @Test func theSchedulerSyncsEveryTreeAsAJob() async throws {
        let night = try await withSandbox { base in
            try self.writeConfig(
                base,
                more: """
                    jobs:
                      - { name: nightly-categories, marketplace: all, action: sync-categories, schedule: "0 1 * * *" }

                    """
            )
            return try await self.ocop.runDetached(["--once"], executable: "ocop-scheduler")
        }
        #expect(night.status == 0, "\(night.stderr)")
        for marketplace in ["shopee", "lazada", "tiktok-shop", "tiki"] {
            #expect(
                night.stderr.contains(
                    "\(marketplace): categories synced: 23 categories, 17 leaves; attributes fetched for the 3 leaves in use"
                ),
                "\(night.stderr)"
            )
        }
    }

    @Test func theBuiltInMappingsPathsResolveToTheSyncedLeaves() async throws {
        let (folder, ocop) = try CommandRunner.withSampleCatalog()
        let (shopee, lazada) = try await withSandbox { base in
            let inline = Self.inline
            try folder.write(
                "ocop.yaml",
                """
                catalog: ocop.sqlite
                shop: { base_url: "https://ocop.daklak.example.vn" }
                marketplaces:
                  shopee: \(inline(SandboxAccounts.shopee(base)))
                  lazada: \(inline(SandboxAccounts.lazada(base)))

                """
            )
            let sync = try await ocop.runDetached(["categories", "sync", "--all"])
            #expect(sync.status == 0, "\(sync.stderr)")
            for marketplace in ["shopee", "lazada"] {
                _ = try await ocop.runDetached(["publish", marketplace] + Self.today)
            }
            return (try await self.categories(base, "shopee"), try await self.categories(base, "lazada"))
        }
        // Coffee, macadamia, honey, tea and rice land in the leaves the mapping names by path
        let expected: [(code: String, shopee: String, lazada: String)] = [
            ("KC-CHON-250", "101602", "10003102"), ("DMC-MC-1KG", "101608", "10003108"),
            ("KL-MO-BONBON", "101610", "10003110"), ("NS-TRA-MC", "101603", "10003103"),
            ("ES-GAO-2KG", "101611", "10003111"),
        ]
        for product in expected {
            #expect(shopee[product.code] == product.shopee, "\(product.code)")
            #expect(lazada[product.code] == product.lazada, "\(product.code)")
        }
    }

    @Test func aTreeOlderThanTheAccountAllowsIsNotGuessedFrom() async throws {
        let (result, sent) = try await withSandbox { base in
            var lazada = SandboxAccounts.lazada(base)
            lazada["category_tree_max_age"] = "0"
            try self.folder.write(
                "ocop.yaml",
                "catalog: ocop.sqlite\nshop: { base_url: \"https://ocop.daklak.example.vn\" }\nmarketplaces:\n  lazada: { "
                    + lazada.map { "\($0.key): \"\($0.value)\"" }.joined(separator: ", ") + " }\n"
            )
            _ = try await self.ocop.runDetached(["categories", "sync", "lazada"])
            // Two days after the sync, with no day of age allowed
            let day = DateFormatter()
            day.dateFormat = "yyyy-MM-dd"
            day.timeZone = TimeZone(identifier: "Asia/Ho_Chi_Minh")
            let later = day.string(from: Date().addingTimeInterval(2 * 86_400))
            let result = try await self.ocop.runDetached(["publish", "lazada", "--today", later])
            return (result, try await self.categories(base, "lazada"))
        }
        #expect(result.status == 3, "\(result.stderr)")
        #expect(
            result.stderr.contains(
                "held back: lazada: KC-CHON-250: PrimaryCategory: Lazada's category tree was synced 2 days ago, more "
                    + "than the 0 that marketplaces.lazada.category_tree_max_age allows; categories are not guessed "
                    + "from it: run ocop categories sync lazada"
            ),
            "\(result.stderr)"
        )
        #expect(sent.isEmpty)
    }

    @Test func theJSONReportNamesEachChangedLeafAndProductForScripts() async throws {
        let (first, second) = try await withSandbox { base in
            try self.writeConfig(base)
            let first = try await self.ocop.runDetached(["categories", "sync", "--all", "--json"])
            try await self.renumber(base, "lazada", "10003102", to: "10009902")
            return (first, try await self.ocop.runDetached(["categories", "sync", "lazada", "--json"]))
        }
        let synced = try JSONValue.parse(Data(first.stdout.utf8)).elements
        #expect(synced.map { $0["marketplace"]?.text } == ["shopee", "lazada", "tiktok-shop", "tiki"])
        #expect(synced.allSatisfy { $0["leaves"] == .number("17") && $0["previous"] == nil })
        let lazada = try #require(try JSONValue.parse(Data(second.stdout.utf8)).elements.first)
        #expect(
            lazada["renumbered"]
                == .array([
                    .object([
                        ("new_id", .string("10009902")), ("old_id", .string("10003102")),
                        ("path", .string("Thực Phẩm và Đồ Uống > Đồ uống > Cà phê")),
                    ])
                ])
        )
        let affected = lazada["affected"]?.elements.map { ($0["code"]?.text ?? "", $0["follows"] == .bool(true)) }
        #expect(affected?.map(\.0) == ["KC-CHON-250", "ST-BOT-500"] && affected?.map(\.1) == [true, false])
        #expect(lazada["previous"]?.text?.hasSuffix("Z") == true)
    }

    @Test func aMarketplaceWithoutATreeIsAUsageErrorAndOneOutOfReachSaysSo() async throws {
        try self.folder.write(
            "ocop.yaml",
            """
            catalog: ocop.sqlite
            marketplaces:
              lazada: { endpoint: "http://127.0.0.1:9/lazada/rest", app_key: "1", app_secret: "s", access_token: "t" }

            """
        )
        let google = try await self.ocop.runDetached(["categories", "sync", "google-merchant"])
        #expect(google.status == 64)
        #expect(google.stderr.contains("google-merchant has no category tree to sync"), "\(google.stderr)")
        let unreachable = try await self.ocop.runDetached(["categories", "sync", "lazada"])
        #expect(unreachable.status == 69)
        #expect(
            unreachable.stderr.hasPrefix("error: lazada: the category tree could not be fetched: "),
            "\(unreachable.stderr)"
        )
    }

    @Test func aTreeWithFewerThanHalfTheLeavesKeptIsNotKeptUnlessAccepted() async throws {
        // A tree of 40 leaves kept from before; the sandbox now answers 17
        let database = try CatalogDatabase(path: self.folder.url.appending(path: "ocop.sqlite").path)
        try database.saveCategoryTree(
            CategoryTree(
                marketplace: "lazada",
                fetched: Date(timeIntervalSince1970: 1_796_000_000),
                nodes: (1...40).map { CategoryNode(id: "\($0)", parentID: nil, name: "Lá \($0)", isLeaf: true) }
            )
        )
        try await withSandbox { base in
            try self.writeConfig(base)
            let cut = try await self.ocop.runDetached(["categories", "sync", "lazada"])
            #expect(cut.status != 0)
            #expect(
                cut.stderr.contains("Lazada answered a tree of 17 leaves where the one kept has 40: not kept"),
                "\(cut.stderr)"
            )
            #expect(try database.categoryTree(for: "lazada")?.nodes.count == 40)
            let accepted = try await self.ocop.runDetached(["categories", "sync", "lazada", "--accept-smaller-tree"])
            #expect(accepted.status == 0, "\(accepted.stderr)")
            #expect(try database.categoryTree(for: "lazada")?.nodes.count == 23)
        }
    }
}
