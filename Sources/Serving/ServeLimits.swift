/// What `ocop serve` allows one client, so that idle, slow or hostile clients cannot hold it: how long a
/// connection may take to send a request, how long it may sit idle, how many may be open, how many wrong keys
/// an address may try.
public struct ServeLimits: Hashable, Sendable {
    /// From accepting a connection to the end of its first request's headers (`serve.header_timeout`).
    public var headerTimeout: Duration
    /// From a request's headers to the end of its body (`serve.body_timeout`).
    public var bodyTimeout: Duration
    /// How long a kept-alive connection may wait for its next request (`serve.idle_timeout`).
    public var idleTimeout: Duration
    /// Connections open at once; one more is answered 503 and closed (`serve.max_connections`).
    public var maxConnections: Int
    /// Wrong keys one address may send per minute before it is answered 429 (`serve.max_failed_logins`).
    public var failedLoginsPerMinute: Int

    /// Creates the limits; the defaults suit a feed host that Google's and Meta's fetchers visit.
    public init(
        headerTimeout: Duration = .seconds(10),
        bodyTimeout: Duration = .seconds(30),
        idleTimeout: Duration = .seconds(30),
        maxConnections: Int = 2_000,
        failedLoginsPerMinute: Int = 10
    ) {
        self.headerTimeout = headerTimeout
        self.bodyTimeout = bodyTimeout
        self.idleTimeout = idleTimeout
        self.maxConnections = maxConnections
        self.failedLoginsPerMinute = failedLoginsPerMinute
    }
}
