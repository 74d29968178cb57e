import Foundation
import HTTPTypes
import Hummingbird

/// Who a request came from. Behind a TLS-terminating proxy (nginx, Caddy) every connection comes from the
/// proxy, so the throttle would count every fetcher's wrong keys as one client's: a proxy listed in
/// `serve.trusted_proxies` is believed about the address it forwards (`X-Forwarded-For`), no one else is.
struct ClientAddress: Sendable {
    let trustedProxies: Set<String>

    /// The client of `request`, which arrived from `peer`: the right-most `X-Forwarded-For` address that is
    /// not itself a trusted proxy when `peer` is one, else `peer`.
    func of(_ request: Request, peer: String) -> String {
        guard self.trustedProxies.contains(peer), let forwarded = request.headers[.xForwardedFor] else { return peer }
        let hops = forwarded.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter {
            !$0.isEmpty
        }
        return hops.last { !self.trustedProxies.contains($0) } ?? hops.first ?? peer
    }
}

extension HTTPField.Name {
    static let xForwardedFor = HTTPField.Name("X-Forwarded-For")!
}
