public import Foundation
public import Transport

/// How a marketplace whose API needs a short-lived access token obtains one (an OAuth2 grant,
/// such as the service-account JWT flow). The core sends the token request before a run, keeps the token in its
/// `AccessTokenCache` until shortly before it expires, and hands it to the adapter as the account's
/// `access_token`.
public protocol AccessTokenGrant: Sendable {
    /// The token request for `account` at `now`, with the key its token is cached under (who asks, and
    /// where); `nil` when the account carries a token already.
    func tokenRequest(for account: MarketplaceAccount, now: Date) throws(PublishingError) -> TokenRequest?
    /// The token and how long it lives, read from the token endpoint's answer; an error saying why the
    /// endpoint refused.
    func token(from response: HTTPResponse) throws(PublishingError) -> (token: String, lifetime: TimeInterval)
}

/// A token request and the cache key of its token.
public struct TokenRequest: Sendable {
    public var cacheKey: String
    public var request: HTTPRequest

    /// Creates a token request.
    public init(cacheKey: String, request: HTTPRequest) {
        self.cacheKey = cacheKey
        self.request = request
    }
}
