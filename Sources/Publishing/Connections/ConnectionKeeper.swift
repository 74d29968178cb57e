public import Foundation
import Groundwork
public import Logging
public import Transport

/// Keeps a connected shop's tokens alive for publishing: before a run, and again when the marketplace refuses
/// an access token as expired, it renews the pair with the refresh token. Each renewal happens under the
/// store's lock, re-reads the store first (another process may have renewed already, and the refresh token it
/// holds is then spent), and writes the new pair to the store before anyone uses it.
public struct ConnectionKeeper: Sendable {
    public let store: CredentialStore
    public let authorization: any ShopAuthorization
    /// The marketplace id.
    public let marketplace: String
    let client: any HTTPClient
    let now: @Sendable () -> Date
    let logger: Logger
    /// Told each renewed connection once it is in the store, before its token is used.
    let stored: @Sendable (ShopConnection) throws -> Void

    /// Creates a keeper; time, the logger and the stored-hook are injected.
    public init(
        store: CredentialStore,
        authorization: any ShopAuthorization,
        marketplace: String,
        client: any HTTPClient,
        now: @escaping @Sendable () -> Date = { Date() },
        logger: Logger = Logger(label: "ocop.connections", factory: { _ in SwiftLogNoOpLogHandler() }),
        stored: @escaping @Sendable (ShopConnection) throws -> Void = { _ in }
    ) {
        self.store = store
        self.authorization = authorization
        self.marketplace = marketplace
        self.client = client
        self.now = now
        self.logger = logger
        self.stored = stored
    }

    /// `account` using the connection kept for it, renewed first when its access token is about to expire.
    public func authorized(_ account: MarketplaceAccount) async throws -> MarketplaceAccount {
        let kept = try self.kept(for: account)
        guard self.isDue(kept) else { return Self.applying(kept, to: account) }
        return Self.applying(try await self.renew(for: account) { self.isDue($0) }, to: account)
    }

    /// `account` after the marketplace refused `staleToken` as expired: renewed, unless another process renewed
    /// it since that token was read.
    public func renewed(_ account: MarketplaceAccount, refusing staleToken: String) async throws
        -> MarketplaceAccount
    {
        Self.applying(try await self.renew(for: account) { $0.accessToken == staleToken }, to: account)
    }

    /// The connection kept for `account`, or the line saying how to make one.
    public func kept(for account: MarketplaceAccount) throws -> ShopConnection {
        guard let kept = try self.store.connection(for: self.marketplace, shop: account.value("shop_id")) else {
            throw PublishingError(
                .account,
                LocalizedText(
                    en: "\(self.marketplace): no shop is connected and ocop.yaml gives no access_token; "
                        + "run: ocop connect \(self.marketplace)",
                    vi: "\(self.marketplace): chưa kết nối cửa hàng nào và ocop.yaml không có access_token; "
                        + "hãy chạy: ocop connect \(self.marketplace)"
                )
            )
        }
        return kept
    }

    /// The account settings of `connection` over `account`'s: its access token, and what it knows of the shop
    /// where `ocop.yaml` leaves it out.
    public static func applying(_ connection: ShopConnection, to account: MarketplaceAccount) -> MarketplaceAccount {
        var result = account.setting("access_token", to: connection.accessToken)
        for (key, value) in connection.settings.sorted(by: { $0.key < $1.key }) where account.value(key) == nil {
            result = result.setting(key, to: value)
        }
        return result
    }

    /// Whether `connection`'s access token is to be renewed now: it expires within a quarter of its lifetime
    /// (at most 30 minutes, as Lazada advises).
    func isDue(_ connection: ShopConnection) -> Bool {
        let issued = connection.renewed ?? connection.connected
        let margin = min(1800, max(0, connection.accessExpires.timeIntervalSince(issued)) / 4)
        return connection.accessExpires.timeIntervalSince(self.now()) <= margin
    }

    private func renew(for account: MarketplaceAccount, when needed: @escaping (ShopConnection) -> Bool)
        async throws -> ShopConnection
    {
        try await self.store.withLock {
            let current = try self.kept(for: account)
            guard needed(current) else { return current }
            let now = self.now()
            if let expiry = current.refreshExpires, expiry <= now {
                throw self.ended(current, because: "its refresh token expired on \(Self.time(expiry))")
            }
            var request = try self.authorization.refreshRequest(current, account: account, now: now)
            request.isIdempotent = false  // a refresh token is spent by its first use: never sent twice blindly
            let response: HTTPResponse
            do throws(TransportError) {
                response = try await self.client.send(request)
            } catch {
                throw PublishingError(
                    .unreachable,
                    "\(self.marketplace): the token service could not be reached to renew the connection: \(error.message)",
                    underlying: error
                )
            }
            switch self.authorization.tokens(from: response, now: now) {
            case .failure(let refusal) where refusal.isTemporary:
                throw PublishingError(
                    .unreachable,
                    "\(self.marketplace): \(self.authorization.displayName) could not renew the connection now: \(refusal.said)"
                )
            case .failure(let refusal):
                throw self.ended(
                    current,
                    because: "\(self.authorization.displayName) refused its refresh token: \(refusal.said)"
                )
            case .success(let tokens):
                let renewed = current.renewed(with: tokens, at: now)
                try self.store.save(renewed)
                self.logger.info(
                    "connection renewed",
                    metadata: [
                        "marketplace.id": "\(self.marketplace)", "shop": "\(current.shop)",
                        "access.expires": "\(Self.time(renewed.accessExpires))",
                    ]
                )
                try self.stored(renewed)
                return renewed
            }
        }
    }

    private func ended(_ connection: ShopConnection, because reason: String) -> PublishingError {
        PublishingError(
            .account,
            LocalizedText(
                en: "\(self.marketplace): the connection to shop \(connection.shopDescription) has ended (\(reason)); "
                    + "run: ocop connect \(self.marketplace)",
                vi: "\(self.marketplace): kết nối với cửa hàng \(connection.shopDescription) đã hết hạn (\(reason)); "
                    + "hãy kết nối lại: ocop connect \(self.marketplace)"
            )
        )
    }

    /// `date` as people read it in logs and messages: ISO 8601 in UTC.
    static func time(_ date: Date) -> String {
        date.formatted(.iso8601)
    }
}
