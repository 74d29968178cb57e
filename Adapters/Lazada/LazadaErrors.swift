public import Publishing

/// Lazada's error codes (`{"code": "…", "type": "ISV|ISP|SYSTEM", "message": "…"}`), sorted.
public enum LazadaErrors {
    static let retryable: Set<String> = ["ApiCallLimit", "901", "E901", "4154", "SYS_REQUEST_TOO_FAST"]
    static let request: Set<String> = [
        "IncompleteSignature", "MissingParameter", "InvalidCode", "InvalidAppKey", "InvalidTimestamp",
        "IllegalAccessToken", "SellerNotActive", "4148",
    ]
    static let item: Set<String> = [
        "201", "4134", "4142", "4130", "4105", "4126", "4139", "4169", "4110", "4167", "5", "500",
    ]

    /// The class of `code`; a `SYSTEM` error is the platform's and worth retrying, an unknown `ISV`/`ISP` one
    /// is taken to be about the item.
    public static func classify(code: String, type: String? = nil) -> MarketplaceErrorClass {
        if self.retryable.contains(code) || type == "SYSTEM" { return .retryable }
        if self.request.contains(code) { return .request }
        return .item
    }
}
