public import Foundation
public import Transport

/// How a marketplace whose API needs a short-lived access token obtains one (an OAuth2 grant,
/// such as the service-account JWT flow). The core asks for the token's cache key first, and only when it
/// holds no good token under that key has the grant build the token request (a signed assertion is not
/// made for nothing); it keeps the token in its `AccessTokenCache` until shortly before it expires, and hands
/// it to the adapter as the account's `access_token`.
public protocol AccessTokenGrant: Sendable {
    /// The key the token for `account` is cached under (who asks, and where); `nil` when the account carries
    /// a token already.
    func cacheKey(for account: MarketplaceAccount) throws(PublishingError) -> String?
    /// The token request for `account` at `now`.
    func tokenRequest(for account: MarketplaceAccount, now: Date) throws(PublishingError) -> HTTPRequest
    /// The token and how long it lives, read from the token endpoint's answer; an error saying why the
    /// endpoint refused.
    func token(from response: HTTPResponse) throws(PublishingError) -> (token: String, lifetime: TimeInterval)
}
