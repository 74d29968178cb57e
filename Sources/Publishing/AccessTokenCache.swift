public import Foundation
import Synchronization

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
