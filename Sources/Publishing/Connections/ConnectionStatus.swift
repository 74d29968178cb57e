public import Foundation

/// What people are shown of a connected shop (`ocop-scheduler --status`, the readiness page): which shop, when
/// it was last renewed and until when it can be; never a token.
public struct ConnectionStatus: Hashable, Sendable {
    /// How far ahead an ending connection is warned about.
    public static let warningWindow: TimeInterval = 7 * 86_400

    public var marketplace: String
    public var shop: String
    public var renewed: Date
    /// When the refresh token stops working, so the shop must be connected again; `nil` when unknown.
    public var reconnectBy: Date?

    /// Creates a status.
    public init(marketplace: String, shop: String, renewed: Date, reconnectBy: Date?) {
        self.marketplace = marketplace
        self.shop = shop
        self.renewed = renewed
        self.reconnectBy = reconnectBy
    }

    /// The warning for a connection that ends within ``warningWindow`` of `now` or has ended; `nil` otherwise.
    public func warning(now: Date, format: (Date) -> String) -> String? {
        guard let end = self.reconnectBy, end.timeIntervalSince(now) <= Self.warningWindow else { return nil }
        let when = end <= now ? "ended on \(format(end))" : "ends on \(format(end))"
        return "\(self.marketplace): the connection to shop \(self.shop) \(when); run: ocop connect \(self.marketplace)"
    }
}

extension ShopConnection {
    /// What may be shown of it.
    public var status: ConnectionStatus {
        ConnectionStatus(
            marketplace: self.marketplace,
            shop: self.shopDescription,
            renewed: self.renewed ?? self.connected,
            reconnectBy: self.refreshExpires
        )
    }
}
