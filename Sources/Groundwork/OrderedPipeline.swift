import Dispatch

/// Overlaps two halves of a streaming job on two cores: the caller produces batches (reading a file or the
/// catalogue) while a background thread consumes them (checking, writing) in the order they were submitted,
/// through a `BoundedChannel`: at most `depth` batches wait, so memory stays bounded whatever the input's
/// size.
public final class OrderedPipeline: Sendable {
    private let channel: BoundedChannel<@Sendable () -> Void>
    private let consumed = DispatchSemaphore(value: 0)

    /// A pipeline whose consumer starts at once, `depth` batches at most waiting for it.
    public init(depth: Int = 4) {
        let channel = BoundedChannel<@Sendable () -> Void>(capacity: depth)
        let consumed = self.consumed
        self.channel = channel
        DispatchQueue(label: "ocop.pipeline").async {
            while let work = channel.receive() { work() }
            consumed.signal()
        }
    }

    /// Hands `batch` to `work` on the background thread; blocks while `depth` batches are already waiting.
    public func submit<Batch: Sendable>(_ batch: Batch, _ work: @escaping @Sendable (Batch) -> Void) {
        _ = self.channel.send { work(batch) }
    }

    /// Waits until every submitted batch has been consumed; nothing may be submitted after. Calling it again
    /// returns at once.
    public func finish() {
        self.channel.close()
        self.consumed.wait()
        self.consumed.signal()  // so that a second finish() does not wait for a consumer that has ended
    }

    /// Runs `produce` here, handing what it emits to `work` on a new pipeline in batches of `batchSize`,
    /// and returns once all of it has been consumed (also when `produce` throws).
    public static func run<Item: Sendable, Failure: Error>(
        batchSize: Int = 256,
        work: @escaping @Sendable ([Item]) -> Void,
        produce: (_ emit: (Item) -> Void) throws(Failure) -> Void
    ) throws(Failure) {
        let pipeline = OrderedPipeline()
        var batch: [Item] = []
        defer {
            pipeline.submit(batch, work)
            pipeline.finish()
        }
        try produce { item in
            batch.append(item)
            if batch.count == batchSize {
                pipeline.submit(batch, work)
                batch.removeAll(keepingCapacity: true)
            }
        }
    }
}

/// State that only the pipeline's consumer touches, handed across threads by reference.
public final class PipelineState<Value>: @unchecked Sendable {
    // @unchecked: `value` is read and written only by work running on one OrderedPipeline's consumer thread
    // (one at a time, in order), and by the submitting thread after `finish()` has returned, so accesses
    // never overlap.
    public var value: Value

    /// State starting at `value`.
    public init(_ value: Value) {
        self.value = value
    }
}
