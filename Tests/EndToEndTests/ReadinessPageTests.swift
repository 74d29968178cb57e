import Foundation
import TestSupport
import Testing

/// Debian's Chromium, which CI installs for this test.
let chromium = "/usr/bin/chromium"

/// The readiness page as a person sees it: `ocop serve` on loopback, loaded by a real headless browser
/// (Debian's Chromium; CI installs it).
@Suite(
    .timeLimit(.minutes(2)),
    .enabled(if: FileManager.default.isExecutableFile(atPath: chromium), "needs chromium")
)
struct ReadinessPageTests {
    let folder: TemporaryFolder
    let ocop: CommandRunner

    /// The samples, plus one product whose GTIN uses a prefix Google reserves: held back on Google.
    init() throws {
        self.folder = try TemporaryFolder()
        self.ocop = CommandRunner(folder: self.folder.url)
        let held = try self.folder.write(
            "held.json",
            """
            [{"code": "TEST-HELD-1", "name": "Mật ong hoa cà phê thử nghiệm 250 ml", "group": "food",
              "subgroup": "mật ong", "star": 3, "decision_number": "12/QĐ-UBND", "decision_date": "2025-06-01",
              "producer": "HTX Thử Nghiệm", "province": "Đắk Lắk", "price": 120000, "gtin": "2000000000008",
              "images": ["https://cdn.ocopdaklak.example.vn/anh/test-held-1.jpg"]}]
            """
        )
        try self.folder.write(
            "ocop.yaml",
            """
            catalog: ocop.sqlite
            shop: { base_url: "https://ocop.daklak.example.vn" }
            serve: { feed_user: ocop, feed_password: "${OCOP_FEED_PASSWORD}" }
            """
        )
        let imported = try self.ocop.run(["catalog", "import"] + Fixtures.sampleCatalogFiles.map(\.path) + [held.path])
        #expect(imported.status == 0, "\(imported.stderr)")
    }

    /// Runs `tool` off the concurrency pool and returns its standard output.
    func run(_ tool: String, _ arguments: [String]) async throws -> String {
        try await onOwnThread {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: tool)
            process.arguments = arguments
            let output = Pipe()
            process.standardOutput = output
            process.standardError = FileHandle.nullDevice
            try process.run()
            let data = output.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return String(decoding: data, as: UTF8.self)
        }
    }

    /// The text of the reasons block `anchor` in `dom`.
    func reasons(_ anchor: String, in dom: String) throws -> Substring {
        let start = try #require(dom.firstRange(of: "id=\"\(anchor)\""))
        let block = dom[start.lowerBound...]
        return block[..<(block.firstRange(of: "</div>")?.lowerBound ?? block.endIndex)]
    }

    @Test func theServedPagesShowEveryProductAndMarketplaceWithReasonsOneClickAway() async throws {
        // Given ocop serve on a free loopback port
        let (server, url) = try self.ocop.serve(environment: ["OCOP_FEED_PASSWORD": "k"])
        defer { server.terminate() }
        let base = url.absoluteString
        // When a headless browser loads the first page and the product list, on a phone-sized screen
        // Loopback only: every other host (the products' thumbnails) fails at once instead of timing out.
        let browser = [
            "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--window-size=412,915",
            "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1", "--no-first-run", "--disable-extensions",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
        ]
        let first = try await self.run(chromium, browser + ["--dump-dom", base + "/"])
        let products = try await self.run(chromium, browser + ["--dump-dom", base + "/products"])
        let held = try await self.run(chromium, browser + ["--dump-dom", base + "/products/TEST-HELD-1"])
        let expired = try await self.run(chromium, browser + ["--dump-dom", base + "/products/KL-MO-LENMEN"])
        let screenshot = Fixtures.root.appending(path: "out/readiness-phone.png")
        try FileManager.default.createDirectory(
            at: screenshot.deletingLastPathComponent(),
            withIntermediateDirectories: true
        )
        try? FileManager.default.removeItem(at: screenshot)
        _ = try await self.run(chromium, browser + ["--screenshot=\(screenshot.path)", base + "/"])

        // Then the product list has every product's row and every marketplace's column
        let list = try await self.ocop.runDetached(["catalog", "list", "--json"])
        let codes = try #require(
            try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]]
        ).compactMap { $0["code"] as? String }
        #expect(codes.count == 47)
        for code in codes { #expect(products.contains("id=\"p-\(code)\""), "no row for \(code)") }
        for marketplace in ["google-merchant", "meta-catalog"] { #expect(products.contains("<th>\(marketplace)</th>")) }
        // and Vietnamese text arrives intact
        #expect(products.contains("Mật ong hoa cà phê thử nghiệm 250 ml"))
        // and the first page has the problem as a card that leads to the product
        #expect(first.contains("gtin"))
        #expect(first.contains("<a href=\"/products/TEST-HELD-1\">TEST-HELD-1</a>"))
        // and the held-back cell links straight to its reasons, which name the problem
        let anchor = "why-TEST-HELD-1-google-merchant"
        #expect(products.contains("<a href=\"/products/TEST-HELD-1#\(anchor)\">held back</a>"))
        #expect(try self.reasons(anchor, in: held).contains("gtin"))
        // and withdrawn products say why (an expired certificate)
        #expect(try self.reasons("why-KL-MO-LENMEN-google-merchant", in: expired).contains("expired on 2025-12-22"))
        // and the screenshot was taken
        let png = try Data(contentsOf: screenshot)
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]) && png.count > 10_000)
    }
}
