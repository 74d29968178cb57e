public import FeedKit
import Foundation
import Groundwork

/// The listings a run will send, built once at planning and kept on disk in plan order, so that a run of a
/// million changes holds their codes and hashes in memory, not a million listings. Written once (`append`)
/// while the plan is made, then read once in the same order (`next`) while it is sent; the file goes when
/// the spool does.
public final class ListingSpool {
    private let url: URL
    private let output: FileHandle
    private var pending = Data()
    private var input: FileHandle?
    private var buffer: [UInt8] = []
    /// Where the next line starts in `buffer`.
    private var offset = 0
    private var reachedEnd = false

    /// A new, empty spool in the temporary folder.
    public init() throws {
        self.url = FileManager.default.temporaryDirectory.appending(path: "ocop-plan-\(UUID().uuidString).jsonl")
        guard FileManager.default.createFile(atPath: self.url.path, contents: nil) else {
            throw PublishingError(
                .database,
                "could not create the run's plan file in \(self.url.deletingLastPathComponent().path)"
            )
        }
        self.output = try FileHandle(forWritingTo: self.url)
    }

    deinit {
        try? self.output.close()
        try? self.input?.close()
        try? FileManager.default.removeItem(at: self.url)
    }

    /// Keeps `listing` as the next one to be read back.
    public func append(_ listing: Listing) throws {
        self.pending.append(contentsOf: Self.encode(listing).serialized.utf8)
        self.pending.append(UInt8(ascii: "\n"))
        if self.pending.count >= 1 << 20 { try self.flush() }
    }

    /// The next listing, in the order they were appended; `nil` after the last.
    public func next() throws -> Listing? {
        if self.input == nil {
            try self.flush()
            self.input = try FileHandle(forReadingFrom: self.url)
        }
        while true {
            if let newline = self.buffer[self.offset...].firstIndex(of: UInt8(ascii: "\n")) {
                let line = Data(self.buffer[self.offset..<newline])
                self.offset = newline + 1
                return try Self.decode(JSONValue.parse(line))
            }
            guard !self.reachedEnd, let chunk = try self.input?.read(upToCount: 1 << 20), !chunk.isEmpty else {
                self.reachedEnd = true
                return nil
            }
            // Keep only the unread part, then add the new chunk: each byte is copied once or twice, not per line.
            self.buffer.removeFirst(self.offset)
            self.offset = 0
            self.buffer.append(contentsOf: chunk)
        }
    }

    private func flush() throws {
        guard !self.pending.isEmpty else { return }
        try self.output.write(contentsOf: self.pending)
        self.pending.removeAll(keepingCapacity: true)
    }

    /// `{"id": …, "attributes": [[name, text], [name, [[…]]]]}`: exactly the listing, order and repeats kept.
    static func encode(_ listing: Listing) -> JSONValue {
        .object([("id", .string(listing.id)), ("attributes", Self.encode(listing.attributes))])
    }

    private static func encode(_ attributes: [Attribute]) -> JSONValue {
        .array(
            attributes.map { attribute in
                switch attribute.value {
                case .text(let text): .array([.string(attribute.name), .string(text)])
                case .group(let group): .array([.string(attribute.name), Self.encode(group)])
                }
            }
        )
    }

    static func decode(_ value: JSONValue) throws -> Listing {
        guard let id = value["id"]?.text, let attributes = value["attributes"] else {
            throw PublishingError(.database, "the run's plan file is damaged")
        }
        return Listing(id: id, attributes: try Self.decode(attributes: attributes))
    }

    private static func decode(attributes value: JSONValue) throws -> [Attribute] {
        try value.elements.map { pair in
            guard let name = pair[0]?.text, let content = pair[1] else {
                throw PublishingError(.database, "the run's plan file is damaged")
            }
            if case .array = content { return Attribute(name, .group(try Self.decode(attributes: content))) }
            return Attribute(name, .text(content.text ?? ""))
        }
    }
}
