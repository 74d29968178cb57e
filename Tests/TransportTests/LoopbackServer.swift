import Dispatch
import Foundation
import Synchronization

/// A tiny HTTP/1.1 server on 127.0.0.1 and an ephemeral port, for testing the libcurl client against real
/// sockets. Each connection gets one request and one answer from `respond`; it closes when dropped.
final class LoopbackServer: Sendable {
    /// What the server received.
    struct Request: Sendable {
        var method: String
        var path: String
        var headers: [String: String]
        var body: Data
    }

    /// How to answer: a status, headers and body; or hold the connection open without answering.
    enum Answer: Sendable {
        case respond(status: Int, headers: [(String, String)], body: Data)
        /// A body of no announced length: it ends when the connection closes.
        case untilClose(status: Int, body: Data)
        case silence
    }

    let port: Int
    private let listener: Int32
    private let log = RequestLog()

    init(_ respond: @escaping @Sendable (Request) -> Answer) throws {
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, length) }
        }
        guard listener >= 0, bound == 0, listen(listener, 16) == 0 else {
            throw CocoaError(.fileWriteUnknown)
        }
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listener, $0, &length) }
        }
        self.port = Int(UInt16(bigEndian: address.sin_port))
        self.listener = listener
        let log = self.log
        Thread.detachNewThread { [listener] in
            // This thread owns the listener: it closes it once `deinit` has shut it down, so its descriptor
            // cannot be reused by another test's socket while this loop may still call accept on it.
            defer { close(listener) }
            while true {
                let connection = accept(listener, nil, nil)
                guard connection >= 0 else { return }  // the listener was shut down
                // A thread per connection: a held connection must not take a shared queue's thread.
                Thread.detachNewThread {
                    Self.serve(connection, respond: respond, log: log)
                }
            }
        }
    }

    deinit {
        shutdown(self.listener, Int32(SHUT_RDWR))  // wakes the accept loop, which closes it
    }

    /// `http://127.0.0.1:<port><path>`.
    func url(_ path: String) -> URL { URL(string: "http://127.0.0.1:\(self.port)\(path)")! }

    /// Returns once a request has arrived (at once when one already has); cancellable.
    func firstRequest() async {
        var arrivals = self.log.arrivals.stream.makeAsyncIterator()
        guard self.requests.isEmpty else { return }
        _ = await arrivals.next()
    }

    /// The requests received so far.
    var requests: [Request] { self.log.requests.withLock { $0 } }

    private static func serve(_ connection: Int32, respond: (Request) -> Answer, log: RequestLog) {
        defer { close(connection) }
        var buffer = [UInt8]()
        var chunk = [UInt8](repeating: 0, count: 65536)
        func readMore() -> Bool {
            let count = read(connection, &chunk, chunk.count)
            guard count > 0 else { return false }
            buffer += chunk[..<count]
            return true
        }
        let separator: [UInt8] = [13, 10, 13, 10]
        var headerEnd: Int?
        while headerEnd == nil {
            guard readMore() else { return }
            headerEnd = (0...max(0, buffer.count - 4)).first {
                buffer[$0..<min($0 + 4, buffer.count)].elementsEqual(separator)
            }
        }
        let head = String(decoding: buffer[..<headerEnd!], as: UTF8.self).components(separatedBy: "\r\n")
        let requestLine = head[0].split(separator: " ")
        var headers: [String: String] = [:]
        for line in head.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(
                in: .whitespaces
            )
        }
        let length = Int(headers["content-length"] ?? "0") ?? 0
        while buffer.count - (headerEnd! + 4) < length {
            guard readMore() else { return }
        }
        let request = Request(
            method: String(requestLine[0]),
            path: String(requestLine[1]),
            headers: headers,
            body: Data(buffer[(headerEnd! + 4)..<(headerEnd! + 4 + length)])
        )
        log.record(request)
        switch respond(request) {
        case .silence:
            while readMore() {}  // hold the connection until the client gives up
        case .respond(let status, let extra, let body):
            var response = "HTTP/1.1 \(status) Status\r\nContent-Length: \(body.count)\r\nConnection: close\r\n"
            for (name, value) in extra { response += "\(name): \(value)\r\n" }
            let bytes = Array((response + "\r\n").utf8) + Array(body)
            _ = bytes.withUnsafeBytes { write(connection, $0.baseAddress, $0.count) }
        case .untilClose(let status, let body):
            let bytes = Array("HTTP/1.1 \(status) Status\r\nConnection: close\r\n\r\n".utf8) + Array(body)
            _ = bytes.withUnsafeBytes { write(connection, $0.baseAddress, $0.count) }
        }
    }
}

/// The requests a server received, shared with its connection threads.
private final class RequestLog: Sendable {
    let requests = Mutex<[LoopbackServer.Request]>([])
    /// Told of each request as it arrives.
    let arrivals = AsyncStream.makeStream(of: Void.self)

    func record(_ request: LoopbackServer.Request) {
        self.requests.withLock { $0.append(request) }
        self.arrivals.continuation.yield()
    }
}
