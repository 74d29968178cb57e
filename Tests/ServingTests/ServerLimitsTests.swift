import Foundation
import Serving
import Synchronization
import TestSupport
import Testing
import Transport

/// A bare TCP connection to the server under test, for clients no HTTP library would be: silent, slow, many.
final class RawConnection: @unchecked Sendable {
    let socket: Int32

    init(port: Int) throws {
        self.socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(self.socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else { throw POSIXError(.ECONNREFUSED) }
        // A test never waits more than this for the server.
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(self.socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    deinit { close(self.socket) }

    /// Sends `text`; `false` once the server has closed the connection.
    @discardableResult func send(_ text: String) -> Bool {
        Array(text.utf8).withUnsafeBytes { Glibc.send(self.socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) } > 0
    }

    /// Everything the server sends until it closes the connection (or 10 s pass).
    func readToClose() -> String {
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(self.socket, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { break }
            received += buffer[0..<count]
        }
        return String(decoding: received, as: UTF8.self)
    }

    /// One response's head and body, read until `marker` has arrived.
    func read(until marker: String) -> String {
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while !String(decoding: received, as: UTF8.self).contains(marker) {
            let count = buffer.withUnsafeMutableBytes { recv(self.socket, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { break }
            received += buffer[0..<count]
        }
        return String(decoding: received, as: UTF8.self)
    }
}

extension FeedServerTests {
    @Test func aConnectionThatSendsNothingOrTricklesItsHeadersIsClosedAtTheHeaderTimeout() async throws {
        let limits = ServeLimits(headerTimeout: .seconds(1))
        let (silent, slow, trickled) = try await self.withServer(limits: limits) { base in
            let port = try #require(base.port)
            let clock = ContinuousClock()
            let silent = try await onOwnThread {
                let connection = try RawConnection(port: port)
                let start = clock.now
                _ = connection.readToClose()
                return clock.now - start
            }
            // A slowloris client: a header line every 200 ms, never the blank line that ends them
            let sent = Atomic<Int>(0)
            let slow = try await onOwnThread {
                let connection = try RawConnection(port: port)
                let start = clock.now
                let trickler = Thread {
                    guard connection.send("GET / HTTP/1.1\r\nHost: x\r\n") else { return }
                    while connection.send("X-Slow: \(sent.add(1, ordering: .relaxed).newValue)\r\n") {
                        Thread.sleep(forTimeInterval: 0.2)  // the client's own slowness, not synchronisation
                    }
                }
                trickler.start()
                _ = connection.readToClose()
                return clock.now - start
            }
            return (silent, slow, sent.load(ordering: .relaxed))
        }
        #expect(silent >= .milliseconds(900) && silent < .seconds(5))
        #expect(slow >= .milliseconds(900) && slow < .seconds(5))
        #expect(trickled >= 3)  // it kept sending, and was closed all the same
    }

    @Test func beyondTheConnectionLimitAClientIsAnswered503WhileTheOthersAreServed() async throws {
        let (busy, served) = try await self.withServer(limits: ServeLimits(maxConnections: 3)) { base in
            let port = try #require(base.port)
            return try await onOwnThread {
                // Three kept-alive connections, each known to be open by an answer on it
                let held = try (0..<3).map { _ in try RawConnection(port: port) }
                for connection in held {
                    connection.send("GET /feeds/google-merchant.xml?key=g-key-1 HTTP/1.1\r\nHost: x\r\n\r\n")
                    _ = connection.read(until: "</rss>")
                }
                let fourth = try RawConnection(port: port)
                let busy = fourth.readToClose()
                held[0].send("GET /feeds/google-merchant.xml?key=g-key-1 HTTP/1.1\r\nHost: x\r\n\r\n")
                return (busy, held[0].read(until: "</rss>"))
            }
        }
        #expect(busy.hasPrefix("HTTP/1.1 503 Service Unavailable\r\n"))
        #expect(busy.contains("Retry-After: 10\r\n"))
        let (head, body) = try #require(busy.split(separator: "\r\n\r\n", maxSplits: 1).map(String.init).pair)
        #expect(
            head.contains("Content-Length: \(body.utf8.count)\r\n")
                || head.hasSuffix("Content-Length: \(body.utf8.count)")
        )
        #expect(served.hasPrefix("HTTP/1.1 200 OK\r\n"))
    }

    @Test func anAddressThatSendsWrongKeysIsAnswered429EvenWithTheRightOne() async throws {
        let wrong = [("Authorization", "Basic " + Data("ocop:guess".utf8).base64EncodedString())]
        let right = [("Authorization", "Basic " + Data("ocop:g-key-1".utf8).base64EncodedString())]
        let (guesses, blocked, page) = try await self.withServer(
            pagePassword: "page-pw",
            limits: ServeLimits(failedLoginsPerMinute: 3)
        ) { base in
            let url = base.appending(path: "feeds/google-merchant.xml")
            var guesses: [Int] = []
            for _ in 0..<4 { guesses.append(try await self.get(url, wrong).status) }
            return (guesses, try await self.get(url, right), try await self.get(base, right))
        }
        #expect(guesses == [403, 403, 403, 429])
        #expect(blocked.status == 429 && Int(blocked.header("retry-after") ?? "") ?? 0 > 0)
        #expect(page.status == 429)
    }

    @Test func behindATrustedProxyEachForwardedClientIsThrottledAloneAndLoggedByItsOwnAddress() async throws {
        let lines = Mutex<[String]>([])
        let wrong = ("Authorization", "Basic " + Data("ocop:guess".utf8).base64EncodedString())
        let right = ("Authorization", "Basic " + Data("ocop:g-key-1".utf8).base64EncodedString())
        let (guesser, other) = try await self.withServer(
            limits: ServeLimits(failedLoginsPerMinute: 2),
            trustedProxies: ["127.0.0.1"],
            accessLog: AccessLog { line in lines.withLock { $0.append(line) } }
        ) { base in
            let url = base.appending(path: "feeds/google-merchant.xml")
            var guesser: [Int] = []
            for _ in 0..<3 {
                guesser.append(try await self.get(url, [wrong, ("X-Forwarded-For", "203.0.113.9")]).status)
            }
            // another fetcher through the same proxy is not locked out, and a forged hop before it is ignored
            let other = try await self.get(url, [right, ("X-Forwarded-For", "203.0.113.9, 66.249.66.1")]).status
            return (guesser, other)
        }
        #expect(guesser == [403, 403, 429])
        #expect(other == 200)
        let logged = lines.withLock { $0 }
        #expect(logged.prefix(3).allSatisfy { $0.contains(" 203.0.113.9 GET ") })
        #expect(logged.last?.contains(" 66.249.66.1 GET /feeds/google-merchant.xml 200 ") == true)
    }

    @Test func everyRequestLeavesOneAccessLineWithTheKeyNamedButNeverItsValue() async throws {
        let lines = Mutex<[String]>([])
        let log = AccessLog { line in lines.withLock { $0.append(line) } }
        try await self.withServer(accessLog: log) { base in
            let feed = base.appending(path: "feeds/google-merchant.xml")
            // no proxy is trusted here: a forwarded address is not believed
            _ = try await self.get(
                feed.appending(queryItems: [.init(name: "key", value: "g-key-1")]),
                [("X-Forwarded-For", "198.51.100.7")]
            )
            _ = try await self.get(feed.appending(queryItems: [.init(name: "key", value: "wrong-guess")]))
            _ = try await self.get(base)
        }
        let logged = lines.withLock { $0 }
        #expect(logged.count == 3)
        #expect(
            logged[0].contains(" 127.0.0.1 GET /feeds/google-merchant.xml 200 \(self.feed.count) key=google-merchant\n")
        )
        #expect(logged[1].contains(" GET /feeds/google-merchant.xml 403 ") && logged[1].hasSuffix("key=-\n"))
        #expect(logged[2].contains(" GET / 200 "))
        #expect(!logged.joined().contains("g-key-1") && !logged.joined().contains("wrong-guess"))
    }
}

extension Array where Element == String {
    /// The two elements of a two-element array.
    fileprivate var pair: (String, String)? { self.count == 2 ? (self[0], self[1]) : nil }
}

extension FeedServerTests {
    @Test func aSearchFromThePagesFormArrivesWithItsSpacesAndGzipWithQZeroIsRefused() async throws {
        let asked = Mutex<[String: String]>([:])
        let server = OCOPServer(
            port: 0,
            feeds: self.folder.url,
            access: FeedAccess(user: "ocop", keys: ["google-merchant": "g-key-1"]),
            pages: { _, query in
                asked.withLock { $0 = query }
                return "<!doctype html><title>ok</title>"
            },
            runs: { Data("[]".utf8) }
        )
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let plain = try await withThrowingTaskGroup(of: HTTPResponse?.self) { group in
            group.addTask {
                try await server.run { continuation.yield($0) }
                return nil
            }
            var iterator = ports.makeAsyncIterator()
            guard let port = await iterator.next() else { throw CancellationError() }
            let base = "http://127.0.0.1:\(port)"
            _ = try await self.get(URL(string: base + "/products?q=c%C3%A0+ph%C3%AA&page=2")!)
            let plain = try await self.get(
                URL(string: base + "/feeds/google-merchant.xml?key=g-key-1")!,
                [("Accept-Encoding", "gzip;q=0, identity")]
            )
            group.cancelAll()
            return plain
        }
        #expect(asked.withLock { $0 } == ["q": "cà phê", "page": "2"])
        #expect(plain.status == 200 && plain.header("content-encoding") == nil)
    }
}
