import Hummingbird

/// The fault plan applied to a call of the signed marketplaces (Shopee, Lazada, TikTok Shop, Tiki), before
/// anything is applied: a server error or a rate limit answered in the marketplace's own shape (429 with
/// `Retry-After: 1`), a slow answer, or (Shopee's add_item) the call applied and its connection dropped.
enum SandboxFaults {
    enum Kind {
        case serverError, rateLimited
    }

    /// What to do with this call: answer `replacement` instead, or handle it (after the delay of a slow
    /// answer) and, with `dropAfterApplying`, close the connection instead of answering.
    struct Decision {
        var replacement: Response?
        var dropAfterApplying = false
    }

    /// The decision for this call.
    static func decide(_ state: SandboxState, _ refuse: (Kind) -> Response) async throws -> Decision {
        switch await state.nextFault() {
        case .serverError: return Decision(replacement: refuse(.serverError))
        case .rateLimited:
            var response = refuse(.rateLimited)
            response.headers[.retryAfter] = "1"
            return Decision(replacement: response)
        case .slow:
            try await Task.sleep(for: state.faults.slowness)
            return Decision()
        case .drop: return Decision(dropAfterApplying: true)
        case nil: return Decision()
        }
    }

    /// The answer that replaces this call, or `nil` to handle it; a drop is handled like no fault (the
    /// marketplaces whose creates are not idempotent answer it with `decide`).
    static func answer(_ state: SandboxState, _ refuse: (Kind) -> Response) async throws -> Response? {
        try await self.decide(state, refuse).replacement
    }
}
