public import Foundation

/// How long the tokens the sandbox issues live: each marketplace's documented lifetimes unless
/// `ocop sandbox --token-ttl S` (access tokens) or `--refresh-ttl S` (refresh tokens) shortens them.
public struct TokenLifetimes: Hashable, Sendable {
    public var access: TimeInterval?
    public var refresh: TimeInterval?

    /// Lifetimes; `nil` keeps the marketplace's own.
    public init(access: TimeInterval? = nil, refresh: TimeInterval? = nil) {
        self.access = access
        self.refresh = refresh
    }

    /// The documented lifetimes: Shopee 4 hours and 30 days; Lazada (an app in test) 7 and 30 days; TikTok Shop
    /// 7 days and a year.
    func lifetimes(_ marketplace: String) -> (access: TimeInterval, refresh: TimeInterval) {
        let documented: (TimeInterval, TimeInterval) =
            switch marketplace {
            case "shopee": (4 * 3600, 30 * 86_400)
            case "lazada": (7 * 86_400, 30 * 86_400)
            default: (7 * 86_400, 365 * 86_400)
            }
        return (self.access ?? documented.0, self.refresh ?? documented.1)
    }
}

/// The authorization side of the sandbox's marketplaces: codes that work once, access tokens that expire,
/// refresh tokens that work once (each renewal issues a new one and the old one stops working), and the
/// counts tests look at.
actor SandboxTokens {
    /// A pair the sandbox issued.
    struct Pair {
        var access: String
        var accessExpires: Date
        var refresh: String
        var refreshExpires: Date
        var shop: String
    }

    /// Whether an access token is one the sandbox accepts.
    enum Verdict {
        case valid, expired, unknown
    }

    let lifetimes: TokenLifetimes
    private var codes: [String: (marketplace: String, shop: String, expires: Date)] = [:]
    private var access: [String: (marketplace: String, expires: Date)] = [:]
    private var refresh: [String: (marketplace: String, shop: String, expires: Date)] = [:]
    private(set) var exchanges: [String: Int] = [:]
    private(set) var renewals: [String: Int] = [:]

    init(lifetimes: TokenLifetimes) {
        self.lifetimes = lifetimes
    }

    /// A new code for `shop` of `marketplace`, valid 10 minutes (Shopee's; Lazada's and TikTok's last 30).
    func issueCode(_ marketplace: String, shop: String) -> String {
        let code = Self.random()
        self.codes[code] = (marketplace, shop, Date().addingTimeInterval(600))
        return code
    }

    /// The first pair for `code`, spending it; `nil` when it is unknown, spent, expired or another's.
    func exchange(_ marketplace: String, code: String, shop: String? = nil) -> Pair? {
        guard let entry = self.codes.removeValue(forKey: code), entry.marketplace == marketplace,
            entry.expires > Date(), shop == nil || shop == entry.shop
        else { return nil }
        self.exchanges[marketplace, default: 0] += 1
        let refreshExpires = Date().addingTimeInterval(self.lifetimes.lifetimes(marketplace).refresh)
        return self.issue(marketplace, shop: entry.shop, refreshExpires: refreshExpires)
    }

    /// A new pair for `token`, spending it; `nil` when it is unknown, spent, expired or another's. Shopee's new
    /// refresh token lives its 30 days again; Lazada does not extend a refresh token's life on renewal, and
    /// TikTok Shop is played the same way.
    func renew(_ marketplace: String, refreshToken token: String) -> Pair? {
        guard let entry = self.refresh.removeValue(forKey: token), entry.marketplace == marketplace,
            entry.expires > Date()
        else { return nil }
        self.renewals[marketplace, default: 0] += 1
        let expires =
            marketplace == "shopee"
            ? Date().addingTimeInterval(self.lifetimes.lifetimes(marketplace).refresh) : entry.expires
        return self.issue(marketplace, shop: entry.shop, refreshExpires: expires)
    }

    /// Whether `token` is accepted by `marketplace`: the sandbox's fixed token always is; an issued one until
    /// it expires.
    func check(_ marketplace: String, token: String?, fixed: String) -> Verdict {
        guard let token else { return .unknown }
        if token == fixed { return .valid }
        guard let entry = self.access[token], entry.marketplace == marketplace else { return .unknown }
        return entry.expires > Date() ? .valid : .expired
    }

    /// Makes every access token issued so far expired (`POST /sandbox/tokens/expire`).
    func expireAll() {
        for key in self.access.keys { self.access[key]?.expires = .distantPast }
    }

    private func issue(_ marketplace: String, shop: String, refreshExpires: Date) -> Pair {
        let pair = Pair(
            access: Self.random(),
            accessExpires: Date().addingTimeInterval(self.lifetimes.lifetimes(marketplace).access),
            refresh: Self.random(),
            refreshExpires: refreshExpires,
            shop: shop
        )
        self.access[pair.access] = (marketplace, pair.accessExpires)
        self.refresh[pair.refresh] = (marketplace, shop, refreshExpires)
        return pair
    }

    private static func random() -> String {
        (UUID().uuidString + UUID().uuidString).replacingOccurrences(of: "-", with: "").lowercased()
    }
}
