import Foundation
import Groundwork
import Publishing
import Synchronization
import TestSupport
import Testing
import Transport

/// A token service that exists only in these tests: each refresh token works once and is answered, after a
/// pause that leaves room for a second renewal to race the first, with a new pair living `lifetime` seconds.
final class TestTokenService: HTTPClient, Sendable {
    private let state = Mutex<(spent: Set<String>, refreshes: Int)>(([], 0))
    let lifetime: TimeInterval
    let refuse: Bool

    init(lifetime: TimeInterval = 3600, refuse: Bool = false) {
        self.lifetime = lifetime
        self.refuse = refuse
    }

    var refreshes: Int { self.state.withLock { $0.refreshes } }

    func send(_ request: HTTPRequest) async throws(TransportError) -> HTTPResponse {
        let token = String(decoding: request.body, as: UTF8.self)
        let fresh = self.state.withLock { state -> Bool in
            state.refreshes += 1
            return state.spent.insert(token).inserted
        }
        try? await Task.sleep(for: .milliseconds(50))  // the service's latency, not a synchronisation
        guard fresh, !self.refuse else {
            return HTTPResponse(status: 400, body: Data(#"{"error":"invalid refresh token"}"#.utf8))
        }
        let n = self.refreshes
        let body =
            #"{"access":"access-\#(n)-\#(token)","refresh":"refresh-\#(n)-\#(token)","expires_in":\#(self.lifetime)}"#
        return HTTPResponse(status: 200, body: Data(body.utf8))
    }
}

/// The authorization of a test marketplace: the refresh token is the whole body.
struct TestAuthorization: ShopAuthorization {
    var displayName: String { "Test Market" }

    func authorizationLink(account: MarketplaceAccount, redirect: URL?, state: String, now: Date)
        throws(PublishingError) -> URL
    {
        URL(string: "http://127.0.0.1/authorize")!
    }

    func codeRequest(code: String, shop: String?, account: MarketplaceAccount, now: Date) throws(PublishingError)
        -> HTTPRequest
    {
        HTTPRequest(method: "POST", url: URL(string: "http://127.0.0.1/token")!, body: Data(code.utf8))
    }

    func refreshRequest(_ connection: ShopConnection, account: MarketplaceAccount, now: Date) throws(PublishingError)
        -> HTTPRequest
    {
        HTTPRequest(
            method: "POST",
            url: URL(string: "http://127.0.0.1/token")!,
            body: Data(connection.refreshToken.utf8)
        )
    }

    func tokens(from response: HTTPResponse, now: Date) -> Result<IssuedTokens, TokenRefusal> {
        guard response.status == 200, let answer = try? JSONValue.parse(response.body),
            let access = answer["access"]?.text, let refresh = answer["refresh"]?.text,
            let seconds = answer["expires_in"]?.text.flatMap(Double.init)
        else { return .failure(TokenRefusal("invalid refresh token (400)")) }
        return .success(
            IssuedTokens(
                accessToken: access,
                accessExpires: now.addingTimeInterval(seconds),
                refreshToken: refresh,
                refreshExpires: nil
            )
        )
    }

    func isExpiredAccessToken(_ refusal: MarketplaceRefusal) -> Bool { refusal.code == "expired" }
}

@Suite struct ConnectionKeeperTests {
    let folder: TemporaryFolder
    let store: CredentialStore
    let account = MarketplaceAccount(marketplace: "test-market", values: [:])

    init() throws {
        self.folder = try TemporaryFolder()
        self.store = CredentialStore(url: self.folder.url.appending(path: "ocop-credentials.json"))
    }

    /// A connection whose access token has `left` seconds to live, out of an hour.
    func connect(left: TimeInterval, refreshExpires: Date? = nil) throws -> ShopConnection {
        let now = Date()
        var connection = ShopConnection(
            marketplace: "test-market",
            shop: "shop-1",
            shopName: "Hợp tác xã Ea Kar",
            tokens: IssuedTokens(
                accessToken: "access-0",
                accessExpires: now.addingTimeInterval(left),
                refreshToken: "refresh-0",
                refreshExpires: refreshExpires
            ),
            connected: now.addingTimeInterval(left - 3600)
        )
        connection.settings = ["shop_id": "shop-1"]
        try self.store.save(connection)
        return connection
    }

    func keeper(_ service: TestTokenService) -> ConnectionKeeper {
        ConnectionKeeper(
            store: self.store,
            authorization: TestAuthorization(),
            marketplace: "test-market",
            client: service
        )
    }

    @Test func theStoreIsReadableByItsOwnerOnlyAndReplacedWhole() throws {
        _ = try self.connect(left: 3600)
        let path = self.store.url.path
        #expect(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int == 0o600)
        let first = try FileManager.default.attributesOfItem(atPath: path)[.systemFileNumber] as? Int
        _ = try self.connect(left: 1800)
        #expect(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int == 0o600)
        #expect(try FileManager.default.attributesOfItem(atPath: path)[.systemFileNumber] as? Int != first)
        // Nothing left behind but the store (and the lock, once a renewal has run).
        #expect(try FileManager.default.contentsOfDirectory(atPath: self.folder.url.path) == ["ocop-credentials.json"])
        #expect(try self.store.connections().count == 1)
    }

    @Test func aTokenFarFromExpiringIsUsedAsItIs() async throws {
        _ = try self.connect(left: 3000)
        let service = TestTokenService()
        let account = try await self.keeper(service).authorized(self.account)
        #expect(account.value("access_token") == "access-0")
        #expect(account.value("shop_id") == "shop-1")
        #expect(service.refreshes == 0)
    }

    @Test func twoRunsRenewingAtOnceSpendTheRefreshTokenOnce() async throws {
        _ = try self.connect(left: 60)  // within a quarter of its hour: due
        let service = TestTokenService()
        // Two keepers of their own, as two processes would have, on the one store.
        async let first = self.keeper(service).authorized(self.account)
        async let second = self.keeper(service).authorized(self.account)
        let tokens = try await [first, second].map { $0.value("access_token") }
        #expect(service.refreshes == 1)
        #expect(tokens[0] == tokens[1])
        #expect(tokens[0] == "access-1-refresh-0")
        #expect(try self.store.connection(for: "test-market")?.refreshToken == "refresh-1-refresh-0")
    }

    @Test func aRenewalAfterARefusalIsSkippedWhenAnotherProcessRenewedFirst() async throws {
        _ = try self.connect(left: 3000)
        let service = TestTokenService()
        let keeper = self.keeper(service)
        let renewed = try await keeper.renewed(self.account, refusing: "access-0")
        #expect(renewed.value("access_token") == "access-1-refresh-0")
        // The same refusal reported late by a second run: the store already holds a newer token.
        let again = try await keeper.renewed(self.account, refusing: "access-0")
        #expect(again.value("access_token") == "access-1-refresh-0")
        #expect(service.refreshes == 1)
    }

    @Test func aRefusedRefreshTokenEndsTheConnectionWithTheLineToRun() async throws {
        _ = try self.connect(left: 10)
        let error = await #expect(throws: PublishingError.self) {
            try await self.keeper(TestTokenService(refuse: true)).authorized(self.account)
        }
        #expect(error?.code == .account)
        #expect(
            error?.message
                == "test-market: the connection to shop Hợp tác xã Ea Kar (shop-1) has ended (Test Market refused its "
                + "refresh token: invalid refresh token (400)); run: ocop connect test-market"
        )
        #expect(try self.store.connection(for: "test-market")?.refreshToken == "refresh-0")  // nothing changed
    }

    @Test func anExpiredRefreshTokenIsNotSentAndSaysSinceWhen() async throws {
        let ended = Date(timeIntervalSince1970: 1_796_000_000)
        _ = try self.connect(left: 10, refreshExpires: ended)
        let service = TestTokenService()
        let error = await #expect(throws: PublishingError.self) {
            try await self.keeper(service).authorized(self.account)
        }
        #expect(error?.message.contains("its refresh token expired on 2026-11-30T") == true)
        #expect(error?.message.hasSuffix("run: ocop connect test-market") == true)
        #expect(service.refreshes == 0)
    }

    @Test func noConnectionSaysHowToMakeOne() async throws {
        let error = await #expect(throws: PublishingError.self) {
            try await self.keeper(TestTokenService()).authorized(self.account)
        }
        #expect(
            error?.message
                == "test-market: no shop is connected and ocop.yaml gives no access_token; run: ocop connect test-market"
        )
    }

    @Test func aConnectionEndingWithinAWeekIsWarnedAbout() throws {
        let now = Date()
        var status = try self.connect(left: 3000, refreshExpires: now.addingTimeInterval(6 * 86_400)).status
        let warning = status.warning(now: now) { _ in "11/12/2026" }
        #expect(
            warning
                == "test-market: the connection to shop Hợp tác xã Ea Kar (shop-1) ends on 11/12/2026; run: ocop connect test-market"
        )
        status.reconnectBy = now.addingTimeInterval(8 * 86_400)
        #expect(status.warning(now: now) { _ in "" } == nil)
    }
}
