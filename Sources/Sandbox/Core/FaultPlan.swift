/// How the sandbox misbehaves, to test what a real network does to a publisher. Deterministic for a seed.
public struct FaultPlan: Hashable, Sendable, Codable {
    /// Share of calls answered with 500 (0…1).
    public var serverErrors: Double
    /// Share of calls answered with 429 and `Retry-After: 1`.
    public var rateLimited: Double
    /// Share of calls whose connection is dropped without an answer, after the change was applied (the
    /// worst case for a publisher: it must not create twice when it tries again). Meta's API and Shopee's
    /// add_item.
    public var droppedAfterApplying: Double
    /// Share of calls answered only after `slowness` (and then applied, whether the caller still waits or not).
    public var slowAnswers: Double
    /// How late a slow answer comes.
    public var slowness: Duration
    /// How many times Tiki's sandbox answers a product request's tracking with "md_awaiting_approve"
    /// before approving it (0: approved at the first check).
    public var slowReviews: Int = 0
    /// Whether every marketplace call (not tokens, images or the sandbox's own pages) is answered 200 with
    /// the body `SENTINEL-CONTENT`: a stand-in that says "OK" and nothing a marketplace would say.
    public var sentinelAnswers = false
    /// The seed of the sequence of faults.
    public var seed: UInt64

    /// No faults.
    public static let none = FaultPlan(serverErrors: 0, rateLimited: 0, droppedAfterApplying: 0, seed: 1)

    /// Creates a plan.
    public init(
        serverErrors: Double,
        rateLimited: Double,
        droppedAfterApplying: Double,
        slowAnswers: Double = 0,
        slowness: Duration = .seconds(2),
        seed: UInt64
    ) {
        self.serverErrors = serverErrors
        self.rateLimited = rateLimited
        self.droppedAfterApplying = droppedAfterApplying
        self.slowAnswers = slowAnswers
        self.slowness = slowness
        self.seed = seed
    }
}
