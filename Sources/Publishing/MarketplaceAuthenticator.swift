public import Foundation
import Synchronization
public import Transport

/// A marketplace whose API needs a short-lived access token obtained first (Google's OAuth2
/// service-account flow). The publisher asks for one before sending and adds it to the account.
public protocol MarketplaceAuthenticator: Sendable {
    /// `account` with an `access_token` valid for at least a few minutes from `now`.
    func authorize(_ account: MarketplaceAccount, client: any HTTPClient, now: Date) async throws(PublishingError)
        -> MarketplaceAccount
}

/// Access tokens kept until shortly before they expire, so that a long-lived process (the scheduler)
/// asks for one once an hour rather than once a run. Held in memory only: tokens are secrets and never
/// go to disk.
public final class AccessTokenCache: Sendable {
    private let tokens = Mutex<[String: (token: String, expires: Date)]>([:])
    /// How long before its expiry a token is no longer handed out.
    public let margin: TimeInterval

    /// Creates an empty cache.
    public init(margin: TimeInterval = 300) {
        self.margin = margin
    }

    /// The token stored for `key`, when it is good for at least `margin` after `now`.
    public func token(for key: String, now: Date) -> String? {
        self.tokens.withLock { tokens in
            guard let entry = tokens[key], entry.expires.timeIntervalSince(now) > self.margin else { return nil }
            return entry.token
        }
    }

    /// Keeps `token` for `key` until `expires`.
    public func store(_ token: String, for key: String, expires: Date) {
        self.tokens.withLock { $0[key] = (token, expires) }
    }
}
