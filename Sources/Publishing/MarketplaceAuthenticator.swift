public import Foundation
public import Transport

/// A marketplace whose API needs a short-lived access token obtained first (Google's OAuth2
/// service-account flow). The publisher asks for one before sending and adds it to the account.
public protocol MarketplaceAuthenticator: Sendable {
    /// `account` with an `access_token` valid for at least a few minutes from `now`.
    func authorize(_ account: MarketplaceAccount, client: any HTTPClient, now: Date) async throws(PublishingError)
        -> MarketplaceAccount
}
