import Foundation
import OCOPConfiguration
import Operations
import Serving

/// `ocop.yaml: serve` read for `ocop serve`: the keys, the page password, the limits and the access log, each
/// bad value refused with its key named.
struct ServeSettings {
    static let keys: Set<String> = [
        "port", "feeds", "feed_user", "feed_password", "page_password", "header_timeout", "body_timeout",
        "idle_timeout", "max_connections", "max_failed_logins", "access_log", "trusted_proxies",
    ]

    var port: Int
    var access: FeedAccess
    var pagePassword: String?
    var limits: ServeLimits
    /// The file access lines are appended to; standard output when nil.
    var accessLog: URL?
    /// Proxies whose `X-Forwarded-For` names the client (`serve.trusted_proxies`).
    var trustedProxies: [String]
    /// One line per feed that is not served, and why.
    var warnings: [String]

    init(_ configuration: OCOPConfiguration, host: String, port: Int?) throws(ConfigurationError) {
        let serve = configuration.serve ?? Settings(path: "ocop.yaml: serve", values: [:])
        try serve.allowOnly(Self.keys)
        var keys: [String: String] = [:]
        // Why feeds are not served, each reason once with the feeds it keeps back.
        var unserved: [(reason: String, feeds: [String])] = []
        func notServed(_ id: String, because reason: String) {
            if let index = unserved.firstIndex(where: { $0.reason == reason }) {
                unserved[index].feeds.append(id)
            } else {
                unserved.append((reason, [id]))
            }
        }
        for id in configuration.knownMarketplaces {
            do throws(ConfigurationError) {
                // A feed's own key wins; the shared password (and a variable behind it) only matters without one.
                var key = try configuration.marketplaces[id]?.value("feed_key")
                if key == nil { key = try serve.value("feed_password") }
                if let key, !key.isEmpty {
                    keys[id] = key
                } else {
                    notServed(id, because: "no key is set (serve.feed_password, or marketplaces.MARKETPLACE.feed_key)")
                }
            } catch {
                notServed(id, because: error.message)
            }
        }
        let warnings = unserved.map { reason, feeds in
            let which = feeds.count == 1 ? "the \(feeds[0]) feed is" : "these feeds are"
            return "warning: \(reason); \(which) not served"
                + (feeds.count == 1 ? "" : ": \(feeds.joined(separator: ", "))")
        }
        let user = try serve.value("feed_user")
        self.access = FeedAccess(user: user ?? "ocop", keys: keys)
        self.warnings = warnings
        let configuredPort = try Self.number(serve, "port", in: 0...65_535)
        self.port = port ?? configuredPort ?? 8080
        self.pagePassword = try serve.value("page_password").flatMap { $0.isEmpty ? nil : $0 }
        self.trustedProxies = try serve.list("trusted_proxies")
        // Behind a proxy the server listens on loopback, but whoever reaches the proxy reaches the pages.
        let exposure =
            !Self.isLoopback(host) ? "listens on \(host)" : self.trustedProxies.isEmpty ? nil : "is behind a proxy"
        if self.pagePassword == nil, let exposure {
            throw ConfigurationError(
                .invalid,
                "\(serve.path).page_password is required when ocop serve \(exposure) (anyone who reaches it "
                    + "would read the readiness pages): set it, e.g. page_password: \"${OCOP_PAGE_PASSWORD}\""
            )
        }
        let defaults = ServeLimits()
        self.limits = ServeLimits(
            headerTimeout: try Self.seconds(serve, "header_timeout") ?? defaults.headerTimeout,
            bodyTimeout: try Self.seconds(serve, "body_timeout") ?? defaults.bodyTimeout,
            idleTimeout: try Self.seconds(serve, "idle_timeout") ?? defaults.idleTimeout,
            maxConnections: try Self.number(serve, "max_connections", in: 1...1_000_000) ?? defaults.maxConnections,
            failedLoginsPerMinute: try Self.number(serve, "max_failed_logins", in: 1...1_000_000)
                ?? defaults.failedLoginsPerMinute
        )
        self.accessLog = try serve.value("access_log").map {
            URL(fileURLWithPath: $0, relativeTo: configuration.directory).standardizedFileURL
        }
    }

    /// Whether `host` is reachable from this machine only.
    static func isLoopback(_ host: String) -> Bool {
        var v4 = in_addr()
        if inet_pton(AF_INET, host, &v4) == 1 { return UInt32(bigEndian: v4.s_addr) >> 24 == 127 }
        return host == "localhost" || host == "::1"
    }

    private static func number(_ settings: Settings, _ key: String, in range: ClosedRange<Int>)
        throws(ConfigurationError) -> Int?
    {
        guard let text = try settings.value(key) else { return nil }
        guard let value = Int(text), range.contains(value) else {
            throw ConfigurationError(
                .invalid,
                "\(settings.path).\(key): \"\(text)\" is not a whole number from \(range.lowerBound) to \(range.upperBound)"
            )
        }
        return value
    }

    private static func seconds(_ settings: Settings, _ key: String) throws(ConfigurationError) -> Duration? {
        try Self.number(settings, key, in: 1...86_400).map { .seconds($0) }
    }
}
