import Testing
import Transport

/// A clock that moves only when told to, and whose sleeps return at once after moving it.
final class SteppingClock: Clock, @unchecked Sendable {
    // @unchecked: tests drive it from one task at a time.
    struct Instant: InstantProtocol {
        var offset: Duration
        func advanced(by duration: Duration) -> Instant { Instant(offset: self.offset + duration) }
        func duration(to other: Instant) -> Duration { other.offset - self.offset }
        static func < (lhs: Instant, rhs: Instant) -> Bool { lhs.offset < rhs.offset }
    }

    private(set) var now = Instant(offset: .zero)
    private(set) var slept: [Duration] = []
    var minimumResolution: Duration { .nanoseconds(1) }

    func sleep(until deadline: Instant, tolerance: Duration?) async throws {
        self.slept.append(self.now.duration(to: deadline))
        self.now = max(self.now, deadline)
    }
}

@Suite struct RateLimiterTests {
    @Test func aBurstGoesAtOnceThenRequestsAreSpacedByTheRate() async throws {
        let clock = SteppingClock()
        let limiter = RateLimiter(rate: 2, burst: 3, clock: clock)
        for _ in 0..<3 { try await limiter.acquire() }
        #expect(clock.slept.isEmpty)
        try await limiter.acquire()
        try await limiter.acquire()
        #expect(clock.slept == [.milliseconds(500), .milliseconds(500)])
        #expect(clock.now.offset == .seconds(1))
    }
}
