public import Publishing

/// Shopee's error codes (`{"error": "…", "message": "…"}`), sorted. `error_param` covers both a malformed
/// request (no sign, a bad timestamp or partner id) and an item's bad value, so its message decides.
public enum ShopeeErrors {
    static let retryable: Set<String> = ["error_inner", "error_server", "error_system_busy"]
    static let request: Set<String> = [
        "error_sign", "error_auth", "error_permission", "invalid_acceess_token", "invalid_access_token",
    ]
    static let requestParameters = ["sign", "timestamp", "partner_id", "shop_id", "access_token"]

    /// The class of `error`, read with its `message`.
    public static func classify(error: String, message: String = "") -> MarketplaceErrorClass {
        if self.retryable.contains(error) { return .retryable }
        if self.request.contains(error) { return .request }
        if error == "error_param" {
            let words = message.lowercased().split { !($0.isLetter || $0.isNumber || $0 == "_") }.map(String.init)
            if words.contains(where: self.requestParameters.contains) { return .request }
        }
        return .item  // error_invalid_category, error_invalid_brand, error_invalid_attribute, error_image_num_min, …
    }
}
