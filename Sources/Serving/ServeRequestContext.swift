import Hummingbird
import NIOCore

/// The request context of `ocop serve`: Hummingbird's, plus the client's address (for the throttle and the
/// access log).
struct ServeRequestContext: RequestContext, RemoteAddressRequestContext {
    var coreContext: CoreRequestContextStorage
    let remoteAddress: SocketAddress?

    init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.remoteAddress = source.channel.remoteAddress
    }

    /// The client's IP address, `-` when unknown.
    var client: String { self.remoteAddress?.ipAddress ?? "-" }
}
