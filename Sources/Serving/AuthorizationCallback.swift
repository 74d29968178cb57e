public import Foundation
import Hummingbird
public import Logging
import NIOCore
import ServiceLifecycle

/// The redirect address `ocop connect --redirect-port` serves on loopback: the marketplace sends the seller's
/// browser to `http://127.0.0.1:PORT/callback` with the code, and the first such visit carrying the expected
/// `state` ends the wait. Other visits get a page saying they are not the answer to this link.
public struct AuthorizationCallback: Sendable {
    public let port: Int
    /// The `state` the link was made with (Lazada and TikTok Shop give it back; for Shopee it is part of the
    /// redirect address itself).
    public let state: String
    private let logger: Logger

    /// A callback on 127.0.0.1:`port` (0: any free port).
    public init(port: Int, state: String, logger: Logger) {
        self.port = port
        self.state = state
        self.logger = logger
    }

    /// The redirect address on `port` (the one to register for the app), carrying the state itself only for a
    /// marketplace that does not give it back (`inAddress`).
    public static func address(port: Int, state: String, inAddress: Bool) -> URL {
        URL(string: "http://127.0.0.1:\(port)/callback" + (inAddress ? "?state=\(state)" : ""))!
    }

    /// Serves until the redirect arrives and returns its query; `started` is told the port once it listens.
    public func wait(started: @escaping @Sendable (Int) async -> Void) async throws -> [String: String] {
        let (visits, visitor) = AsyncStream.makeStream(of: [String: String].self)
        let router = Router()
        let expected = self.state
        router.get("callback") { request, _ -> Response in
            var query: [String: String] = [:]
            for (name, value) in request.uri.queryParameters {
                query[String(name)] = String(value).removingPercentEncoding ?? String(value)
            }
            let matches = query["state"] == expected && query["code"] != nil
            if matches { visitor.yield(query) }
            let page =
                matches
                ? "<!doctype html><meta charset=utf-8><title>OCOP Connect</title><p>OCOP Connect đã nhận mã. "
                    + "Xem kết quả trong cửa sổ dòng lệnh; có thể đóng trang này.</p>"
                    + "<p>OCOP Connect received the code: see the terminal. You may close this page.</p>\n"
                : "<!doctype html><meta charset=utf-8><title>OCOP Connect</title><p>This is not the answer to the "
                    + "link OCOP Connect printed (no code, or another state).</p>\n"
            return Response(
                status: matches ? .ok : .badRequest,
                headers: [.contentType: "text/html; charset=utf-8"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: page))
            )
        }
        let application = Application(
            router: router,
            configuration: .init(address: .hostname("127.0.0.1", port: self.port), serverName: "ocop-connect"),
            onServerRunning: { channel in await started(channel.localAddress?.port ?? 0) },
            logger: self.logger
        )
        // The server stops gracefully once the redirect has arrived, so the page answering it is sent in full:
        // cancelling it could close the browser's connection before its answer was written.
        let server = ServiceGroup(
            configuration: .init(services: [application], gracefulShutdownSignals: [], logger: self.logger)
        )
        return try await withThrowingTaskGroup(of: [String: String]?.self) { group in
            group.addTask {
                try await server.run()
                visitor.finish()  // stopped without the redirect: the wait below ends too
                return nil
            }
            group.addTask {
                var iterator = visits.makeAsyncIterator()
                return await iterator.next()
            }
            var answer: [String: String]?
            while let result = try await group.next() {
                if let query = result, answer == nil {
                    answer = query
                    await server.triggerGracefulShutdown()
                }
            }
            guard let answer else { throw CancellationError() }
            return answer
        }
    }
}
