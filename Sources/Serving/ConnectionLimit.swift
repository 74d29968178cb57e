import NIOCore
import Synchronization

/// How many connections are open, against the limit.
final class OpenConnections: Sendable {
    let limit: Int
    private let count = Atomic<Int>(0)

    init(limit: Int) { self.limit = limit }

    /// Counts one more connection; `false` (and not counted) when the limit is reached.
    func admit() -> Bool {
        if self.count.wrappingAdd(1, ordering: .relaxed).newValue <= self.limit { return true }
        self.count.wrappingSubtract(1, ordering: .relaxed)
        return false
    }

    func release() { self.count.wrappingSubtract(1, ordering: .relaxed) }
}

/// The first handler of every connection: counts it and, beyond the limit, answers `503 Service Unavailable`
/// on the raw socket (before any HTTP parsing) and closes it, so hostile clients cannot use up the server's
/// file descriptors and an authorised fetch can tell "busy" from "down".
final class ConnectionLimitHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private static let busyBody = "too many connections; retry\n"
    private static let busy = """
        HTTP/1.1 503 Service Unavailable\r
        Content-Type: text/plain; charset=utf-8\r
        Retry-After: 10\r
        Connection: close\r
        Content-Length: \(busyBody.utf8.count)\r
        \r
        \(busyBody)
        """

    private let connections: OpenConnections
    private var counted = false
    private var refused = false

    init(connections: OpenConnections) { self.connections = connections }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { self.admit(context) }
    }

    func channelActive(context: ChannelHandlerContext) {
        self.admit(context)
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        if self.counted { self.connections.release() }
        self.counted = false
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !self.refused else { return }  // a refused connection's request is read and dropped
        context.fireChannelRead(data)
    }

    private func admit(_ context: ChannelHandlerContext) {
        guard !self.counted, !self.refused else { return }
        if self.connections.admit() {
            self.counted = true
            return
        }
        self.refused = true
        let answer = context.channel.allocator.buffer(string: Self.busy)
        let loop = context.eventLoop.assumeIsolated()
        context.writeAndFlush(self.wrapOutboundOut(answer)).assumeIsolated().whenComplete { _ in
            // Closing the sending side first lets the client read the answer before the connection goes.
            context.close(mode: .output, promise: nil)
            loop.scheduleTask(in: .seconds(2)) { context.close(promise: nil) }
        }
    }
}
