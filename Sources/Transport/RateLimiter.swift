/// Spaces requests to one marketplace: at most `rate` per second on average, with bursts up to `burst`
/// (a token bucket). Time is injected through the clock, so tests can drive it.
public actor RateLimiter<C: Clock> where C.Duration == Duration {
    private let clock: C
    private let interval: Duration
    private let burst: Int
    private var tokens: Double
    private var updated: C.Instant

    /// A limiter allowing `rate` requests per second (more than 0) and bursts of `burst`.
    public init(rate: Double, burst: Int = 1, clock: C) {
        self.clock = clock
        self.interval = .nanoseconds(Int64(1_000_000_000 / max(rate, 0.000_001)))
        self.burst = max(1, burst)
        self.tokens = Double(max(1, burst))
        self.updated = clock.now
    }

    /// Waits until a request may go, then takes its token.
    public func acquire() async throws {
        while true {
            self.refill()
            if self.tokens >= 1 {
                self.tokens -= 1
                return
            }
            let missing = 1 - self.tokens
            try await self.clock.sleep(for: self.interval * missing)
        }
    }

    private func refill() {
        let now = self.clock.now
        let elapsed = self.updated.duration(to: now)
        self.updated = now
        self.tokens = min(Double(self.burst), self.tokens + elapsed / self.interval)
    }
}

/// Sends through `base` once the limiter lets each request go.
public struct RateLimitedClient<Base: HTTPClient, C: Clock>: HTTPClient where C.Duration == Duration {
    public let base: Base
    public let limiter: RateLimiter<C>

    /// Wraps `base`.
    public init(_ base: Base, limiter: RateLimiter<C>) {
        self.base = base
        self.limiter = limiter
    }

    public func send(_ request: HTTPRequest) async throws(TransportError) -> HTTPResponse {
        try await self.send(signingEachAttempt: { request })
    }

    /// Waits for its turn, then lets `base` sign each attempt.
    public func send(signingEachAttempt sign: @Sendable () -> HTTPRequest) async throws(TransportError)
        -> HTTPResponse
    {
        do {
            try await self.limiter.acquire()
        } catch {
            let request = sign()
            throw TransportError(
                .cancelled,
                "\(request.method) \(request.url.redactedForLogs): cancelled while rate-limited"
            )
        }
        return try await self.base.send(signingEachAttempt: sign)
    }
}
