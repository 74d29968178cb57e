import Foundation
import Groundwork
import Sandbox
import TestSupport
import Testing
import Transport

/// The attributes the sandbox's leaves demand (origin from a closed list, a shelf life), filled from the
/// catalogue through the attribute map once `categories sync` has fetched them; a product whose leaf demands
/// what it lacks is held back naming the attribute and the column, and a leaf that comes to demand more is
/// reported by the next sync.
extension CategorySyncTests {
    /// Everything the sandbox's `marketplace` holds of the item `code`, as JSON text.
    func heldItem(_ base: URL, _ marketplace: String, _ code: String) async throws -> String {
        let state = try JSONValue.parse(
            try await CurlClient().send(HTTPRequest(url: base.appending(path: "sandbox/\(marketplace)"))).body
        )
        return state["items"]?[code]?.serialized ?? ""
    }

    @Test func originAndShelfLifeAreFilledFromTheCatalogueInEachMarketplacesShape() async throws {
        try await withSandbox { base in
            try self.writeConfig(base)
            let sync = try await self.ocop.runDetached(["categories", "sync", "--all"])
            #expect(sync.status == 0, "\(sync.stderr)")
            for marketplace in ["shopee", "lazada", "tiktok-shop", "tiki"] {
                _ = try await self.ocop.runDetached(["publish", marketplace] + Self.today)
            }
            // Origin from a closed list: by Lazada's English option name, by Shopee's and TikTok Shop's value id
            let lazada = try await self.heldItem(base, "lazada", "KC-CHON-250")
            #expect(lazada.contains(#""country_origin":"Vietnam""#), "\(lazada)")
            #expect(lazada.contains(#""shelf_life":"18 tháng""#), "\(lazada)")
            let shopee = try await self.heldItem(base, "shopee", "KC-CHON-250")
            #expect(
                shopee.contains(#"{"attribute_id":100037,"attribute_value_list":[{"value_id":1001}]}"#),
                "\(shopee)"
            )
            #expect(
                shopee.contains(
                    #"{"attribute_id":100095,"attribute_value_list":[{"value_id":0,"original_value_name":"18 tháng"}]}"#
                ),
                "\(shopee)"
            )
            let tiktok = try await self.heldItem(base, "tiktok-shop", "KC-CHON-250")
            #expect(tiktok.contains(#"{"id":"100037","values":[{"id":"1001"}]}"#), "\(tiktok)")
            let tiki = try await self.heldItem(base, "tiki", "KC-CHON-250")
            #expect(tiki.contains(#""shelf_life":"18 tháng""#), "\(tiki)")
        }
    }

    @Test func aProductWhoseLeafDemandsAShelfLifeItLacksIsHeldBackNamingIt() async throws {
        // The sample ginseng tea has no shelf life; its leaf demands one
        let imported = try self.ocop.run(
            ["catalog", "import", "--catalog", "ocop.sqlite", "catalog.csv", Fixtures.sampleCatalogFiles[1].path]
        )
        #expect(imported.status == 0, "\(imported.stderr)")
        try await withSandbox { base in
            try self.writeConfig(base)
            _ = try await self.ocop.runDetached(["categories", "sync", "--all"])
            for marketplace in ["shopee", "lazada", "tiktok-shop", "tiki"] {
                let publish = try await self.ocop.runDetached(["publish", marketplace] + Self.today)
                #expect(publish.status == 3, "\(marketplace): \(publish.stderr)")
                #expect(
                    publish.stderr.contains("PY-SAMNGOC-TH") && publish.stderr.contains("“Hạn sử dụng”"),
                    "\(marketplace): \(publish.stderr)"
                )
                #expect(try await self.heldItem(base, marketplace, "PY-SAMNGOC-TH").isEmpty, "\(marketplace)")
            }
            let lazada = try await self.ocop.runDetached(
                ["feed", "export", "lazada", "--output", "l.jsonl"] + Self.today
            )
            #expect(
                lazada.stderr.contains(
                    "held back: PY-SAMNGOC-TH: shelf_life: Lazada requires “Hạn sử dụng” (shelf_life) in "
                        + "category “Thực Phẩm và Đồ Uống > Đồ uống > Trà”: fill the shelf_life "
                        + "column (Hạn sử dụng)"
                ),
                "\(lazada.stderr)"
            )
            let vietnamese = try await self.ocop.runDetached(
                ["feed", "export", "lazada", "--output", "l.jsonl", "--lang", "vi"] + Self.today
            )
            #expect(
                vietnamese.stderr.contains(
                    "Lazada cần “Hạn sử dụng” (shelf_life) cho danh mục “Thực Phẩm và Đồ Uống > Đồ uống > Trà”: "
                        + "điền cột Hạn sử dụng"
                ),
                "\(vietnamese.stderr)"
            )
            // A feed file is judged as an export is: the file passes, and without a shelf life it does not
            let valid = try await self.ocop.runDetached(["feed", "validate", "lazada", "l.jsonl"])
            #expect(valid.status == 0, "\(valid.stdout)\(valid.stderr)")
            let feed = try String(contentsOf: self.folder.url.appending(path: "l.jsonl"), encoding: .utf8)
            #expect(feed.contains(#""shelf_life":"18 tháng","#))
            try self.folder.write("bare.jsonl", feed.replacingOccurrences(of: #""shelf_life":"18 tháng","#, with: ""))
            let bare = try await self.ocop.runDetached(["feed", "validate", "lazada", "bare.jsonl"])
            #expect(bare.status == 3 && bare.stdout.contains("KC-CHON-250"), "\(bare.stdout)")
        }
    }

    @Test func aLeafThatComesToDemandAnAttributeIsReportedWithItsProducts() async throws {
        try await withSandbox { base in
            try self.writeConfig(base)
            _ = try await self.ocop.runDetached(["categories", "sync", "lazada"])
            let response = try await CurlClient().send(
                HTTPRequest(
                    method: "POST",
                    url: base.appending(path: "sandbox/categories/lazada/require"),
                    headers: [("Content-Type", "application/json")],
                    body: Data(#"{"category_id": "10003102", "attribute": "ingredients"}"#.utf8)
                )
            )
            #expect(response.status == 200)
            let resync = try await self.ocop.runDetached(["categories", "sync", "lazada", "--json"])
            #expect(resync.status == 0, "\(resync.stderr)")
            let report = try JSONValue.parse(Data(resync.stdout.utf8))
            let gained = report[0]?["gained"]?[0]
            #expect(gained?["path"]?.text == "Thực Phẩm và Đồ Uống > Đồ uống > Cà phê", "\(resync.stdout)")
            #expect(gained?["attribute"]?.text == "Thành phần")
            #expect(gained?["codes"]?.elements.compactMap(\.text) == ["KC-CHON-250", "ST-BOT-500"])
        }
    }
}
