import Foundation
import Synchronization

/// Wrong keys counted per client address over a minute: an address that reaches the limit is answered 429
/// until its minute is over, whatever it sends, so keys cannot be guessed at the server's speed. IPv6 clients
/// are counted per /64 network (one machine is given a whole /64 to rotate through).
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

    /// What an address is counted as: itself, or for IPv6 its /64 network.
    static func key(_ address: String) -> String {
        guard address.contains(":") else { return address }
        var bytes = in6_addr()
        guard inet_pton(AF_INET6, address, &bytes) == 1 else { return address }
        let prefix = withUnsafeBytes(of: bytes) { Array($0.prefix(8)) }
        return prefix.map { String($0, radix: 16) }.joined(separator: ".") + "/64"
    }

    init(limit: Int, window: Duration = .seconds(60), capacity: Int = 10_000) {
        self.limit = limit
        self.window = window
        self.capacity = capacity
    }

    /// How long `address` must wait before it may try again; `nil` when it may try now.
    func wait(for address: String, now: ContinuousClock.Instant = .now) -> Duration? {
        let address = Self.key(address)
        return self.windows.withLock { windows in
            guard let entry = windows[address], entry.failures >= self.limit else { return nil }
            let end = entry.start.advanced(by: self.window)
            return end > now ? end - now : nil
        }
    }

    /// Counts one wrong key from `address`.
    func recordFailure(from address: String, now: ContinuousClock.Instant = .now) {
        let address = Self.key(address)
        self.windows.withLock { windows in
            if var entry = windows[address], entry.start.advanced(by: self.window) > now {
                entry.failures += 1
                windows[address] = entry
            } else {
                windows[address] = Window(start: now, failures: 1)
            }
            if windows.count > self.capacity {
                windows = windows.filter { $0.value.start.advanced(by: self.window) > now }
            }
            if windows.count > self.capacity {
                // Still full of live windows: the oldest tenth go, never the ones at their limit, so
                // flooding the table cannot reset an attacker's count.
                let oldest = windows.filter { $0.value.failures < self.limit }.sorted {
                    $0.value.start < $1.value.start
                }
                for (key, _) in oldest.prefix(max(1, self.capacity / 10)) { windows[key] = nil }
            }
        }
    }
}
