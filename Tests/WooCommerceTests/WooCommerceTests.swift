import FeedKit
import Foundation
import Groundwork
import OCOPCatalog
import Publishing
import Sandbox
import TestSupport
import Testing
import Transport
import WooCommerce

@Suite struct OAuth1SignatureTests {
    /// The vectors of shared/reference/vn-marketplace-apis.md §9.6.
    let url = URL(string: "http://www.example.com/wp-json/wc/v3/products?per_page=10")!

    @Test func theBaseStringAndBothSignaturesMatchTheReferenceVectors() {
        let oauth: [(name: String, value: String)] = [
            ("oauth_consumer_key", "ck_test"), ("oauth_nonce", "abcdef0123456789abcdef0123456789"),
            ("oauth_signature_method", "HMAC-SHA1"), ("oauth_timestamp", "1700000000"),
        ]
        let base = OAuth1Signature.baseString(method: "GET", url: self.url, parameters: [("per_page", "10")] + oauth)
        #expect(
            base
                == "GET&http%3A%2F%2Fwww.example.com%2Fwp-json%2Fwc%2Fv3%2Fproducts&oauth_consumer_key%3Dck_test%26oauth_nonce%3Dabcdef0123456789abcdef0123456789%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D1700000000%26per_page%3D10"
        )
        #expect(
            OAuth1Signature.sign(base, consumerSecret: "cs_test", method: .hmacSHA1) == "wkUIxJ5T1s0Z/DXHTLthiKTlkKo="
        )
        let sha256 = base.replacingOccurrences(of: "HMAC-SHA1", with: "HMAC-SHA256")
        #expect(
            OAuth1Signature.sign(sha256, consumerSecret: "cs_test", method: .hmacSHA256)
                == "SD4mjpb8gmiBqhL14T7zKZV0fkqFeSi88k1fw2WqYpY="
        )
        // The full parameter set for the same request signs the same way
        let parameters = OAuth1Signature.parameters(
            method: "GET",
            url: self.url,
            consumerKey: "ck_test",
            consumerSecret: "cs_test",
            timestamp: 1_700_000_000,
            nonce: "abcdef0123456789abcdef0123456789",
            signatureMethod: .hmacSHA1
        )
        #expect(parameters.last?.name == "oauth_signature" && parameters.last?.value == "wkUIxJ5T1s0Z/DXHTLthiKTlkKo=")
    }

    @Test func overHTTPSTheKeysGoAsBasicAuthentication() throws {
        let account = MarketplaceAccount(
            marketplace: "woocommerce",
            values: [
                "endpoint": "https://shop.example.vn/wp-json/wc/v3", "consumer_key": "ck_test",
                "consumer_secret": "cs_test",
            ]
        )
        let adapter = WooCommerceAdapter()
        let request = try adapter.request(
            for: [PlannedChange(code: "A-1", action: .delete, listing: nil, contentHash: nil, remoteID: "7")],
            account: try adapter.account(account),
            context: BatchRequestContext(listing: Fixtures.sampleContext, now: Date(), nonce: "n0nce")
        )
        #expect(request.headers.contains { $0.name == "Authorization" && $0.value == "Basic Y2tfdGVzdDpjc190ZXN0" })
        #expect(request.url.query == nil)
        #expect(try JSONValue.parse(request.body)["delete"] == .array([.number("7")]))
    }

    @Test func overHTTPTheQueryCarriesTheSignaturePercentEncodedAsItWasSigned() throws {
        let adapter = WooCommerceAdapter()
        let account = try adapter.account(
            MarketplaceAccount(
                marketplace: "woocommerce",
                values: [
                    "endpoint": "http://127.0.0.1:8080/wp-json/wc/v3", "consumer_key": "ck_test",
                    "consumer_secret": "cs_test",
                ]
            )
        )
        // Nonces until one gives a signature with `+` or `/`, which a bare query would corrupt (`+` reads as
        // a space to PHP and to the woocommerce client's parser).
        let queries = try (0..<40).map { index in
            try adapter.request(
                for: [PlannedChange(code: "A-1", action: .delete, listing: nil, contentHash: nil, remoteID: "7")],
                account: account,
                context: BatchRequestContext(listing: Fixtures.sampleContext, now: Date(), nonce: "nonce\(index)")
            ).url.query ?? ""
        }
        let signatures = queries.compactMap { $0.split(separator: "&").first { $0.hasPrefix("oauth_signature=") } }
        #expect(signatures.count == 40)
        #expect(signatures.contains { $0.contains("%2B") || $0.contains("%2F") })
        #expect(signatures.allSatisfy { !$0.dropFirst("oauth_signature=".count).contains { "+/=".contains($0) } })
    }
}

@Suite(.timeLimit(.minutes(1))) struct WooCommerceSandboxTests {
    let folder: TemporaryFolder

    init() throws {
        self.folder = try TemporaryFolder()
    }

    func publish(_ base: URL, database: CatalogDatabase, secret: String = "cs_sandbox", today: CalendarDate? = nil)
        async throws -> PublishSummary
    {
        try await SandboxPublishing.publish(
            WooCommerceAdapter(),
            mapping: "woocommerce",
            account: [
                "endpoint": base.appending(path: "woocommerce/wp-json/wc/v3").absoluteString,
                "consumer_key": "ck_sandbox", "consumer_secret": secret,
            ],
            database: database,
            today: today
        )
    }

    func state(_ base: URL) async throws -> JSONValue {
        try await SandboxPublishing.state(base, "woocommerce")
    }

    @Test func publishingCreatesEveryValidProductOnceThenSendsNothingThenUpdatesByTheStoresID() async throws {
        let database = try Fixtures.sampleCatalog()
        let (first, second, third, before, after) = try await withSandbox { base in
            let first = try await self.publish(base, database: database)
            let second = try await self.publish(base, database: database)
            let before = try await self.state(base)
            try SandboxPublishing.changePrice(in: database, folder: self.folder)
            let third = try await self.publish(base, database: database)
            return (first, second, third, before, try await self.state(base))
        }
        #expect(first.failed == 0 && first.plan.count(.create) == 41)
        #expect(first.outcomes.allSatisfy { $0.remoteID.flatMap(Int.init) != nil })  // the store's ids are kept
        #expect(second.plan.changes.isEmpty)
        #expect(before["requests"] == .number("1"))  // 41 creates in one batch call; the second run sent nothing
        guard case .object(let creations)? = after["creations"] else { return }
        #expect(creations.count == 41 && creations.allSatisfy { $0.1 == .number("1") })
        #expect(third.plan.count(.update) == 1 && third.failed == 0)
        #expect(after["items"]?["KC-CHON-250"]?["regular_price"] == .string("1290000"))
    }

    @Test func aWrongSecretAStaleTimestampAReusedNonceAndAChangedQueryAreRefused() async throws {
        let database = try Fixtures.sampleCatalog()
        let (wrong, answers) = try await withSandbox { base in
            let wrong = await #expect(throws: PublishingError.self) {
                _ = try await self.publish(base, database: database, secret: "cs_wrong")
            }
            let url = base.appending(path: "woocommerce/wp-json/wc/v3/products/batch")
            let now = Int(Date().timeIntervalSince1970)
            func signed(_ timestamp: Int, nonce: String) -> URL {
                let oauth = OAuth1Signature.parameters(
                    method: "POST",
                    url: url,
                    consumerKey: "ck_sandbox",
                    consumerSecret: "cs_sandbox",
                    timestamp: timestamp,
                    nonce: nonce
                )
                return url.appending(queryItems: oauth.map { URLQueryItem(name: $0.name, value: $0.value) })
            }
            let body = Data(#"{"create":[],"update":[],"delete":[]}"#.utf8)
            func post(_ url: URL) async throws -> HTTPResponse {
                try await CurlClient().send(HTTPRequest(method: "POST", url: url, body: body))
            }
            let fresh = signed(now, nonce: "n1")
            let changed = URL(string: signed(now, nonce: "n2").absoluteString + "&per_page=99")!
            return (
                wrong,
                [
                    try await post(fresh), try await post(fresh), try await post(signed(now - 3600, nonce: "n3")),
                    try await post(changed),
                ]
            )
        }
        #expect(wrong?.code == .account)  // the run stops with the store's words instead of failing 41 items
        #expect(wrong?.message.hasPrefix("woocommerce: Invalid signature - provided signature does not match.") == true)
        #expect(answers.map(\.status) == [200, 401, 401, 401])
        let messages = answers.dropFirst().map { (try? JSONValue.parse($0.body))?["message"]?.text ?? "" }
        #expect(
            messages == [
                "Invalid nonce - nonce has already been used.", "Invalid timestamp.",
                "Invalid signature - provided signature does not match.",
            ]
        )
    }
}
