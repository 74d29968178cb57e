import Foundation
import Synchronization

/// Wrong keys counted per client address over a minute: an address that reaches the limit is answered 429
/// until its minute is over, whatever it sends, so keys cannot be guessed at the server's speed.
final class LoginThrottle: Sendable {
    private struct Window {
        var start: ContinuousClock.Instant
        var failures: Int
    }

    private let limit: Int
    private let window: Duration
    /// Addresses kept at most; beyond it the expired windows go, and if that is not enough, all of them.
    private let capacity: Int
    private let windows = Mutex<[String: Window]>([:])

    init(limit: Int, window: Duration = .seconds(60), capacity: Int = 10_000) {
        self.limit = limit
        self.window = window
        self.capacity = capacity
    }

    /// How long `address` must wait before it may try again; `nil` when it may try now.
    func wait(for address: String, now: ContinuousClock.Instant = .now) -> Duration? {
        self.windows.withLock { windows in
            guard let entry = windows[address], entry.failures >= self.limit else { return nil }
            let end = entry.start.advanced(by: self.window)
            return end > now ? end - now : nil
        }
    }

    /// Counts one wrong key from `address`.
    func recordFailure(from address: String, now: ContinuousClock.Instant = .now) {
        self.windows.withLock { windows in
            if var entry = windows[address], entry.start.advanced(by: self.window) > now {
                entry.failures += 1
                windows[address] = entry
            } else {
                windows[address] = Window(start: now, failures: 1)
            }
            if windows.count > self.capacity {
                windows = windows.filter { $0.value.start.advanced(by: self.window) > now }
                if windows.count > self.capacity { windows.removeAll() }
            }
        }
    }
}
