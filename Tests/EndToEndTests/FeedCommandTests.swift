import Foundation
import TestSupport
import Testing

@Suite(.timeLimit(.minutes(1))) struct FeedCommandTests {
    let folder: TemporaryFolder
    let ocop: CommandRunner
    let config: [String]

    init() throws {
        self.folder = try TemporaryFolder()
        self.ocop = CommandRunner(folder: self.folder.url)
        self.config = ["--config", Fixtures.samples.appending(path: "ocop.yaml").path, "--catalog", "ocop.sqlite"]
        _ = try self.ocop.run(
            ["catalog", "import", "--catalog", "ocop.sqlite"] + Fixtures.sampleCatalogFiles.map(\.path)
        )
    }

    @Test(arguments: [
        ("google-merchant", "xml"), ("google-merchant", "json"), ("meta-catalog", "xml"), ("meta-catalog", "json"),
    ])
    func exportWritesTheFeedAndAReportAndValidateAcceptsIt(marketplace: String, format: String) throws {
        let file = "\(marketplace).\(format == "json" ? "jsonl" : "xml")"
        let export = try self.ocop.run(
            ["feed", "export", marketplace, "--format", format, "--today", "2026-11-29", "--output", file] + self.config
        )
        #expect(export.status == 0, "\(export.stderr)")
        #expect(
            export.stderr.contains(
                "withdrawn: TP-TIEU-DO: certificate: OCOP certificate 2895/QĐ-UBND expired on 2025-12-22"
            )
        )
        #expect(export.stdout.contains("5 withdrawn, 0 held back"))
        let reportData = try Data(contentsOf: self.folder.url.appending(path: file + ".report.json"))
        let report = try #require(try JSONSerialization.jsonObject(with: reportData) as? [String: Any])
        #expect(Set(report.keys) == ["marketplace", "items", "valid", "errors", "warnings", "findings"])

        let validate = try self.ocop.run(["feed", "validate", marketplace, file, "--json"] + self.config)
        #expect(validate.status == 0, "\(validate.stdout)")
        let validated = try #require(
            try JSONSerialization.jsonObject(with: Data(validate.stdout.utf8)) as? [String: Any]
        )
        #expect(validated["errors"] as? Int == 0)
    }

    @Test func withoutOutputTheFeedGoesWhereServeHostsItAndAnOutputsExtensionChoosesTheFormat() throws {
        try self.folder.write(
            "ocop.yaml",
            "catalog: ocop.sqlite\nshop: { base_url: \"https://ocop.daklak.example.vn\" }\n"
        )
        let hosted = try self.ocop.run(["feed", "export", "lazada", "--today", "2026-11-29"])
        #expect(hosted.status == 3, "\(hosted.stderr)")  // three products held back, listed
        let feed = self.folder.url.appending(path: "feeds/lazada.jsonl").standardizedFileURL
        #expect(FileManager.default.fileExists(atPath: feed.path))
        #expect(hosted.stdout.contains("feeds/lazada.jsonl"))

        let xml = try self.ocop.run(["feed", "export", "lazada", "--output", "x.xml", "--today", "2026-11-29"])
        #expect(xml.status == 3, "\(xml.stderr)")
        let written = try String(contentsOf: self.folder.url.appending(path: "x.xml"), encoding: .utf8)
        #expect(written.hasPrefix("<?xml"))
    }

    @Test func anExportJobOverAllWritesEachMarketplaceInItsOwnFormatWhereItLacksTheAskedOne() throws {
        try self.folder.write(
            "ocop.yaml",
            """
            catalog: ocop.sqlite
            shop: { base_url: "https://ocop.daklak.example.vn" }
            marketplaces:
              google-merchant: { endpoint: "https://merchantapi.googleapis.com" }
              shopee: { endpoint: "https://partner.shopeemobile.com" }
            jobs:
              - { name: feeds, marketplace: all, action: export, schedule: "30 1 * * *", output: feeds, format: xml }

            """
        )
        let night = try self.ocop.run(["--once"], executable: "ocop-scheduler")
        #expect(night.status == 0, "\(night.stderr)")
        let feeds = self.folder.url.appending(path: "feeds")
        #expect(FileManager.default.fileExists(atPath: feeds.appending(path: "google-merchant.xml").path))
        #expect(FileManager.default.fileExists(atPath: feeds.appending(path: "shopee.jsonl").path))
    }

    @Test func validatingABadFeedExitsWithItemsFailedAndNamesTheItem() throws {
        let feed = """
            <?xml version="1.0" encoding="UTF-8"?>
            <rss version="2.0" xmlns:g="http://base.google.com/ns/1.0"><channel><item>
            <g:id>X1</g:id><g:title>Cà phê</g:title><g:description>Ngon</g:description><g:link>https://a.vn/x</g:link>
            <g:image_link>https://a.vn/x.jpg</g:image_link><g:availability>in_stock</g:availability><g:brand>HTX</g:brand>
            <g:mpn>X1</g:mpn></item></channel></rss>
            """
        try self.folder.write("bad.xml", feed)
        let result = try self.ocop.run(["feed", "validate", "google-merchant", "bad.xml"] + self.config)
        #expect(result.status == 3)
        #expect(result.stdout.contains("X1") && result.stdout.contains("price is required"))
    }

    @Test func controlCharactersFromAFeedReachTheTerminalEscaped() throws {
        try self.folder.write(
            "esc.jsonl",
            "{\"offerId\": \"X1\\u001b[2J\\u001b]0;pwned\\u0007\", \"productAttributes\": {\"title\": \"Cà phê\"}}\n"
        )
        let result = try self.ocop.run(["feed", "validate", "google-merchant", "esc.jsonl"] + self.config)
        #expect(result.status == 3)
        #expect(!result.stdout.contains("\u{1B}") && !result.stdout.contains("\u{07}"))
        #expect(result.stdout.contains("X1\\u{1B}[2J\\u{1B}]0;pwned\\u{7}"))
    }

    @Test func aHostileFeedIsInvalidInputAndRefusedAtOnce() throws {
        try self.folder.write(
            "xxe.xml",
            "<?xml version=\"1.0\"?>\n<!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n<rss>&x;</rss>"
        )
        let start = ContinuousClock.now
        let result = try self.ocop.run(["feed", "validate", "google-merchant", "xxe.xml"] + self.config)
        // The read itself is checked against one second in XMLTests; here a process starts on a loaded machine.
        #expect(ContinuousClock.now - start < .seconds(5))
        #expect(result.status == 65)
        #expect(
            result.stderr
                == "error: xxe.xml: line 2: a DOCTYPE is not allowed in a feed (it could declare external or expanding entities); nothing was read\n"
        )
        #expect(!result.stdout.contains("root:"))
    }

    @Test func anUnknownMarketplaceOrAMissingBaseURLIsOneLine() throws {
        let unknown = try self.ocop.run(["feed", "export", "amazon"] + self.config)
        #expect(unknown.status == 65)
        #expect(unknown.stderr.hasPrefix("error: no feed adapter for \"amazon\""))
        let noShop = try self.ocop.run(["feed", "export", "google-merchant", "--catalog", "ocop.sqlite"])
        #expect(noShop.status == 65)
        #expect(noShop.stderr.contains("shop.base_url is not set"))
    }

    @Test func mappingsCanBeReplacedByTheUsersOwnFolder() throws {
        let mappings = self.folder.url.appending(path: "my-mappings")
        try FileManager.default.createDirectory(at: mappings, withIntermediateDirectories: true)
        let original = try String(
            contentsOf: Fixtures.mappings.appending(path: "google-merchant.yaml"),
            encoding: .utf8
        )
        try original.replacingOccurrences(of: "max_length: 150,", with: "max_length: 10,")
            .write(to: mappings.appending(path: "google-merchant.yaml"), atomically: true, encoding: .utf8)
        let result = try self.ocop.run(
            [
                "feed", "export", "google-merchant", "--mappings", mappings.path, "--today", "2026-11-29", "--output",
                "g.xml",
            ]
                + self.config
        )
        #expect(result.status == 3)
        #expect(result.stderr.contains("held back: KC-CHON-250: title: title is 28 characters; at most 10 are allowed"))
    }
}

@Suite(.timeLimit(.minutes(2))) struct LongFindingListTests {
    @Test func anExportWithMoreFindingsThanItListsSaysHowManyAreLeftOut() throws {
        let folder = try TemporaryFolder()
        let ocop = CommandRunner(folder: folder.url)
        try folder.write("ocop.yaml", "catalog: ocop.sqlite\nshop: { base_url: \"https://ocop.daklak.example.vn\" }\n")
        #expect(try ocop.run(["catalog", "generate", "--count", "10100", "--output", "big.csv"]).status == 0)
        #expect(try ocop.run(["catalog", "import", "big.csv"]).status == 0)
        // Every title is longer than this mapping allows: one finding per product, more than a report lists.
        let mappings = folder.url.appending(path: "mappings")
        try FileManager.default.createDirectory(at: mappings, withIntermediateDirectories: true)
        let original = try String(
            contentsOf: Fixtures.mappings.appending(path: "google-merchant.yaml"),
            encoding: .utf8
        )
        try original.replacingOccurrences(of: "max_length: 150,", with: "max_length: 5,")
            .write(to: mappings.appending(path: "google-merchant.yaml"), atomically: true, encoding: .utf8)
        let export = try ocop.run([
            "feed", "export", "google-merchant", "--mappings", mappings.path, "--output", "g.xml",
        ])
        #expect(export.status == 3)
        #expect(export.stderr.contains("note: only the first 10000 findings are listed (here and in the report); "))
        #expect(export.stderr.contains(" more are not, though the counts include them"))
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script")))
    func onATerminalAnExportShowsDoneOutOfTotal() throws {
        let folder = try TemporaryFolder()
        let ocop = CommandRunner(folder: folder.url)
        try folder.write("ocop.yaml", "catalog: ocop.sqlite\nshop: { base_url: \"https://ocop.daklak.example.vn\" }\n")
        #expect(try ocop.run(["catalog", "generate", "--count", "10100", "--output", "big.csv"]).status == 0)
        #expect(try ocop.run(["catalog", "import", "big.csv"]).status == 0)
        // util-linux `script` gives the command a terminal, as a person running it has.
        let export = CommandRunner.binaries.appending(path: "ocop").path + " feed export google-merchant --output g.xml"
        let onTerminal = try ocop.run(["-qec", export, "/dev/null"], executable: "/usr/bin/script")
        #expect(onTerminal.stdout.contains("google-merchant: 10000/10100 products (99%)"), "\(onTerminal.stdout)")
        // Without a terminal, short work prints no progress at all (short: 100 products, well under the 10 s
        // between plain lines however loaded the machine; the 10,100 above take about 9 s in a debug build).
        let small = try TemporaryFolder()
        let quick = CommandRunner(folder: small.url)
        try small.write("ocop.yaml", "catalog: ocop.sqlite\nshop: { base_url: \"https://ocop.daklak.example.vn\" }\n")
        #expect(try quick.run(["catalog", "generate", "--count", "100", "--output", "small.csv"]).status == 0)
        #expect(try quick.run(["catalog", "import", "small.csv"]).status == 0)
        let plain = try quick.run(["feed", "export", "google-merchant", "--output", "g.xml"])
        #expect(plain.status == 0 || plain.status == 3, "\(plain.stderr)")
        #expect(!plain.stderr.contains("products (") && !plain.stdout.contains("products ("))
    }
}

@Suite(.timeLimit(.minutes(1))) struct PublishCommandTests {
    @Test func aDryRunPlansWithoutCredentialsAndRunsListsNothingYet() throws {
        let folder = try TemporaryFolder()
        let ocop = CommandRunner(folder: folder.url)
        let config = ["--config", Fixtures.samples.appending(path: "ocop.yaml").path, "--catalog", "ocop.sqlite"]
        _ = try ocop.run(["catalog", "import", "--catalog", "ocop.sqlite"] + Fixtures.sampleCatalogFiles.map(\.path))
        let dryRun = try ocop.run(["publish", "meta-catalog", "--dry-run", "--today", "2026-11-29"] + config)
        #expect(dryRun.status == 0, "\(dryRun.stderr)")
        let all = try ocop.run(["publish", "--all", "--dry-run", "--today", "2026-11-29"] + config)
        let heldBack = all.stderr.split(separator: "\n").filter { $0.hasPrefix("held back: ") }
        #expect(!heldBack.isEmpty)
        #expect(heldBack.allSatisfy { line in Fixtures.marketplaces.contains { line.hasPrefix("held back: \($0): ") } })
        #expect(
            dryRun.stdout
                == "meta-catalog (dry run): would send 39 create, 0 update, 0 delete, 0 refresh; 0 unchanged, 0 held back\n"
        )
        let real = try ocop.run(["publish", "meta-catalog"] + config)
        #expect(real.status == 65)
        #expect(real.stderr.contains("needs the environment variable META_ACCESS_TOKEN, which is not set"))
        let runs = try ocop.run(["runs", "--json", "--catalog", "ocop.sqlite"])
        #expect(runs.status == 0)
        #expect((try JSONSerialization.jsonObject(with: Data(runs.stdout.utf8)) as? [Any])?.isEmpty == true)
    }
}
