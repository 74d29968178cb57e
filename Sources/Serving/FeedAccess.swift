import Foundation

/// Who may fetch which hosted feed: each marketplace's feed has its own key, given as the password of
/// HTTP Basic authentication (as Google's and Meta's scheduled fetches send credentials) or as `?key=`.
public struct FeedAccess: Sendable {
    /// What to answer a fetch.
    public enum Decision: Hashable, Sendable {
        case allowed
        /// No credentials: 401, asking for Basic authentication.
        case unauthenticated
        /// Wrong credentials: 403.
        case forbidden
        /// No key is configured for the feed, so it is not served to anyone: 404.
        case notServed
    }

    /// The Basic user name fetchers log in with.
    public var user: String
    /// Each feed's key, by marketplace id. A feed without a key is never served.
    public var keys: [String: String]

    /// Creates the rules.
    public init(user: String, keys: [String: String]) {
        self.user = user
        self.keys = keys
    }

    /// The decision for a fetch of `marketplace`'s feed with an `Authorization` header and a `key` query value.
    public func decide(marketplace: String, authorization: String?, queryKey: String?) -> Decision {
        guard let expected = self.keys[marketplace], !expected.isEmpty else { return .notServed }
        if let queryKey { return Self.same(queryKey, expected) ? .allowed : .forbidden }
        guard let authorization else { return .unauthenticated }
        guard authorization.lowercased().hasPrefix("basic "),
            let decoded = Data(base64Encoded: String(authorization.dropFirst(6)).trimmingCharacters(in: .whitespaces)),
            let pair = String(data: decoded, encoding: .utf8), let colon = pair.firstIndex(of: ":")
        else { return .forbidden }
        let user = String(pair[..<colon])
        let password = String(pair[pair.index(after: colon)...])
        return Self.same(user, self.user) && Self.same(password, expected) ? .allowed : .forbidden
    }

    /// Compares in time that depends only on the lengths, so a wrong key reveals nothing by its timing.
    private static func same(_ given: String, _ expected: String) -> Bool {
        let a = Array(given.utf8)
        let b = Array(expected.utf8)
        var difference = UInt8(a.count == b.count ? 0 : 1)
        for index in 0..<max(a.count, b.count) {
            difference |= (index < a.count ? a[index] : 0) ^ (index < b.count ? b[index] : 0)
        }
        return difference == 0
    }
}
