import Foundation
import TestSupport
import Testing
import Transport

/// `ocop serve` refuses to start where it would expose what it should not.
@Suite(.timeLimit(.minutes(1))) struct ServeCommandTests {
    let folder: TemporaryFolder
    let ocop: CommandRunner

    init() throws {
        self.folder = try TemporaryFolder()
        self.ocop = CommandRunner(folder: self.folder.url)
    }

    func config(_ serve: String) throws {
        try self.folder.write(
            "ocop.yaml",
            """
            catalog: ocop.sqlite
            shop: { base_url: "https://ocop.daklak.example.vn" }
            serve: { feed_password: k\(serve) }
            """
        )
    }

    @Test func listeningBeyondLoopbackWithoutAPagePasswordIsRefusedWithTheSettingToAdd() throws {
        try self.config("")
        let result = try self.ocop.run(["serve", "--host", "0.0.0.0", "--port", "0"])
        #expect(result.status == 65)
        #expect(result.stderr.contains("serve.page_password is required when ocop serve listens on 0.0.0.0"))
    }

    @Test func behindATrustedProxyThePagePasswordIsRequiredTooAndALoopbackLookalikeIsNoLoopback() throws {
        try self.config(", trusted_proxies: [127.0.0.1]")
        let proxied = try self.ocop.run(["serve", "--port", "0"])
        #expect(proxied.status == 65)
        #expect(proxied.stderr.contains("serve.page_password is required when ocop serve is behind a proxy"))
        try self.config("")
        let lookalike = try self.ocop.run(["serve", "--host", "127.evil.example", "--port", "0"])
        #expect(lookalike.status == 65 && lookalike.stderr.contains("listens on 127.evil.example"))
    }

    @Test func aPagePasswordWhoseVariableIsMissingStopsTheServerInsteadOfOpeningThePages() throws {
        try self.config(", page_password: \"${OCOP_TEST_UNSET_PAGE_PASSWORD}\"")
        let result = try self.ocop.run(["serve", "--port", "0"])
        #expect(result.status == 65)
        #expect(result.stderr.contains("OCOP_TEST_UNSET_PAGE_PASSWORD"))
    }

    @Test func aMistypedServeSettingOrABadLimitIsNamed() throws {
        try self.config(", max_conections: 10")
        let typo = try self.ocop.run(["serve", "--port", "0"])
        #expect(typo.status == 65 && typo.stderr.contains("serve.max_conections: unknown key"))
        try self.config(", header_timeout: soon")
        let bad = try self.ocop.run(["serve", "--port", "0"])
        #expect(bad.status == 65 && bad.stderr.contains("serve.header_timeout: \"soon\" is not a whole number"))
    }
}

extension ServeCommandTests {
    @Test func theFirstPageIsBuiltOnceAndAgainOnlyAfterTheCatalogueChanges() async throws {
        try self.config("")
        let one = Fixtures.sampleCatalogFiles.filter { $0.pathExtension == "csv" }
        #expect(try self.ocop.run(["catalog", "import"] + one.map(\.path)).status == 0)
        let (server, base) = try self.ocop.serve()
        defer { server.terminate() }
        func page() async throws -> (generated: String, products: String) {
            let body = String(decoding: try await CurlClient().send(HTTPRequest(url: base)).body, as: UTF8.self)
            let generated = try #require(body.firstMatch(of: /name="ocop-generated" content="([^"]+)"/)?.1)
            let products = try #require(body.firstMatch(of: /(\d+) OCOP products/)?.1)
            return (String(generated), String(products))
        }
        let first = try await page()
        let again = try await page()
        let all = Fixtures.sampleCatalogFiles.map(\.path)
        #expect(try self.ocop.run(["catalog", "import"] + all).status == 0)
        let changed = try await page()
        #expect(again.generated == first.generated && again.products == first.products)
        #expect(changed.generated != first.generated)
        #expect(Int(changed.products)! > Int(first.products)!)
    }
}

extension ServeCommandTests {
    @Test func aMissingFeedPasswordVariableIsNamedOnceAndFetchesGet401WithoutCredentialsAnd404ForAFeedNotServed()
        async throws
    {
        try self.folder.write(
            "ocop.yaml",
            """
            catalog: ocop.sqlite
            shop: { base_url: "https://ocop.daklak.example.vn" }
            marketplaces:
              google-merchant: { feed_key: g-key }
            serve: { feed_password: "${OCOP_TEST_UNSET_FEED_PASSWORD}" }
            """
        )
        let one = Fixtures.sampleCatalogFiles.filter { $0.pathExtension == "csv" }
        #expect(try self.ocop.run(["catalog", "import"] + one.map(\.path)).status == 0)
        let server = self.ocop.process(["serve", "--port", "0"])
        let output = Pipe()
        let errors = Pipe()
        server.standardOutput = output
        server.standardError = errors
        try server.run()
        var banner = ""
        while !banner.contains("\n") {
            let chunk = output.fileHandleForReading.availableData
            guard !chunk.isEmpty else { break }
            banner += String(decoding: chunk, as: UTF8.self)
        }
        let port = try #require(banner.firstMatch(of: /127\.0\.0\.1:(\d+)/).map { String($0.1) })
        let base = try #require(URL(string: "http://127.0.0.1:\(port)"))
        let anonymous = try await CurlClient().send(HTTPRequest(url: base.appending(path: "feeds/google-merchant.xml")))
        let unserved = try await CurlClient().send(HTTPRequest(url: base.appending(path: "feeds/tiki.jsonl")))
        server.terminate()
        let warnings = try await onOwnThread {
            String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        }
        #expect(anonymous.status == 401)
        #expect(anonymous.header("www-authenticate")?.hasPrefix("Basic") == true)
        #expect(unserved.status == 404)
        let lines = warnings.split(separator: "\n").filter { $0.hasPrefix("warning:") }
        #expect(lines.count == 1, "\(warnings)")
        #expect(
            lines.first?.contains("needs the environment variable OCOP_TEST_UNSET_FEED_PASSWORD, which is not set")
                == true
        )
        #expect(
            lines.first?.hasSuffix(
                "these feeds are not served: meta-catalog, woocommerce, shopee, lazada, tiktok-shop, tiki"
            ) == true
        )
    }
}

extension ServeCommandTests {
    @Test func aProductPageAskedForInOtherLettersShowsWhatTheMarketplaceHoldsOfThatProduct() async throws {
        try self.config("")
        let one = Fixtures.sampleCatalogFiles.filter { $0.pathExtension == "csv" }
        #expect(try self.ocop.run(["catalog", "import"] + one.map(\.path)).status == 0)
        // Google holds DMC-MC-500 as sent once, under the catalogue's spelling of its code.
        let sqlite = Process()
        sqlite.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        sqlite.arguments = [
            self.folder.url.appending(path: "ocop.sqlite").path,
            """
            INSERT INTO ledgerEntry (marketplace, productCode, contentHash, remoteID, lastSent, lastOutcome)
            VALUES ('google-merchant', 'DMC-MC-500', 'sent-before', 'online:vi:VN:DMC-MC-500', '2026-12-01 00:00:00.000',
                'succeeded')
            """,
        ]
        try sqlite.run()
        sqlite.waitUntilExit()
        #expect(sqlite.terminationStatus == 0)
        let (server, base) = try self.ocop.serve()
        defer { server.terminate() }
        func page(_ code: String) async throws -> String {
            let answer = try await CurlClient().send(HTTPRequest(url: base.appending(path: "products/\(code)")))
            #expect(answer.status == 200)
            return String(decoding: answer.body, as: UTF8.self)
                .replacing(/name="ocop-generated" content="[^"]*"/, with: "")
        }
        let asWritten = try await page("DMC-MC-500")
        let otherLetters = try await page("dmc-mc-500")
        #expect(asWritten.contains("changed since it was last sent"))
        #expect(otherLetters == asWritten)
    }
}
