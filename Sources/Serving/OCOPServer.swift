import FeedKit
public import Foundation
import Hummingbird
import HummingbirdCore
public import Logging
import NIOCore

/// `ocop serve`: the latest exported feed of each marketplace at a stable URL for scheduled fetches
/// (`/feeds/<marketplace>.xml` and `.jsonl`: per-feed key, `ETag`, `Last-Modified`, conditional GET, the gzip
/// copy written at export), the readiness pages at `/` and below, and the run history at `/runs` (JSON).
///
/// Built to stay up on the open internet: ``ServeLimits`` bound every connection, feeds are streamed from
/// their files, wrong keys are throttled per address, and each request leaves one ``AccessLog`` line.
public struct OCOPServer: Sendable {
    /// A readiness page: the path below `/` (`[]` for the first page) and the query give its HTML, or `nil`
    /// when there is no such page (404).
    public typealias Pages = @Sendable (_ path: [String], _ query: [String: String]) async throws -> String?

    public let host: String
    public let port: Int
    /// The folder exports write to (`feeds/` beside `ocop.yaml` by default).
    public let feeds: URL
    public let access: FeedAccess
    /// The Basic password the readiness pages and the run history ask for (user: the feed user); open when nil.
    public let pagePassword: String?
    public let limits: ServeLimits
    /// Proxies believed about the client address they forward (`X-Forwarded-For`).
    public let trustedProxies: [String]
    private let pages: Pages
    private let runs: @Sendable () async throws -> Data
    private let accessLog: AccessLog
    private let logger: Logger

    /// Creates a server; `pages` and `runs` are asked at each request (``ReadinessCache`` keeps pages cheap).
    public init(
        host: String = "127.0.0.1",
        port: Int = 8080,
        feeds: URL,
        access: FeedAccess,
        pagePassword: String? = nil,
        limits: ServeLimits = ServeLimits(),
        trustedProxies: [String] = [],
        accessLog: AccessLog = AccessLog { _ in },
        logger: Logger = Logger(label: "ocop-serve"),
        pages: @escaping Pages,
        runs: @escaping @Sendable () async throws -> Data
    ) {
        self.host = host
        self.port = port
        self.feeds = feeds
        self.access = access
        self.pagePassword = pagePassword
        self.limits = limits
        self.trustedProxies = trustedProxies
        self.accessLog = accessLog
        self.logger = logger
        self.pages = pages
        self.runs = runs
    }

    /// Serves until the task is cancelled; `started` is told the port once the server listens.
    public func run(started: @escaping @Sendable (Int) async -> Void) async throws {
        let router = Router(context: ServeRequestContext.self)
        let gate = Gate(
            feeds: self.access,
            // The pages and the history are one more "feed" as far as keys go: the page password opens them.
            page: self.pagePassword.map { FeedAccess(user: self.access.user, keys: ["page": $0]) },
            throttle: LoginThrottle(limit: self.limits.failedLoginsPerMinute)
        )
        let (pages, runs, feeds, log) = (self.pages, self.runs, self.feeds, self.accessLog)
        let clients = ClientAddress(trustedProxies: Set(self.trustedProxies))
        /// A route whose answer is logged; `answer` is given the request, its context and its client.
        func route(
            _ path: RouterPath,
            _ answer: @escaping @Sendable (Request, ServeRequestContext, String) async throws -> Answer
        ) {
            router.get(path) { request, context -> Response in
                let client = clients.of(request, peer: context.client)
                let answered = try await answer(request, context, client)
                log.record(
                    client: client,
                    method: request.method.rawValue,
                    path: request.uri.path,
                    status: answered.response.status.code,
                    bytes: answered.response.body.contentLength,
                    key: answered.key
                )
                return answered.response
            }
        }
        let page: @Sendable (Request, ServeRequestContext, String) async throws -> Answer = { request, _, client in
            if let refusal = gate.refusal(request, from: client, for: "page") { return Answer(refusal) }
            let path = request.uri.path.split(separator: "/").map { String($0).removingPercentEncoding ?? String($0) }
            let query = Self.formFields(request.uri.query)
            guard let html = try await pages(path, query) else {
                return Answer(Self.answer(404, "no such page\n", type: "text/plain; charset=utf-8"), key: "page")
            }
            return Answer(Self.answer(200, html, type: "text/html; charset=utf-8"), key: "page")
        }
        for path in ["/", "problems", "problems/:n", "marketplaces/:id", "products", "products/:code", "expiring"] {
            route(RouterPath(path), page)
        }
        route("runs") { request, _, client in
            if let refusal = gate.refusal(request, from: client, for: "page") { return Answer(refusal) }
            let body = try await runs()
            return Answer(
                Response(
                    status: .ok,
                    headers: [.contentType: "application/json"],
                    body: ResponseBody(byteBuffer: ByteBuffer(bytes: body))
                ),
                key: "page"
            )
        }
        route("feeds/:file") { request, context, client in
            let file = try context.parameters.require("file")
            return Self.feed(file, request: request, client: client, folder: feeds, gate: gate)
        }
        let connections = OpenConnections(limit: self.limits.maxConnections)
        let limits = self.limits
        let application = Application(
            router: router,
            server: HTTPServerBuilder { responder in
                GuardedHTTP1Channel(responder: responder, limits: limits, connections: connections)
            },
            configuration: .init(address: .hostname(self.host, port: self.port), serverName: "ocop-connect"),
            onServerRunning: { channel in await started(channel.localAddress?.port ?? 0) },
            logger: self.logger
        )
        try await application.run()
    }

    /// A response and the key that opened it (for the access log).
    struct Answer: Sendable {
        var response: Response
        var key: String?

        init(_ response: Response, key: String? = nil) {
            self.response = response
            self.key = key
        }
    }

    /// One feed fetch: the name, the key, then the file, then the validators, then the encoding.
    static func feed(
        _ file: String,
        request: Request,
        client: String,
        folder: URL,
        gate: Gate
    ) -> Answer {
        let parts = file.split(separator: ".", maxSplits: 1).map(String.init)
        guard parts.count == 2, ["xml", "jsonl"].contains(parts[1]), !parts[0].isEmpty,
            parts[0].allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") })
        else {
            return Answer(Self.answer(404, "no such feed\n", type: "text/plain; charset=utf-8"))
        }
        let marketplace = parts[0]
        if let refusal = gate.refusal(request, from: client, for: marketplace) { return Answer(refusal) }
        let acceptsGzip = Self.acceptsGzip(request.headers[.acceptEncoding])
        guard let feed = HostedFeed(url: folder.appending(path: file), acceptsGzip: acceptsGzip) else {
            return Answer(
                Self.answer(404, "this feed has not been exported yet\n", type: "text/plain; charset=utf-8"),
                key: marketplace
            )
        }
        var headers: HTTPFields = [
            .eTag: feed.etag, .lastModified: HTTPDate.format(feed.version.modified), .vary: "Accept-Encoding",
            .cacheControl: "no-cache",
        ]
        if feed.isUnchanged(
            ifNoneMatch: request.headers[.ifNoneMatch],
            ifModifiedSince: request.headers[.ifModifiedSince]
        ) {
            return Answer(Response(status: .notModified, headers: headers), key: marketplace)
        }
        headers[.contentType] =
            parts[1] == "xml" ? "application/xml; charset=utf-8" : "application/x-ndjson; charset=utf-8"
        if feed.isCompressed { headers[.contentEncoding] = "gzip" }
        return Answer(Response(status: .ok, headers: headers, body: feed.file.body()), key: marketplace)
    }

    /// Whether an `Accept-Encoding` takes gzip: named (or `*`) without `q=0` (RFC 9110 §12.5.3).
    static func acceptsGzip(_ header: String?) -> Bool {
        for coding in (header ?? "").lowercased().split(separator: ",") {
            let parts = coding.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let name = parts.first, name == "gzip" || name == "x-gzip" || name == "*" else { continue }
            let quality = parts.dropFirst().first { $0.hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) } ?? 1
            return quality > 0
        }
        return false
    }

    /// The fields of a query as HTML forms send them (`application/x-www-form-urlencoded`: `+` is a space,
    /// which Hummingbird's `queryParameters` leaves as it is).
    static func formFields(_ query: String?) -> [String: String] {
        func decode(_ text: Substring) -> String {
            let spaced = text.replacingOccurrences(of: "+", with: " ")
            return spaced.removingPercentEncoding ?? spaced
        }
        var fields: [String: String] = [:]
        for pair in (query ?? "").split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            fields[decode(parts[0])] = parts.count > 1 ? decode(parts[1]) : ""
        }
        return fields
    }

    static func answer(_ status: Int, _ text: String, type: String) -> Response {
        Response(
            status: HTTPResponse.Status(code: status),
            headers: [.contentType: type],
            body: ResponseBody(byteBuffer: ByteBuffer(string: text))
        )
    }
}
