public import Foundation
import Hummingbird
public import Logging
import NIOCore

/// `ocop serve`: the latest exported feed of each marketplace at a stable URL for scheduled fetches
/// (`/feeds/<marketplace>.xml` and `.jsonl`: per-feed key, `ETag`, `Last-Modified`, conditional GET,
/// gzip), the readiness page at `/`, and the run history at `/runs` (JSON).
public struct OCOPServer: Sendable {
    public let host: String
    public let port: Int
    /// The folder exports write to (`feeds/` beside `ocop.yaml` by default).
    public let feeds: URL
    public let access: FeedAccess
    /// The Basic password the readiness page and the run history ask for (user: the feed user); open when nil.
    public let pagePassword: String?
    private let page: @Sendable () async throws -> String
    private let runs: @Sendable () async throws -> Data
    private let logger: Logger

    /// Creates a server; `page` and `runs` are asked at each request, so they are always current.
    public init(
        host: String = "127.0.0.1",
        port: Int = 8080,
        feeds: URL,
        access: FeedAccess,
        pagePassword: String? = nil,
        logger: Logger = Logger(label: "ocop-serve"),
        page: @escaping @Sendable () async throws -> String,
        runs: @escaping @Sendable () async throws -> Data
    ) {
        self.host = host
        self.port = port
        self.feeds = feeds
        self.access = access
        self.pagePassword = pagePassword
        self.logger = logger
        self.page = page
        self.runs = runs
    }

    /// Serves until the task is cancelled; `started` is told the port once the server listens.
    public func run(started: @escaping @Sendable (Int) async -> Void) async throws {
        let router = Router()
        let page = self.page
        let runs = self.runs
        let feeds = self.feeds
        let access = self.access
        let compressed = CompressedFeeds()
        // The page and the history are one more "feed" as far as keys go: the page password opens them.
        let pageAccess = self.pagePassword.map { FeedAccess(user: access.user, keys: ["page": $0]) }
        router.get("/") { request, _ -> Response in
            if let refusal = Self.refusal(pageAccess, request) { return refusal }
            return Self.answer(200, Data(try await page().utf8), type: "text/html; charset=utf-8")
        }
        router.get("runs") { request, _ -> Response in
            if let refusal = Self.refusal(pageAccess, request) { return refusal }
            return Self.answer(200, try await runs(), type: "application/json")
        }
        router.get("feeds/:file") { request, context -> Response in
            let file = try context.parameters.require("file")
            return await Self.feed(file, request: request, folder: feeds, access: access, compressed: compressed)
        }
        let application = Application(
            router: router,
            configuration: .init(address: .hostname(self.host, port: self.port), serverName: "ocop-connect"),
            onServerRunning: { channel in await started(channel.localAddress?.port ?? 0) },
            logger: self.logger
        )
        try await application.run()
    }

    /// One feed fetch: the key, then the file, then the validators, then the encoding.
    static func feed(
        _ file: String,
        request: Request,
        folder: URL,
        access: FeedAccess,
        compressed: CompressedFeeds
    ) async -> Response {
        let parts = file.split(separator: ".", maxSplits: 1).map(String.init)
        guard parts.count == 2, ["xml", "jsonl"].contains(parts[1]), !parts[0].isEmpty,
            parts[0].allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") })
        else {
            return Self.answer(404, Data("no such feed\n".utf8), type: "text/plain; charset=utf-8")
        }
        if let refusal = Self.refusal(access, request, for: parts[0]) { return refusal }
        guard let feed = HostedFeed(url: folder.appending(path: file)) else {
            return Self.answer(
                404,
                Data("this feed has not been exported yet\n".utf8),
                type: "text/plain; charset=utf-8"
            )
        }
        let gzip = (request.headers[.acceptEncoding] ?? "").lowercased().contains("gzip")
        // The gzip version is another representation, so it has its own validator.
        let etag = gzip ? String(feed.etag.dropLast()) + "-gzip\"" : feed.etag
        var headers: HTTPFields = [
            .eTag: etag, .lastModified: HTTPDate.format(feed.modified), .vary: "Accept-Encoding",
            .cacheControl: "no-cache",
        ]
        if feed.isUnchanged(
            ifNoneMatch: request.headers[.ifNoneMatch],
            ifModifiedSince: request.headers[.ifModifiedSince],
            etag: etag
        ) {
            return Response(status: .notModified, headers: headers)
        }
        headers[.contentType] =
            parts[1] == "xml" ? "application/xml; charset=utf-8" : "application/x-ndjson; charset=utf-8"
        var body = feed.data
        if gzip, let packed = await compressed.gzip(feed, key: file) {
            body = packed
            headers[.contentEncoding] = "gzip"
        }
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
    }

    /// The 401 or 403 for a request `access` does not let through to `name`; `nil` when it may pass (or
    /// when there is no `access` at all).
    static func refusal(_ access: FeedAccess?, _ request: Request, for name: String = "page") -> Response? {
        guard let access else { return nil }
        switch access.decide(
            marketplace: name,
            authorization: request.headers[.authorization],
            queryKey: request.uri.queryParameters.get("key").map { String($0) }
        ) {
        case .allowed:
            return nil
        case .unauthenticated:
            var response = Self.answer(401, Data("credentials needed\n".utf8), type: "text/plain; charset=utf-8")
            response.headers[.wwwAuthenticate] = #"Basic realm="OCOP Connect", charset="UTF-8""#
            return response
        case .forbidden:
            return Self.answer(403, Data("wrong key\n".utf8), type: "text/plain; charset=utf-8")
        }
    }

    static func answer(_ status: Int, _ body: Data, type: String) -> Response {
        Response(
            status: HTTPResponse.Status(code: status),
            headers: [.contentType: type],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: body))
        )
    }
}

/// The gzip of each feed's current version, made once per version rather than once per fetch.
actor CompressedFeeds {
    private var entries: [String: (etag: String, data: Data)] = [:]

    func gzip(_ feed: HostedFeed, key: String) -> Data? {
        if let entry = self.entries[key], entry.etag == feed.etag { return entry.data }
        guard let packed = Gzip.compress(feed.data) else { return nil }
        self.entries[key] = (feed.etag, packed)
        return packed
    }
}
