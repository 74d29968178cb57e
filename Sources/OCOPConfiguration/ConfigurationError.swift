public import Groundwork

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
    /// One line a person can act on, in each language; never a secret's value.
    public var text: LocalizedText

    /// The line in English.
    public var message: String { self.text.english }

    /// Creates an error whose words are the same in every language (a key's path, YAML's own message).
    public init(_ code: Code, _ message: String) {
        self.init(code, LocalizedText(verbatim: message))
    }

    /// Creates an error from the words of each language.
    public init(_ code: Code, _ text: LocalizedText) {
        self.code = code
        self.text = text
    }

    public var description: String { self.message }
}
