import CFeedXML

/// The nodes of one stretch of a stream (one chunk's worth), with their texts and the names first met in them.
/// Borrowed from the stream: valid until its reader parses on.
struct XMLNodeBatch {
    /// The nodes, names by the stream's index for them.
    let nodes: UnsafeBufferPointer<cfx_node>
    /// The names the stream numbered while reading this stretch, in the order of their numbers.
    let newNames: [String]
    fileprivate let text: UnsafeRawPointer

    init(nodes: UnsafeBufferPointer<cfx_node>, text: UnsafeRawPointer, newNames: [String]) {
        self.nodes = nodes
        self.text = text
        self.newNames = newNames
    }

    /// The text of one of the text nodes.
    func text(of node: cfx_node) -> String {
        let bytes = UnsafeRawBufferPointer(start: self.text + Int(node.offset), count: Int(node.length))
        return String(decoding: bytes, as: UTF8.self)
    }
}
