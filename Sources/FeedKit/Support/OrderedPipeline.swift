import Dispatch

/// Overlaps two halves of a streaming job on two cores: the caller produces batches (reading a file or the
/// catalogue) while a serial background queue consumes them (checking, writing) in the order they were
/// submitted. At most `depth` batches wait, so memory stays bounded whatever the input's size.
final class OrderedPipeline: Sendable {
    private let queue = DispatchQueue(label: "ocop.feedkit.pipeline")
    private let slots: DispatchSemaphore

    init(depth: Int = 4) {
        self.slots = DispatchSemaphore(value: depth)
    }

    /// Hands `batch` to `work` on the background queue; blocks while `depth` batches are already waiting.
    func submit<Batch: Sendable>(_ batch: Batch, _ work: @escaping @Sendable (Batch) -> Void) {
        self.slots.wait()
        self.queue.async {
            work(batch)
            self.slots.signal()
        }
    }

    /// Waits until every submitted batch has been consumed.
    func finish() {
        self.queue.sync {}
    }

    /// Runs `produce` here, handing what it emits to `work` on a new pipeline in batches of `batchSize`,
    /// and returns once all of it has been consumed (also when `produce` throws).
    static func run<Item: Sendable, Failure: Error>(
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

/// State that only the pipeline's serial queue touches, handed across threads by reference.
final class PipelineState<Value>: @unchecked Sendable {
    // @unchecked: `value` is read and written only by work running on one OrderedPipeline's serial queue,
    // and by the submitting thread after `finish()` has returned, so accesses never overlap.
    var value: Value

    init(_ value: Value) {
        self.value = value
    }
}
