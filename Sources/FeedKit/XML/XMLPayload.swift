public import Foundation
public import Groundwork
import OCOPCatalog

/// API payloads in XML (such as `<Request><Product>…</Product></Request>`), as JSON trees: written
/// through libxml2's `xmlTextWriter` (which escapes text) and read back through the safe reader.
///
/// An object's members become elements, an array repeats its member's element once per value, and a
/// string or number becomes text: `{"Images": {"Image": ["a", "b"]}}` is
/// `<Images><Image>a</Image><Image>b</Image></Images>`.
public enum XMLPayload {
    /// The document `<?xml version="1.0" encoding="UTF-8"?><root>…</root>` for `value`, on one line.
    public static func document(root: String, _ value: JSONValue) throws(FeedError) -> String {
        let writer = try XMLWriter()
        try writer.element(root, json: value)
        // One line, as payloads are usually shown and signed: no break after the declaration.
        return try writer.closeDocument().trimmingCharacters(in: .newlines).replacingOccurrences(of: "?>\n", with: "?>")
    }

    /// The root element's name and content of `data`: elements become object members (repeated ones, and
    /// those named in `arrays`, arrays), text-only elements strings.
    public static func parse(_ data: Data, arrays: Set<String> = [], file: String = "payload") throws(FeedError)
        -> (root: String, value: JSONValue)
    {
        var reader = try XMLReader(data: data, file: file)
        var tree = JSONTreeBuilder(arrays: arrays)
        while let node = try reader.next() {
            if let root = tree.take(node) { return root }
        }
        throw FeedError(.malformed, "\(file): no root element")
    }
}

/// Builds a JSON tree from the nodes of one element, as `XMLPayload` maps them.
struct JSONTreeBuilder {
    let arrays: Set<String>
    private var stack: [(name: String, members: [(String, JSONValue)], text: String)] = []

    init(arrays: Set<String>) {
        self.arrays = arrays
    }

    /// Takes the next node; the element's name and tree once its end has been read.
    mutating func take(_ node: XMLReader.Node) -> (root: String, value: JSONValue)? {
        switch node {
        case .start(let name, _, let isEmpty):
            self.stack.append((name, [], ""))
            return isEmpty ? self.finish() : nil
        case .text(let text):
            if !self.stack.isEmpty { self.stack[self.stack.count - 1].text += text }
            return nil
        case .end:
            return self.stack.isEmpty ? nil : self.finish()
        }
    }

    private mutating func finish() -> (root: String, value: JSONValue)? {
        let frame = self.stack.removeLast()
        let value: JSONValue = frame.members.isEmpty ? .string(frame.text) : .object(frame.members)
        guard !self.stack.isEmpty else { return (frame.name, value) }
        var members = self.stack[self.stack.count - 1].members
        if let index = members.firstIndex(where: { $0.0 == frame.name }) {
            if case .array(let values) = members[index].1 {
                members[index].1 = .array(values + [value])
            } else {
                members[index].1 = .array([members[index].1, value])
            }
        } else {
            members.append((frame.name, self.arrays.contains(frame.name) ? .array([value]) : value))
        }
        self.stack[self.stack.count - 1].members = members
        return nil
    }
}
