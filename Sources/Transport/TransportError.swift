/// An error sending a request: the network, TLS, a timeout, or a response that says to give up.
public struct TransportError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What kind of failure this is. New codes can be added without breaking callers.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: Hashable, Sendable {
            case curl, timeout, connection, unanswered, cancelled, badRequest, refused
        }
        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// libcurl failed for another reason (its own code and text are in the message).
        public static let curl = Code(.curl)
        /// The transfer took longer than allowed.
        public static let timeout = Code(.timeout)
        /// The host could not be resolved or reached: the request never left.
        public static let connection = Code(.connection)
        /// The connection broke after the request was sent, before a whole answer came: the server may
        /// have acted on it.
        public static let unanswered = Code(.unanswered)
        /// The task was cancelled; the transfer was aborted.
        public static let cancelled = Code(.cancelled)
        /// The request itself cannot be sent (a bad URL, a scheme other than http(s)).
        public static let badRequest = Code(.badRequest)
        /// The server refused a file upload: wrong credentials or host key, no permission, an HTTP error.
        public static let refused = Code(.refused)

        public var description: String { "\(self.base)" }
    }

    /// What kind of failure this is.
    public var code: Code
    /// One line a person can act on; never a secret.
    public var message: String

    /// Creates an error.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// Whether sending again later may succeed (timeouts, connection failures, broken answers).
    public var isRetryable: Bool { [.timeout, .connection, .unanswered].contains(self.code) }

    /// Whether the server may have received and acted on the request (a timeout, a broken answer).
    public var mayHaveArrived: Bool { self.code == .timeout || self.code == .unanswered }

    public var description: String { self.message }
}
