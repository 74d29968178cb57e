import Foundation

/// Hands values from one thread to another in order, holding at most `capacity` of them, so a fast
/// producer waits for a slow consumer instead of filling memory: the one bounded producer/consumer
/// primitive (`OrderedPipeline` is a consumer thread reading one).
public final class BoundedChannel<Value: Sendable>: @unchecked Sendable {
    // @unchecked: every stored property below is read and written only while holding `condition`.
    private let condition = NSCondition()
    private var buffer: [Value] = []
    private let capacity: Int
    private var closed = false
    private var cancelled = false

    /// A channel holding at most `capacity` values.
    public init(capacity: Int) {
        self.capacity = capacity
    }

    /// Adds `value`, waiting while the channel is full; `false` when the consumer has cancelled or the
    /// producer has already closed the channel.
    public func send(_ value: Value) -> Bool {
        self.condition.lock()
        defer { self.condition.unlock() }
        while self.buffer.count >= self.capacity && !self.cancelled { self.condition.wait() }
        guard !self.cancelled, !self.closed else { return false }
        self.buffer.append(value)
        self.condition.broadcast()
        return true
    }

    /// The producer is done: `receive()` returns `nil` once the buffer is empty.
    public func close() {
        self.condition.lock()
        self.closed = true
        self.condition.broadcast()
        self.condition.unlock()
    }

    /// The consumer gives up: pending and future values are dropped and `send` returns `false`.
    public func cancel() {
        self.condition.lock()
        self.cancelled = true
        self.buffer.removeAll()
        self.condition.broadcast()
        self.condition.unlock()
    }

    /// The next value, waiting for one; `nil` when the producer has closed and everything was received.
    public func receive() -> Value? {
        self.condition.lock()
        defer { self.condition.unlock() }
        while self.buffer.isEmpty && !self.closed { self.condition.wait() }
        guard !self.buffer.isEmpty else { return nil }
        self.condition.broadcast()
        return self.buffer.removeFirst()
    }

    /// Waits until the producer has closed (after a cancel, so that it has let go of its files).
    public func waitUntilClosed() {
        self.condition.lock()
        while !self.closed { self.condition.wait() }
        self.condition.unlock()
    }
}
