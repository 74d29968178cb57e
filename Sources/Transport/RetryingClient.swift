public import Foundation
public import Logging

/// When and how long to wait before sending a request again.
public struct RetryPolicy: Hashable, Sendable {
    /// Tries in all, the first included.
    public var maximumAttempts: Int
    /// The backoff before the second try; it doubles each time.
    public var baseDelay: Duration
    /// No wait is longer than this, `Retry-After` included.
    public var maximumDelay: Duration
    /// Statuses that mean "try again later".
    public var retryableStatuses: Set<Int>

    /// Creates a policy; the defaults suit marketplace APIs (429 and 5xx, five tries, 0.5 s doubling to 30 s).
    public init(
        maximumAttempts: Int = 5,
        baseDelay: Duration = .milliseconds(500),
        maximumDelay: Duration = .seconds(30),
        retryableStatuses: Set<Int> = [408, 429, 500, 502, 503, 504]
    ) {
        self.maximumAttempts = maximumAttempts
        self.baseDelay = baseDelay
        self.maximumDelay = maximumDelay
        self.retryableStatuses = retryableStatuses
    }

    /// Exponential backoff with full jitter before try `attempt + 1`: a random share (`jitter` in 0…1) of
    /// `baseDelay × 2^(attempt − 1)`, capped.
    public func backoff(afterAttempt attempt: Int, jitter: Double) -> Duration {
        let exponential = self.baseDelay * (1 << min(attempt - 1, 20))
        return min(self.maximumDelay, exponential) * min(max(jitter, 0), 1)
    }

    /// The wait a response asks for with `Retry-After` (seconds, or an HTTP date relative to `now`), capped.
    public func retryAfter(_ response: HTTPResponse, now: Date) -> Duration? {
        guard let value = response.header("retry-after")?.trimmingCharacters(in: .whitespaces) else { return nil }
        if let seconds = Int(value), seconds >= 0 { return min(self.maximumDelay, .seconds(seconds)) }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        guard let date = formatter.date(from: value) else { return nil }
        return min(self.maximumDelay, .milliseconds(max(0, Int(date.timeIntervalSince(now) * 1000))))
    }
}

/// Sends through `base` and tries again on 429, 5xx, timeouts and broken connections, with exponential
/// backoff and jitter, honouring `Retry-After`. Waiting and randomness are injected, so tests never sleep.
public struct RetryingClient<Base: HTTPClient>: HTTPClient {
    public let base: Base
    public let policy: RetryPolicy
    private let sleep: @Sendable (Duration) async throws -> Void
    private let jitter: @Sendable () -> Double
    private let now: @Sendable () -> Date
    private let logger: Logger

    /// Wraps `base`; by default waits on the continuous clock with random jitter, and logs each retry to
    /// `logger` (silent by default).
    public init(
        _ base: Base,
        policy: RetryPolicy = RetryPolicy(),
        sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) },
        jitter: @escaping @Sendable () -> Double = { Double.random(in: 0...1) },
        now: @escaping @Sendable () -> Date = { Date() },
        logger: Logger = Logger(label: "ocop.transport", factory: { _ in SwiftLogNoOpLogHandler() })
    ) {
        self.logger = logger
        self.base = base
        self.policy = policy
        self.sleep = sleep
        self.jitter = jitter
        self.now = now
    }

    public func send(_ request: HTTPRequest) async throws(TransportError) -> HTTPResponse {
        try await self.send(signingEachAttempt: { request })
    }

    /// Each attempt sends a request `sign` makes afresh.
    public func send(signingEachAttempt sign: @Sendable () -> HTTPRequest) async throws(TransportError)
        -> HTTPResponse
    {
        var attempt = 1
        while true {
            let delay: Duration
            let reason: String
            let request = sign()
            do {
                let response = try await self.base.send(request)
                guard self.policy.retryableStatuses.contains(response.status), attempt < self.policy.maximumAttempts
                else { return response }
                delay =
                    self.policy.retryAfter(response, now: self.now())
                    ?? self.policy.backoff(afterAttempt: attempt, jitter: self.jitter())
                reason = "HTTP \(response.status)"
            } catch
                where error.isRetryable && attempt < self.policy.maximumAttempts
                && (request.isIdempotent || !error.mayHaveArrived)
            {
                delay = self.policy.backoff(afterAttempt: attempt, jitter: self.jitter())
                reason = error.message
            }
            self.logger.debug(
                "retrying after backoff",
                metadata: [
                    "request": "\(request.method) \(request.url.redactedForLogs)", "attempt": "\(attempt)",
                    "reason": "\(reason)", "backoff": "\(delay)",
                ]
            )
            do {
                try await self.sleep(delay)
            } catch {
                throw TransportError(
                    .cancelled,
                    "\(request.method) \(request.url.redactedForLogs): cancelled while waiting to retry"
                )
            }
            attempt += 1
        }
    }
}
