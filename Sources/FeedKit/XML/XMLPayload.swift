import CFeedXML
public import Foundation
public import OCOPCatalog

/// API payloads in XML (Lazada's `<Request><Product>…</Product></Request>`), as JSON trees: written
/// through libxml2's `xmlTextWriter` (which escapes text) and read back through the safe reader.
///
/// An object's members become elements, an array repeats its member's element once per value, and a
/// string or number becomes text: `{"Images": {"Image": ["a", "b"]}}` is
/// `<Images><Image>a</Image><Image>b</Image></Images>`.
public enum XMLPayload {
    /// The document `<?xml version="1.0" encoding="UTF-8"?><root>…</root>` for `value`, on one line.
    public static func document(root: String, _ value: JSONValue) throws(FeedError) -> String {
        guard let writer = cfx_writer_open_memory() else {
            throw FeedError(.unwritable, "cannot start an XML payload (out of memory?)")
        }
        var failed = cfx_writer_start_document(writer) < 0
        func write(_ name: String, _ value: JSONValue) {
            if case .array(let values) = value {
                for element in values { write(name, element) }
                return
            }
            failed = failed || cfx_writer_start_element(writer, nil, name, nil) < 0
            switch value {
            case .object(let members): for (key, member) in members { write(key, member) }
            case .string(let text), .number(let text): failed = failed || cfx_writer_text(writer, text) < 0
            case .bool(let flag): failed = failed || cfx_writer_text(writer, flag ? "true" : "false") < 0
            case .null, .array: break
            }
            failed = failed || cfx_writer_end_element(writer) < 0
        }
        write(root, value)
        guard let document = cfx_writer_close_memory(writer), !failed else {
            throw FeedError(.unwritable, "cannot write the XML payload")
        }
        defer { free(document) }
        // One line, as payloads are usually shown and signed: no break after the declaration.
        return String(cString: document).trimmingCharacters(in: .newlines)
            .replacingOccurrences(of: "?>\n", with: "?>")
    }

    /// The root element's name and content of `data`: elements become object members (repeated ones, and
    /// those named in `arrays`, arrays), text-only elements strings.
    public static func parse(_ data: Data, arrays: Set<String> = [], file: String = "payload") throws(FeedError)
        -> (root: String, value: JSONValue)
    {
        let reader = try XMLReader(data: data, file: file)
        var stack: [(name: String, members: [(String, JSONValue)], text: String)] = []
        var root: (String, JSONValue)?
        func finish() {
            let frame = stack.removeLast()
            let value: JSONValue = frame.members.isEmpty ? .string(frame.text) : .object(frame.members)
            guard !stack.isEmpty else {
                root = (frame.name, value)
                return
            }
            var members = stack[stack.count - 1].members
            if let index = members.firstIndex(where: { $0.0 == frame.name }) {
                if case .array(let values) = members[index].1 {
                    members[index].1 = .array(values + [value])
                } else {
                    members[index].1 = .array([members[index].1, value])
                }
            } else {
                members.append((frame.name, arrays.contains(frame.name) ? .array([value]) : value))
            }
            stack[stack.count - 1].members = members
        }
        while let node = try reader.next() {
            switch node {
            case .start(let name, _, let isEmpty):
                stack.append((name, [], ""))
                if isEmpty { finish() }
            case .text(let text):
                if !stack.isEmpty { stack[stack.count - 1].text += text }
            case .end:
                if !stack.isEmpty { finish() }
            }
        }
        guard let root else { throw FeedError(.malformed, "\(file): no root element") }
        return root
    }
}
