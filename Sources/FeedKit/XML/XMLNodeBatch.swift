import CFeedXML

/// The nodes of one stretch of a stream, handed over whole with their texts and the names first met in them:
/// what another thread needs to read them while the stream parses on.
final class XMLNodeBatch: @unchecked Sendable {
    // @unchecked: nothing changes after `init`; the buffers are this object's alone (freed in `deinit`) and only
    // read.
    /// The nodes, names by the stream's index for them.
    let nodes: UnsafeBufferPointer<cfx_node>
    /// The names the stream numbered while reading this stretch, in the order of their numbers.
    let newNames: [String]
    private let batch: cfx_batch

    init(_ batch: cfx_batch, newNames: [String]) {
        self.batch = batch
        self.nodes = UnsafeBufferPointer(start: batch.nodes, count: Int(batch.count))
        self.newNames = newNames
    }

    deinit {
        cfx_batch_free(self.batch)
    }

    /// The text of one of the text nodes.
    func text(of node: cfx_node) -> String {
        guard let text = UnsafeRawPointer(self.batch.text) else { return "" }
        let bytes = UnsafeRawBufferPointer(start: text + Int(node.offset), count: Int(node.length))
        return String(decoding: bytes, as: UTF8.self)
    }
}
