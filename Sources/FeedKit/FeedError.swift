/// An error reading or writing a feed file as a whole: it cannot be opened, it is hostile, it is not XML.
///
/// A feed whose items break rules is not an error: it is a ``ValidationReport``.
public struct FeedError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What kind of failure this is. New codes can be added without breaking callers.
    public struct Code: Hashable, Sendable {
        private enum Base: Hashable, Sendable { case unreadable, hostileXML, malformed, unwritable, mapping }
        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// The file cannot be opened or read.
        public static let unreadable = Code(.unreadable)
        /// The XML declares a DOCTYPE (external entities, entity expansion): refused unread.
        public static let hostileXML = Code(.hostileXML)
        /// The file is not well-formed XML or JSON, or not a feed of the expected shape.
        public static let malformed = Code(.malformed)
        /// The feed file cannot be written.
        public static let unwritable = Code(.unwritable)
        /// A mapping file (or the built-in one) is missing or wrong.
        public static let mapping = Code(.mapping)
    }

    /// What kind of failure this is.
    public var code: Code
    /// One line a person can act on.
    public var message: String

    /// Creates an error.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { self.message }
}

extension FeedError {
    /// A feed file with no item: an empty file, or one of blank lines. Uploading it would withdraw every item.
    static func noItems(_ file: String) -> FeedError {
        FeedError(.malformed, "\(file): the feed has no items (an empty file?)")
    }
}
