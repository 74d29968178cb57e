import Foundation
import Groundwork
import OCOPCatalog
import Publishing
import Reporting
import Synchronization
import Testing

/// The served readiness pages: small at any catalogue size, grouped by problem, built once per change.
@Suite struct ReadinessSiteTests {
    static let today = CalendarDate(year: 2026, month: 12, day: 4)!
    static let marketplaces = ["google-merchant", "lazada"]

    /// Product `n`: every third held back on Lazada for a missing size, every fifth failed on Google.
    static func row(_ n: Int) -> ReadinessReport.Row {
        let lazada =
            n % 3 == 0
            ? ReadinessReport.Cell(state: .heldBack, reasons: ["package_length: required"])
            : ReadinessReport.Cell(state: .published)
        let google =
            n % 5 == 0
            ? ReadinessReport.Cell(
                state: .willPublish,
                reasons: ["last attempt failed: 503", "a warning that is no problem"],
                lastAttemptFailed: true
            )
            : ReadinessReport.Cell(state: .published, reasons: ["a warning that is no problem"])
        return ReadinessReport.Row(
            code: "P-\(n)",
            name: n == 7 ? "Cà phê Buôn Ma Thuột" : "Mật ong \(n)",
            star: 4,
            producer: "HTX \(n)",
            thumbnail: nil,
            expires: n % 1000 == 0 ? Self.today.adding(months: 1) : Self.today.adding(months: 24),
            standing: n % 1000 == 0 ? "expiring" : "active",
            cells: ["google-merchant": google, "lazada": lazada]
        )
    }

    static func snapshot(_ count: Int) -> ReadinessSnapshot {
        var snapshot = ReadinessSnapshot(
            today: Self.today,
            generated: Date(),
            marketplaces: Self.marketplaces,
            runs: []
        )
        for n in 1...count { snapshot.add(Self.row(n)) }
        snapshot.finish()
        return snapshot
    }

    static func site(_ count: Int, language: Language = .vietnamese) -> ReadinessSite {
        ReadinessSite(snapshot: Self.snapshot(count), language: language) { code in
            Int(code.dropFirst(2)).flatMap { $0 <= count ? Self.row($0) : nil }
        }
    }

    @Test func theFirstPageShowsEachConnectedShopAndMarksOneEndingWithinAWeek() throws {
        let now = Date()
        let connections = [
            ConnectionStatus(
                marketplace: "shopee",
                shop: "Cà phê Ea Tam (14701711)",
                renewed: now,
                reconnectBy: now.addingTimeInterval(3 * 86_400)
            ),
            ConnectionStatus(
                marketplace: "lazada",
                shop: "1000001",
                renewed: now,
                reconnectBy: now.addingTimeInterval(90 * 86_400)
            ),
        ]
        let snapshot = ReadinessSnapshot(
            today: Self.today,
            generated: now,
            marketplaces: Self.marketplaces,
            runs: [],
            connections: connections
        )
        let first = try #require(
            try ReadinessSite(snapshot: snapshot, language: .vietnamese) { _ in nil }.page([], query: [:])
        )
        #expect(first.contains("<h2>Kết nối cửa hàng</h2>"))
        #expect(first.contains("<th>Cần kết nối lại trước</th>"))
        #expect(first.contains("<tr class=\"warn\"><td>shopee</td><td>Cà phê Ea Tam (14701711)</td>"))
        #expect(first.contains("the connection to shop Cà phê Ea Tam (14701711) ends on"))
        #expect(first.contains("<tr><td>lazada</td><td>1000001</td>"))
    }

    @Test func theFirstPageOfALargeCatalogueIsSmallAndHasOneCardPerProblem() throws {
        let site = Self.site(30_000)
        let first = try #require(try site.page([], query: [:]))
        #expect(first.utf8.count < 30_000)
        #expect(first.contains("<h3>lazada · 10000 sản phẩm</h3><p>package_length: required</p>"))
        #expect(first.contains("<h3>google-merchant · 6000 sản phẩm</h3><p>last attempt failed: 503</p>"))
        #expect(!first.contains("a warning that is no problem"))
        #expect(first.contains("<a href=\"/marketplaces/lazada?state=held-back\">10000</a>"))
        // the larger problem comes first
        let lazada = try #require(first.firstRange(of: "lazada · 10000"))
        let google = try #require(first.firstRange(of: "google-merchant · 6000"))
        #expect(lazada.lowerBound < google.lowerBound)
    }

    @Test func aProblemsProductsComeInPagesOfAHundred() throws {
        let site = Self.site(30_000)
        let first = try #require(try site.page(["problems", "0"], query: [:]))
        let last = try #require(try site.page(["problems", "0"], query: ["page": "100"]))
        #expect(first.components(separatedBy: "<tr id=\"p-").count - 1 == 100)
        #expect(first.contains("id=\"p-P-3\"") && first.contains("trang 1 / 100"))
        #expect(last.contains("id=\"p-P-30000\"") && !last.contains("rel=\"next\""))
        #expect(try site.page(["problems", "9"], query: [:]) == nil)
        // a page number from a URL cannot overflow the offset it becomes
        #expect(try site.page(["problems", "0"], query: ["page": String(Int.max)])?.contains("Không có") == true)
    }

    @Test func theSearchForgivesCaseAndAccentsAndAProductPageHasEveryReason() throws {
        let site = Self.site(100)
        let found = try #require(try site.page(["products"], query: ["q": "CA PHE buon"]))
        #expect(found.contains("<h2>Sản phẩm (1)</h2>") && found.contains("id=\"p-P-7\""))
        let product = try #require(try site.page(["products", "P-15"], query: [:]))
        #expect(product.contains("id=\"why-P-15-lazada\"") && product.contains("<li>package_length: required</li>"))
        #expect(product.contains("<li>a warning that is no problem</li>"))
        #expect(try site.page(["products", "P-999"], query: [:]) == nil)
    }

    @Test func aSearchInAnotherScriptOrTypedDecomposedFindsOnlyWhatHasIt() throws {
        var snapshot = ReadinessSnapshot(
            today: Self.today,
            generated: Date(),
            marketplaces: Self.marketplaces,
            runs: []
        )
        for n in 1...3 {
            var row = Self.row(n)
            row.name = ["Trà 茶 Shan tuyết", "Cà phê Chồn", "Mật ong"][n - 1]
            snapshot.add(row)
        }
        snapshot.finish()
        let site = ReadinessSite(snapshot: snapshot) { _ in nil }
        let foreign = try #require(try site.page(["products"], query: ["q": "茶"]))
        #expect(foreign.contains("(1)</h2>") && foreign.contains("P-1"))
        // "chồn" typed as c h o + combining circumflex + combining grave + n
        let decomposed = try #require(try site.page(["products"], query: ["q": "cho\u{302}\u{300}n"]))
        #expect(decomposed.contains("(1)</h2>") && decomposed.contains("P-2"))
        let nothing = try #require(try site.page(["products"], query: ["q": "★"]))
        #expect(nothing.contains("(0)</h2>"))
    }

    @Test func aMarketplacePageListsTheProductsInOneState() throws {
        let page = try #require(try Self.site(30).page(["marketplaces", "lazada"], query: ["state": "held-back"]))
        #expect(page.contains("lazada: tạm giữ (10)"))
        #expect(page.contains("id=\"p-P-3\"") && !page.contains("id=\"p-P-4\""))
    }

    @Test func manyRequestsAtOnceShareOneBuildAndAChangeStartsTheNext() async throws {
        let version = Mutex("v1")
        let builds = Atomic<Int>(0)
        let cache = ReadinessCache(version: { version.withLock { $0 } }) {
            builds.add(1, ordering: .relaxed)
            return Self.snapshot(2_000)
        }
        let counts = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<8 { group.addTask { try await cache.snapshot().products.count } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(counts == Array(repeating: 2_000, count: 8))
        #expect(builds.load(ordering: .relaxed) == 1)
        _ = try await cache.snapshot()
        #expect(builds.load(ordering: .relaxed) == 1)
        version.withLock { $0 = "v2" }
        _ = try await cache.snapshot()
        #expect(builds.load(ordering: .relaxed) == 2)
    }

    @Test func thePagesSpeakOneLanguageTheOneChosen() throws {
        let english = try #require(try Self.site(100, language: .english).page([], query: [:]))
        #expect(english.contains("<html lang=\"en\">") && english.contains("<h2>Per marketplace</h2>"))
        #expect(english.contains("<th>held back</th>") && !english.contains("Theo sàn"))
        let vietnamese = try #require(try Self.site(100, language: .vietnamese).page([], query: [:]))
        #expect(vietnamese.contains("<html lang=\"vi\">") && vietnamese.contains("<h2>Theo sàn</h2>"))
        #expect(vietnamese.contains("<th>tạm giữ</th>") && !vietnamese.contains("Per marketplace"))
        #expect(vietnamese.contains("tính đến 04/12/2026"))
    }
}
