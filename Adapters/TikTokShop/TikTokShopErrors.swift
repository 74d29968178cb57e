public import Publishing

/// TikTok Shop's error codes (`{"code": …, "message": "…"}`), sorted.
public enum TikTokShopErrors {
    static let retryable: Set<Int> = [36_009_002]
    static let request: Set<Int> = [106_001, 36_009_004, 105_002, 105_005, 106_013, 36_009_022, 36_009_023]

    /// The class of `code`, given with the HTTP status it came with (429 and 503 are always retryable).
    public static func classify(code: Int, status: Int = 200) -> MarketplaceErrorClass {
        if status == 429 || status == 503 || self.retryable.contains(code) { return .retryable }
        if self.request.contains(code) { return .request }
        return .item  // 12052023 category, 12052026 brand, 12052028 main image, 12052073 price, …
    }
}
