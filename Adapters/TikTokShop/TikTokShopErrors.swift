public import Publishing

/// TikTok Shop's error codes (`{"code": …, "message": "…"}`), sorted by what its common-errors page says of
/// them: 36009002 too many requests, 36009003 internal error ("Please try again") and 36009007 timeout are
/// worth retrying; credentials, identifiers and request format are the request's fault; the rest are the
/// item's.
public enum TikTokShopErrors {
    static let retryable: Set<Int> = [36_009_002, 36_009_003, 36_009_007]
    static let request: Set<Int> = [
        106_001, 36_009_004, 105_002, 105_005, 106_013, 36_009_009, 36_009_022, 36_009_023,
    ]

    /// The class of `code`, given with the HTTP status it came with (429 and 5xx are always retryable).
    public static func classify(code: Int, status: Int = 200) -> MarketplaceErrorClass {
        if status == 429 || (500..<600).contains(status) || self.retryable.contains(code) { return .retryable }
        if self.request.contains(code) { return .request }
        return .item  // 12052023 category, 12052026 brand, 12052028 main image, 12052073 price, …
    }
}
