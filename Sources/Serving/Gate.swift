import Foundation
import Hummingbird

/// The keys in front of the feeds and the pages, and the throttle in front of the keys.
struct Gate: Sendable {
    let feeds: FeedAccess
    /// The page password as a one-key ``FeedAccess`` (key `page`); the pages are open when nil.
    let page: FeedAccess?
    let throttle: LoginThrottle

    /// The 401, 403 or 429 for a request that may not have `name` (a marketplace's feed, or `page`); `nil`
    /// when it may.
    func refusal(_ request: Request, from client: String, for name: String) -> Response? {
        let access: FeedAccess
        if name == "page" {
            guard let page = self.page else { return nil }
            access = page
        } else {
            access = self.feeds
        }
        if let wait = self.throttle.wait(for: client) {
            let seconds = max(1, Int(wait.components.seconds) + 1)
            var response = OCOPServer.answer(
                429,
                "too many wrong keys from this address; try again in \(seconds) s\n",
                type: "text/plain; charset=utf-8"
            )
            response.headers[.retryAfter] = String(seconds)
            return response
        }
        switch access.decide(
            marketplace: name,
            authorization: request.headers[.authorization],
            queryKey: request.uri.queryParameters.get("key").map { String($0) }
        ) {
        case .allowed:
            return nil
        case .unauthenticated:
            var response = OCOPServer.answer(401, "credentials needed\n", type: "text/plain; charset=utf-8")
            response.headers[.wwwAuthenticate] = #"Basic realm="OCOP Connect", charset="UTF-8""#
            return response
        case .notServed:
            return OCOPServer.answer(
                404,
                "this feed is not served: no key is set for it (serve.feed_password or its feed_key)\n",
                type: "text/plain; charset=utf-8"
            )
        case .forbidden:
            self.throttle.recordFailure(from: client)
            return OCOPServer.answer(403, "wrong key\n", type: "text/plain; charset=utf-8")
        }
    }
}
