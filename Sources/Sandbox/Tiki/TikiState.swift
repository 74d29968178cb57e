import Groundwork

/// What the Tiki simulator keeps: the product requests under review.
actor TikiState {
    /// Tiki's product requests under review: the request, and how many times it was tracked.
    private var reviews: [String: (request: JSONValue, checks: Int)] = [:]

    /// Keeps a product request for review; its track id.
    func submit(_ request: JSONValue) -> String {
        let track = "sandbox-track-\(self.reviews.count + 1)"
        self.reviews[track] = (request, 0)
        return track
    }

    /// The request `track` and how many times it was tracked before (counting this time).
    func track(_ track: String) -> (request: JSONValue, checks: Int)? {
        guard var review = self.reviews[track] else { return nil }
        review.checks += 1
        self.reviews[track] = review
        return review
    }
}
