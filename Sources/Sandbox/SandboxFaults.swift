import Hummingbird

/// The fault plan applied to a call of the signed marketplaces (Shopee, Lazada, TikTok Shop, Tiki), before
/// anything is applied: a server error or a rate limit answered in the marketplace's own shape (429 with
/// `Retry-After: 1`), or a slow answer.
enum SandboxFaults {
    enum Kind {
        case serverError, rateLimited
    }

    /// The answer that replaces this call, or `nil` to handle it (after the delay of a slow answer).
    static func answer(_ state: SandboxState, _ refuse: (Kind) -> Response) async throws -> Response? {
        switch await state.nextFault() {
        case .serverError: return refuse(.serverError)
        case .rateLimited:
            var response = refuse(.rateLimited)
            response.headers[.retryAfter] = "1"
            return response
        case .slow:
            try await Task.sleep(for: state.faults.slowness)
            return nil
        case .drop, nil:
            return nil
        }
    }
}
