import CFeedXML
public import Foundation

/// A compiled XSD, shared read-only by every validation that uses it (libxml2 allows concurrent validations
/// against one compiled schema, each with its own validation context).
public final class XMLSchema: @unchecked Sendable {
    // @unchecked: the compiled schema is never mutated after `init`, and each reader makes its own
    // validation context from it.
    let handle: OpaquePointer

    /// Compiles the schema at `url`.
    public init(url: URL) throws(FeedError) {
        var message = [CChar](repeating: 0, count: 512)
        guard let handle = cfx_schema_load(url.path, &message, message.count) else {
            let reason = String(decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            throw FeedError(.mapping, "\(url.lastPathComponent): the schema does not compile: \(reason)")
        }
        self.handle = handle
    }

    deinit {
        cfx_schema_free(self.handle)
    }
}
