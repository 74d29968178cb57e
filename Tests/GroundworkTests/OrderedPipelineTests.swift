import Groundwork
import Synchronization
import Testing

@Suite struct OrderedPipelineTests {
    @Test func batchesAreConsumedInOrderAndFinishingTwiceReturns() {
        let seen = Mutex<[Int]>([])
        let pipeline = OrderedPipeline(depth: 2)
        for batch in 0..<50 { pipeline.submit(batch) { value in seen.withLock { $0.append(value) } } }
        pipeline.finish()
        pipeline.finish()  // returns at once: nothing waits for the consumer that has ended
        #expect(seen.withLock { $0 } == Array(0..<50))
    }

    @Test func aChannelClosedByItsProducerTakesNoMore() {
        let channel = BoundedChannel<Int>(capacity: 2)
        #expect(channel.send(1))
        channel.close()
        #expect(!channel.send(2))
        #expect(channel.receive() == 1 && channel.receive() == nil)
    }
}
