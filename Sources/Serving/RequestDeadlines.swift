import NIOCore
import NIOHTTPTypes

/// Closes a connection that is too slow to ask: no complete request headers within the header timeout of
/// connecting, no end of a request body within the body timeout of its headers, no next request within the
/// idle timeout of the last answer having been sent. A connection whose answer is being written has no
/// deadline here (a slow reader holds one buffered chunk, see ``OpenFeedFile``). Slowloris clients and idle
/// sockets are let go.
final class RequestDeadlinesHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private let limits: ServeLimits
    private var deadline: Scheduled<Void>?
    private var unanswered = 0
    private var started = false

    init(limits: ServeLimits) { self.limits = limits }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { self.start(context) }
    }

    func channelActive(context: ChannelHandlerContext) {
        self.start(context)
        context.fireChannelActive()
    }

    func handlerRemoved(context: ChannelHandlerContext) { self.disarm() }

    func channelInactive(context: ChannelHandlerContext) {
        self.disarm()
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch self.unwrapInboundIn(data) {
        case .head:
            self.unanswered += 1
            self.arm(context, self.limits.bodyTimeout)
        case .body:
            break
        case .end:
            self.disarm()
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        guard case .end = self.unwrapOutboundIn(data) else { return context.write(data, promise: promise) }
        self.unanswered = max(0, self.unanswered - 1)
        guard self.unanswered == 0 else { return context.write(data, promise: promise) }
        // The idle wait starts once the answer's last bytes are on the socket, not when they are queued: a slow
        // reader is still receiving until then.
        let written = promise ?? context.eventLoop.makePromise()
        context.write(data, promise: written)
        written.futureResult.assumeIsolated().whenSuccess {
            if self.unanswered == 0 { self.arm(context, self.limits.idleTimeout) }
        }
    }

    private func start(_ context: ChannelHandlerContext) {
        guard !self.started else { return }
        self.started = true
        self.arm(context, self.limits.headerTimeout)
    }

    private func arm(_ context: ChannelHandlerContext, _ limit: Duration) {
        self.disarm()
        self.deadline = context.eventLoop.assumeIsolated().scheduleTask(in: TimeAmount(limit)) {
            context.close(promise: nil)
        }
    }

    private func disarm() {
        self.deadline?.cancel()
        self.deadline = nil
    }
}
