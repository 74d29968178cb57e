public import Groundwork

/// An error that stops a publish run as a whole (item failures are outcomes, not errors).
public struct PublishingError: Error, Hashable, CustomStringConvertible {
    /// What kind of failure this is. New codes can be added without breaking callers.
    public struct Code: Hashable, Sendable {
        private enum Base: Hashable, Sendable { case massDelete, leaseHeld, unreachable, account, database }
        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// The run would delete more than the allowed share of the marketplace's listings.
        public static let massDelete = Code(.massDelete)
        /// Another run holds this marketplace.
        public static let leaseHeld = Code(.leaseHeld)
        /// The marketplace could not be reached, even after retries.
        public static let unreachable = Code(.unreachable)
        /// The account settings are missing something (an endpoint, a credential).
        public static let account = Code(.account)
        /// The ledger could not be read or written.
        public static let database = Code(.database)
    }

    /// What kind of failure this is.
    public var code: Code
    /// One line a person can act on, in each language; never a secret.
    public var text: LocalizedText
    /// What went wrong underneath (the transport's error, the database's), kept for logs and callers.
    public var underlying: (any Error)?

    /// The line in English.
    public var message: String { self.text.english }

    /// Creates an error whose words are the same in every language (a marketplace's own answer), keeping its
    /// `underlying` cause.
    public init(_ code: Code, _ message: String, underlying: (any Error)? = nil) {
        self.init(code, LocalizedText(verbatim: message), underlying: underlying)
    }

    /// Creates an error from the words of each language, keeping its `underlying` cause.
    public init(_ code: Code, _ text: LocalizedText, underlying: (any Error)? = nil) {
        self.code = code
        self.text = text
        self.underlying = underlying
    }

    /// Errors are the same when they say the same thing, whatever their causes.
    public static func == (lhs: PublishingError, rhs: PublishingError) -> Bool {
        lhs.code == rhs.code && lhs.message == rhs.message
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(self.code)
        hasher.combine(self.message)
    }

    public var description: String { self.message }
}
