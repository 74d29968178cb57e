import FeedKit
public import Foundation
import OCOPCatalog
public import Publishing
import Transport

extension Workspace {
    /// `id`'s way of connecting a shop, or an error saying its credentials come from `ocop.yaml`.
    public func shopAuthorization(_ id: String) throws -> (
        adapter: any MarketplaceAdapter, authorization: any ShopAuthorization
    ) {
        let adapter = try AdapterRegistry.adapter(id)
        guard let authorization = adapter.shopAuthorization else {
            let connectable = AdapterRegistry.adapters.filter { $0.shopAuthorization != nil }.map(
                \.marketplace.rawValue
            )
            throw PublishingError(
                .account,
                "\(id) has no shop to connect: its credentials are set in ocop.yaml (ocop connect takes "
                    + "\(connectable.joined(separator: ", ")))"
            )
        }
        return (adapter, authorization)
    }

    /// The account settings `ocop connect` needs of `id` (its app's key and secret; no token yet).
    func connectAccount(_ id: String) throws -> MarketplaceAccount {
        try AdapterRegistry.account(id, configuration: self.configuration, required: true, optional: ["access_token"])
    }

    /// The link the seller opens to connect a shop of `id`, coming back to `redirect` (when the marketplace
    /// takes one in the link) with `state`.
    public func authorizationLink(_ id: String, redirect: URL?, state: String, now: Date = Date()) throws -> URL {
        try self.shopAuthorization(id).authorization.authorizationLink(
            account: try self.connectAccount(id),
            redirect: redirect,
            state: state,
            now: now
        )
    }

    /// Exchanges the `code` a redirect carried (with its `shop`, where the marketplace ties one to it) for the
    /// shop's first token pair, asks the marketplace which shop it is, and keeps the connection in the
    /// credential store, replacing an older one for the same shop.
    public func connect(_ id: String, code: String, shop: String?, now: @Sendable () -> Date = { Date() })
        async throws -> ShopConnection
    {
        let authorization = try self.shopAuthorization(id).authorization
        let account = try self.connectAccount(id)
        // Never retried: a code (and a refresh token) is spent by the first request that reaches the service.
        let client = CurlClient()
        var request = try authorization.codeRequest(code: code, shop: shop, account: account, now: now())
        request.isIdempotent = false  // a code works once
        let issuedAt = now()
        let tokens: IssuedTokens
        switch authorization.tokens(from: try await self.send(request, id: id, client: client), now: issuedAt) {
        case .success(let issued): tokens = issued
        case .failure(let refusal) where refusal.isTemporary:
            throw PublishingError(
                .unreachable,
                "\(id): \(authorization.displayName) could not take the code now: \(refusal.said)"
            )
        case .failure(let refusal):
            throw PublishingError(
                .account,
                "\(id): \(authorization.displayName) refused the code: \(refusal.said); a code works once and only "
                    + "for a few minutes: open the authorization link again (ocop connect \(id))"
            )
        }
        // Kept at once: a pair bought with a single-use code must survive a failed shop lookup.
        let store = self.credentialStore
        var connection = ShopConnection(
            marketplace: id,
            shop: shop ?? tokens.shop ?? "",
            shopName: tokens.shopName,
            tokens: tokens,
            connected: issuedAt
        )
        try await store.withLock { try store.save(connection) }
        var connected = ConnectedShop(id: connection.shop, name: tokens.shopName)
        if let shopRequest = try authorization.shopRequest(tokens: tokens, shop: shop, account: account, now: now()) {
            connected = try authorization.shop(
                from: try await self.send(shopRequest, id: id, client: client),
                tokens: tokens,
                shop: shop
            )
        }
        let named = ShopConnection(
            marketplace: id,
            shop: connected.id,
            shopName: connected.name,
            tokens: tokens,
            connected: issuedAt,
            settings: connected.settings
        )
        try await store.withLock {
            if named.shop != connection.shop { try store.remove(connection) }
            try store.save(named)
        }
        connection = named
        return connection
    }

    /// Every connected shop, for `ocop-scheduler --status` and the readiness page; none when there is no store.
    public func connections() throws -> [ShopConnection] {
        try self.credentialStore.connections()
    }

    private func send(_ request: HTTPRequest, id: String, client: any HTTPClient) async throws -> HTTPResponse {
        do {
            return try await client.send(request)
        } catch {
            throw PublishingError(
                .unreachable,
                "\(id): the authorization service could not be reached: \(error.message)"
            )
        }
    }
}
