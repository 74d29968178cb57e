import CFeedXML
public import Foundation

/// Streams an XML document to a file through libxml2's `xmlTextWriter`, which escapes text and attributes.
///
/// The document is written to a temporary file beside the destination and renamed into place by
/// ``close()``, so a reader never sees half a feed. Dropping the writer without closing it removes the
/// temporary file and leaves the destination untouched. A class because it owns a C resource that must be
/// freed exactly once, whichever way the writer ends.
public final class XMLWriter {
    private var handle: OpaquePointer?
    private let temporary: URL
    private let destination: URL

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
        try self.check(cfx_writer_start_document(handle))
    }

    deinit {
        guard let handle = self.handle else { return }
        // Not closed: abandon the half-written file.
        _ = cfx_writer_close(handle)
        try? FileManager.default.removeItem(at: self.temporary)
    }

    private func open() throws(FeedError) -> OpaquePointer {
        guard let handle = self.handle else {
            throw FeedError(.unwritable, "\(self.destination.path): the feed was already closed")
        }
        return handle
    }

    private func check(_ result: Int32) throws(FeedError) {
        if result < 0 { throw FeedError(.unwritable, "\(self.destination.path): writing failed (disk full?)") }
    }

    /// Starts an element, declaring `namespace` for `prefix` when given.
    public func startElement(_ name: String, prefix: String? = nil, namespace: String? = nil) throws(FeedError) {
        try self.check(cfx_writer_start_element(try self.open(), prefix, name, namespace))
    }

    /// Writes an attribute of the element just started.
    public func attribute(_ name: String, _ value: String) throws(FeedError) {
        try self.check(cfx_writer_attribute(try self.open(), name, value))
    }

    /// Writes escaped text.
    public func text(_ text: String) throws(FeedError) {
        try self.check(cfx_writer_text(try self.open(), text))
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
