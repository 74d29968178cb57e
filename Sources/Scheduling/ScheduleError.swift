/// A cron expression that cannot be used (a job's other settings are configuration errors).
public struct ScheduleError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What kind of failure this is. New codes can be added without breaking callers.
    public struct Code: Hashable, Sendable {
        private enum Base: Hashable, Sendable { case cron }
        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// A cron expression is malformed or never fires.
        public static let cron = Code(.cron)
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
