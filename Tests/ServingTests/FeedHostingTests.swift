import CGzip
import FeedKit
import Foundation
import Serving
import TestSupport
import Testing
import Transport

/// Inflates gzip data (zlib with the gzip wrapper), to check what the server sent.
func gunzip(_ data: Data) -> Data? {
    var stream = z_stream()
    guard inflateInit2_(&stream, 15 + 16, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else { return nil }
    defer { inflateEnd(&stream) }
    var output = Data()
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    let status = data.withUnsafeBytes { input -> Int32 in
        stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress?.assumingMemoryBound(to: Bytef.self))
        stream.avail_in = uInt(input.count)
        var status = Z_OK
        while status == Z_OK {
            status = chunk.withUnsafeMutableBytes { buffer in
                stream.next_out = buffer.baseAddress?.assumingMemoryBound(to: Bytef.self)
                stream.avail_out = uInt(buffer.count)
                return inflate(&stream, Z_NO_FLUSH)
            }
            output.append(contentsOf: chunk[0..<(chunk.count - Int(stream.avail_out))])
        }
        return status
    }
    return status == Z_STREAM_END ? output : nil
}

@Suite struct FeedAccessTests {
    let access = FeedAccess(user: "ocop", keys: ["google-merchant": "g-key-1", "meta-catalog": "m-key-2"])

    func basic(_ user: String, _ password: String) -> String {
        "Basic " + Data("\(user):\(password)".utf8).base64EncodedString()
    }

    @Test func eachFeedOpensOnlyWithItsOwnKey() {
        #expect(
            access.decide(marketplace: "google-merchant", authorization: basic("ocop", "g-key-1"), queryKey: nil)
                == .allowed
        )
        #expect(access.decide(marketplace: "google-merchant", authorization: nil, queryKey: "g-key-1") == .allowed)
        // Meta's key does not open Google's feed, nor does the right key under another user name
        #expect(
            access.decide(marketplace: "google-merchant", authorization: basic("ocop", "m-key-2"), queryKey: nil)
                == .forbidden
        )
        #expect(
            access.decide(marketplace: "google-merchant", authorization: basic("admin", "g-key-1"), queryKey: nil)
                == .forbidden
        )
        #expect(access.decide(marketplace: "google-merchant", authorization: nil, queryKey: "g-key-") == .forbidden)
        #expect(
            access.decide(marketplace: "google-merchant", authorization: "Bearer g-key-1", queryKey: nil) == .forbidden
        )
        #expect(access.decide(marketplace: "google-merchant", authorization: nil, queryKey: nil) == .unauthenticated)
        // A feed without a key is never served
        #expect(access.decide(marketplace: "tiki", authorization: basic("ocop", ""), queryKey: nil) == .notServed)
        #expect(access.decide(marketplace: "tiki", authorization: nil, queryKey: nil) == .notServed)
    }
}

@Suite(.timeLimit(.minutes(1))) struct FeedServerTests {
    let folder: TemporaryFolder
    let feed = Data(
        ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss><channel><title>Cà phê Buôn Ma Thuột</title>"
            + String(repeating: "<item><g:id>KC-CHON-250</g:id></item>", count: 2000) + "</channel></rss>\n").utf8
    )

    init() throws {
        self.folder = try TemporaryFolder()
        try self.feed.write(to: self.folder.url.appending(path: "google-merchant.xml"))
    }

    func withServer<T: Sendable>(
        pagePassword: String? = nil,
        limits: ServeLimits = ServeLimits(),
        trustedProxies: [String] = [],
        accessLog: AccessLog = AccessLog { _ in },
        _ body: @Sendable (URL) async throws -> T
    ) async throws -> T {
        let server = OCOPServer(
            port: 0,
            feeds: self.folder.url,
            access: FeedAccess(user: "ocop", keys: ["google-merchant": "g-key-1"]),
            pagePassword: pagePassword,
            limits: limits,
            trustedProxies: trustedProxies,
            accessLog: accessLog,
            pages: { path, _ in path.isEmpty ? "<!doctype html><title>ok</title>" : nil },
            runs: { Data("[]".utf8) }
        )
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        return try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask {
                try await server.run { continuation.yield($0) }
                return nil
            }
            var iterator = ports.makeAsyncIterator()
            guard let port = await iterator.next() else { throw CancellationError() }
            let result = try await body(URL(string: "http://127.0.0.1:\(port)")!)
            group.cancelAll()
            return result
        }
    }

    func get(_ url: URL, _ headers: [(name: String, value: String)] = []) async throws -> HTTPResponse {
        try await CurlClient().send(HTTPRequest(url: url, headers: headers))
    }

    @Test func theRightKeyGetsTheFeedAWrongOne403AndARepeatWithItsETag304() async throws {
        let authorization = ("Authorization", "Basic " + Data("ocop:g-key-1".utf8).base64EncodedString())
        let (first, wrong, none, repeated, missing) = try await self.withServer { base in
            let url = base.appending(path: "feeds/google-merchant.xml")
            let first = try await self.get(url, [authorization])
            let wrong = try await self.get(
                url,
                [("Authorization", "Basic " + Data("ocop:nope".utf8).base64EncodedString())]
            )
            let none = try await self.get(url)
            let repeated = try await self.get(url, [authorization, ("If-None-Match", first.header("etag") ?? "")])
            let missing = try await self.get(base.appending(path: "feeds/google-merchant.jsonl"), [authorization])
            return (first, wrong, none, repeated, missing)
        }
        #expect(first.status == 200 && first.body == self.feed)
        #expect(first.header("content-type") == "application/xml; charset=utf-8")
        #expect(first.header("last-modified")?.hasSuffix("GMT") == true)
        #expect(wrong.status == 403)
        #expect(none.status == 401 && none.header("www-authenticate")?.hasPrefix("Basic") == true)
        #expect(repeated.status == 304 && repeated.body.isEmpty)
        #expect(missing.status == 404)
    }

    @Test func thePageIsOpenUnlessAPagePasswordIsSetAndThenNeedsIt() async throws {
        let open = try await self.withServer { base in try await self.get(base) }
        let basic = ("Authorization", "Basic " + Data("ocop:page-pw".utf8).base64EncodedString())
        let (none, wrong, right, runs) = try await self.withServer(pagePassword: "page-pw") { base in
            (
                try await self.get(base),
                try await self.get(
                    base,
                    [("Authorization", "Basic " + Data("ocop:g-key-1".utf8).base64EncodedString())]
                ),
                try await self.get(base, [basic]), try await self.get(base.appending(path: "runs"), [basic])
            )
        }
        #expect(open.status == 200)
        #expect(none.status == 401 && wrong.status == 403)  // a feed key does not open the page
        #expect(right.status == 200 && String(decoding: right.body, as: UTF8.self).contains("<title>ok</title>"))
        #expect(runs.status == 200 && runs.body == Data("[]".utf8))
    }

    @Test func aFetcherThatAcceptsGzipGetsTheCopyWrittenAtExportAndOnlyWhileItIsOfThisVersion() async throws {
        let url = self.folder.url.appending(path: "google-merchant.xml")
        let version = try #require(FileVersion(path: url.path))
        try CompressedCopy.write(of: url, version: version, as: url)
        let newFeed = Data("<?xml version=\"1.0\"?><rss><channel><title>new</title></channel></rss>\n".utf8)
        let (compressed, plain, stale) = try await self.withServer { base in
            let feed = base.appending(path: "feeds/google-merchant.xml").appending(queryItems: [
                .init(name: "key", value: "g-key-1")
            ])
            let compressed = try await self.get(feed, [("Accept-Encoding", "gzip")])
            let plain = try await self.get(feed)
            // A new export renamed into place before its copy was written: the old copy is not handed out
            let temporary = self.folder.url.appending(path: ".google-merchant.xml.new.tmp")
            try newFeed.write(to: temporary)
            #expect(rename(temporary.path, url.path) == 0)
            let stale = try await self.get(feed, [("Accept-Encoding", "gzip")])
            return (compressed, plain, stale)
        }
        #expect(compressed.header("content-encoding") == "gzip")
        #expect(compressed.body.count < self.feed.count / 10)
        #expect(gunzip(compressed.body) == self.feed)
        #expect(compressed.header("etag") == "\"\(version)-gzip\"" && plain.header("etag") == "\"\(version)\"")
        #expect(plain.header("content-encoding") == nil && plain.body == self.feed)
        #expect(stale.header("content-encoding") == nil && stale.body == newFeed)
    }

    @Test func whileANewFeedIsWrittenThePreviousCompleteOneIsServed() async throws {
        let key = [("Authorization", "Basic " + Data("ocop:g-key-1".utf8).base64EncodedString())]
        let newFeed = Data("<?xml version=\"1.0\"?><rss><channel><title>new</title></channel></rss>\n".utf8)
        let (during, after, before) = try await self.withServer { base in
            let url = base.appending(path: "feeds/google-merchant.xml")
            let before = try await self.get(url, key)
            // An export under way writes a temporary sibling, half done
            let temporary = self.folder.url.appending(path: ".google-merchant.xml.\(UUID().uuidString).tmp")
            try newFeed.prefix(20).write(to: temporary)
            let during = try await self.get(url, key)
            // and renames it into place when complete
            try newFeed.write(to: temporary)
            #expect(rename(temporary.path, self.folder.url.appending(path: "google-merchant.xml").path) == 0)
            let after = try await self.get(url, key + [("If-None-Match", before.header("etag") ?? "")])
            return (during, after, before)
        }
        #expect(during.body == self.feed)
        #expect(during.header("etag") == before.header("etag"))
        #expect(after.status == 200 && after.body == newFeed)
        #expect(after.header("etag") != before.header("etag"))
    }
}
