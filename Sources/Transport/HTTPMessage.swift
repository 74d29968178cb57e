public import Foundation

/// An HTTP request: a value, so it can be signed, logged (redacted) and sent again unchanged.
public struct HTTPRequest: Hashable, Sendable {
    public var method: String
    public var url: URL
    /// Header fields in order; names as given.
    public var headers: [(name: String, value: String)]
    public var body: Data
    /// The longest the whole transfer may take.
    public var timeout: Duration
    /// Whether sending it twice does no more than sending it once. One that is not (a create without an
    /// idempotency key) is not sent again after a failure in which it may have arrived (a timeout, a broken
    /// answer); answers that say it was refused (429, 5xx) are still retried.
    public var isIdempotent = true
    /// The largest answer body taken; a longer one ends the transfer as soon as it is known to be longer.
    public var maximumResponseBytes: Int?
    /// The addresses the URL's host must be reached at (already checked, as `AddressPolicy` does), so the
    /// connection cannot go to another address a second name lookup would give; empty: looked up as usual.
    public var pinnedAddresses: [String] = []

    /// Creates a request.
    public init(
        method: String = "GET",
        url: URL,
        headers: [(name: String, value: String)] = [],
        body: Data = Data(),
        timeout: Duration = .seconds(30)
    ) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.timeout = timeout
    }

    public static func == (lhs: HTTPRequest, rhs: HTTPRequest) -> Bool {
        lhs.method == rhs.method && lhs.url == rhs.url && lhs.body == rhs.body && lhs.timeout == rhs.timeout
            && lhs.headers.elementsEqual(rhs.headers) { $0.name == $1.name && $0.value == $1.value }
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(self.method)
        hasher.combine(self.url)
        hasher.combine(self.body)
        for header in self.headers {
            hasher.combine(header.name)
            hasher.combine(header.value)
        }
    }
}

/// An HTTP response.
public struct HTTPResponse: Hashable, Sendable {
    public var status: Int
    /// Header fields in order, names lowercased.
    public var headers: [(name: String, value: String)]
    public var body: Data

    /// Creates a response.
    public init(status: Int, headers: [(name: String, value: String)] = [], body: Data = Data()) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The first value of header `name` (compared without case).
    public func header(_ name: String) -> String? {
        let lowercased = name.lowercased()
        return self.headers.first { $0.name == lowercased }?.value
    }

    public static func == (lhs: HTTPResponse, rhs: HTTPResponse) -> Bool {
        lhs.status == rhs.status && lhs.body == rhs.body
            && lhs.headers.elementsEqual(rhs.headers) { $0.name == $1.name && $0.value == $1.value }
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(self.status)
        hasher.combine(self.body)
    }
}

/// Something that sends HTTP requests: libcurl for real, a recording double in tests, a retrying or
/// rate-limited decorator around either.
public protocol HTTPClient: Sendable {
    /// Sends `request` and returns the response, whatever its status; throws only when no response came.
    func send(_ request: HTTPRequest) async throws(TransportError) -> HTTPResponse
    /// Sends the request `sign` makes, asking it again for every attempt, so each one carries its own
    /// timestamp, nonce and signature (a marketplace refuses a nonce it has seen, or an old timestamp).
    func send(signingEachAttempt sign: @Sendable () -> HTTPRequest) async throws(TransportError) -> HTTPResponse
}

extension HTTPClient {
    /// A client that sends once: one attempt, one signing.
    public func send(signingEachAttempt sign: @Sendable () -> HTTPRequest) async throws(TransportError)
        -> HTTPResponse
    {
        try await self.send(sign())
    }
}
