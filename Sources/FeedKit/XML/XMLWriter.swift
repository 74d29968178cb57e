import CFeedXML
public import Foundation
public import Groundwork
import OCOPCatalog

/// Streams an XML document to a file through libxml2's `xmlTextWriter`, which escapes text and attributes.
///
/// The document is written to a temporary file beside the destination and renamed into place by
/// ``close()``, so a reader never sees half a feed. Dropping the writer without closing it removes the
/// temporary file and leaves the destination untouched. A class because it owns a C resource that must be
/// freed exactly once, whichever way the writer ends.
///
/// Without a destination it writes to memory, unindented, and ``closeDocument()`` returns the text (API
/// payloads).
public final class XMLWriter {
    private var handle: OpaquePointer?
    private let temporary: URL
    private let destination: URL
    private let inMemory: Bool

    /// Opens a writer for `destination` and writes the XML declaration.
    public init(destination: URL) throws(FeedError) {
        let temporary = destination.deletingLastPathComponent()
            .appending(path: ".\(destination.lastPathComponent).\(UUID().uuidString).tmp")
        guard let handle = cfx_writer_open(temporary.path) else {
            throw FeedError(.unwritable, "\(destination.path): cannot write here")
        }
        self.handle = handle
        self.temporary = temporary
        self.destination = destination
        self.inMemory = false
        try self.check(cfx_writer_start_document(handle))
    }

    /// Opens a writer on memory and writes the XML declaration.
    public init() throws(FeedError) {
        guard let handle = cfx_writer_open_memory() else {
            throw FeedError(.unwritable, "cannot start an XML document in memory")
        }
        self.handle = handle
        self.temporary = URL(fileURLWithPath: "/dev/null")
        self.destination = self.temporary
        self.inMemory = true
        try self.check(cfx_writer_start_document(handle))
    }

    deinit {
        guard let handle = self.handle else { return }
        if self.inMemory {
            free(cfx_writer_close_memory(handle))
            return
        }
        // Not closed: abandon the half-written file.
        _ = cfx_writer_close(handle)
        try? FileManager.default.removeItem(at: self.temporary)
    }

    /// Ends an in-memory document and returns it.
    public func closeDocument() throws(FeedError) -> String {
        let handle = try self.open()
        self.handle = nil
        guard self.inMemory, let document = cfx_writer_close_memory(handle) else {
            throw FeedError(.unwritable, "the XML document could not be finished")
        }
        defer { free(document) }
        return String(cString: document)
    }

    /// Writes `value` as the element `name`: an object's members become child elements, an array repeats
    /// the element once per value, a string, number or boolean becomes text.
    public func element(_ name: String, json value: JSONValue) throws(FeedError) {
        switch value {
        case .array(let values):
            for element in values { try self.element(name, json: element) }
        case .object(let members):
            try self.startElement(name)
            for (key, member) in members { try self.element(key, json: member) }
            try self.endElement()
        case .string(let text), .number(let text): try self.element(name, text: text)
        case .bool(let flag): try self.element(name, text: flag ? "true" : "false")
        case .null:
            try self.startElement(name)
            try self.endElement()
        }
    }

    private func open() throws(FeedError) -> OpaquePointer {
        guard let handle = self.handle else {
            throw FeedError(.unwritable, "\(self.destination.path): the feed was already closed")
        }
        return handle
    }

    private func check(_ result: Int32) throws(FeedError) {
        if result < 0 {
            throw FeedError(
                .unwritable,
                self.inMemory ? "writing XML failed" : "\(self.destination.path): writing failed (disk full?)"
            )
        }
    }

    /// Starts an element, declaring `namespace` for `prefix` when given.
    public func startElement(_ name: String, prefix: String? = nil, namespace: String? = nil) throws(FeedError) {
        try self.check(cfx_writer_start_element(try self.open(), prefix, name, namespace))
    }

    /// Writes an attribute of the element just started.
    public func attribute(_ name: String, _ value: String) throws(FeedError) {
        try Self.refuseWhatXMLCannotCarry(value)
        try self.check(cfx_writer_attribute(try self.open(), name, value))
    }

    /// Writes escaped text.
    public func text(_ text: String) throws(FeedError) {
        try Self.refuseWhatXMLCannotCarry(text)
        try self.check(cfx_writer_text(try self.open(), text))
    }

    /// Throws for a character outside XML 1.0's `Char` (§2.2: C0 controls but tab and line breaks, U+FFFE,
    /// U+FFFF): libxml2 would write it, and the feed would not be XML.
    private static func refuseWhatXMLCannotCarry(_ text: String) throws(FeedError) {
        // Such a character is a byte below 0x20 (but tab and line breaks) or starts with 0xEF (U+FFFE, U+FFFF);
        // text without those, nearly every value, needs no scalar-by-scalar look.
        let clean = text.utf8.withContiguousStorageIfAvailable { bytes in
            bytes.allSatisfy { $0 >= 0x20 ? $0 != 0xEF : $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
        }
        if clean == true { return }
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x09, 0x0A, 0x0D, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: continue
            default:
                let start = text.prefix(40).unicodeScalars.filter { $0.value >= 0x20 }
                throw FeedError(
                    .malformed,
                    "\"\(String(String.UnicodeScalarView(start)))…\" has \(scalar.codePoint), which XML cannot carry; fix it in the catalogue"
                )
            }
        }
    }

    /// Ends the innermost open element.
    public func endElement() throws(FeedError) {
        try self.check(cfx_writer_end_element(try self.open()))
    }

    /// `<prefix:name>text</prefix:name>`.
    public func element(_ name: String, prefix: String? = nil, text: String) throws(FeedError) {
        try self.startElement(name, prefix: prefix)
        try self.text(text)
        try self.endElement()
    }

    /// Ends the document, flushes it and renames it into place.
    public func close() throws(FeedError) {
        let handle = try self.open()
        let temporary = self.temporary
        let destination = self.destination
        self.handle = nil
        guard cfx_writer_close(handle) == 0 else {
            try? FileManager.default.removeItem(at: temporary)
            throw FeedError(.unwritable, "\(destination.path): writing failed (disk full?)")
        }
        try moveIntoPlace(temporary, destination)
    }
}
