/// An error in the configuration file: one line naming the file, the key and what to do.
public struct ConfigurationError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What kind of failure this is.
    public struct Code: Hashable, Sendable {
        private enum Base: Hashable, Sendable { case unreadable, invalid, missingSecret }
        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// The file cannot be read, or is not YAML.
        public static let unreadable = Code(.unreadable)
        /// A key or value breaks the documented shape.
        public static let invalid = Code(.invalid)
        /// A value names an environment variable that is not set.
        public static let missingSecret = Code(.missingSecret)
    }

    /// What kind of failure this is.
    public var code: Code
    /// One line a person can act on; never a secret's value.
    public var message: String

    /// Creates an error.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { self.message }
}
