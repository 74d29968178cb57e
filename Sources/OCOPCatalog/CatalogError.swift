public import Groundwork

/// An error from the catalogue: unreadable or invalid input, or a database that cannot be used.
///
/// Match on ``code``; ``message`` is one line a person can act on. An import that finds bad rows throws one
/// error whose ``problems`` name each of them as `file:line: column: reason`.
public struct CatalogError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What kind of failure this is. New codes can be added without breaking callers.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: Hashable, Sendable {
            case invalidInput, unreadableFile, database, notFound
        }
        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// The input data breaks a rule of the catalogue (a bad row, a bad value, a bad file).
        public static let invalidInput = Code(.invalidInput)
        /// A file could not be opened or read.
        public static let unreadableFile = Code(.unreadableFile)
        /// The catalogue database could not be opened, migrated or written.
        public static let database = Code(.database)
        /// A product that was asked for is not in the catalogue.
        public static let notFound = Code(.notFound)

        public var description: String { "\(self.base)" }
    }

    /// What kind of failure this is.
    public var code: Code
    /// One line a person can act on, in each language.
    public var text: LocalizedText
    /// For an import: every bad row found, each one line (`file:line: heading: reason`), in each language.
    public var problemTexts: [LocalizedText]

    /// Creates an error whose words are the same in every language (a path, a library's own message).
    public init(_ code: Code, _ message: String, problems: [String] = []) {
        self.init(code, LocalizedText(verbatim: message), problems: problems.map(LocalizedText.init(verbatim:)))
    }

    /// Creates an error from the message catalogue.
    public init(_ code: Code, _ text: LocalizedText, problems: [LocalizedText] = []) {
        self.code = code
        self.text = text
        self.problemTexts = problems
    }

    /// The message in English.
    public var message: String { self.text.english }
    /// The problems in English.
    public var problems: [String] { self.problemTexts.map(\.english) }

    public var description: String { self.message }
}
