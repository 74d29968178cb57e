public import Foundation

/// The account settings the sandbox takes for each marketplace it plays, under its base URL `base`.
public enum SandboxAccounts {
    /// Shopee's shop, its partner key and token (the logistics channels are discovered), images from the sandbox's mirror.
    public static func shopee(_ base: URL) -> [String: String] {
        [
            "endpoint": base.appending(path: "shopee").absoluteString, "partner_id": "2001887",
            "shop_id": "14701711", "partner_key": "sandbox-shopee-partner-key",
            "access_token": "sandbox-shopee-access-token",
            "image_mirror": base.appending(path: "images").absoluteString,
        ]
    }

    /// Lazada's app and seller token, images read (for their size) from the sandbox's mirror.
    public static func lazada(_ base: URL) -> [String: String] {
        [
            "endpoint": base.appending(path: "lazada/rest").absoluteString, "app_key": "123456",
            "app_secret": "sandbox-lazada-secret", "access_token": "sandbox-lazada-access-token",
            "image_mirror": base.appending(path: "images").absoluteString,
        ]
    }

    /// TikTok Shop's app, token and shop cipher (the warehouse is discovered), images from the sandbox's mirror.
    public static func tiktokShop(_ base: URL) -> [String: String] {
        [
            "endpoint": base.appending(path: "tiktok").absoluteString, "app_key": "29a39d",
            "app_secret": "sandbox-tiktok-secret", "access_token": "sandbox-tiktok-access-token",
            "shop_cipher": "ROW_sandbox",
            "image_mirror": base.appending(path: "images").absoluteString,
        ]
    }

    /// Tiki's seller token.
    public static func tiki(_ base: URL) -> [String: String] {
        [
            "endpoint": base.appending(path: "tiki/integration").absoluteString,
            "access_token": "sandbox-tiki-access-token",
        ]
    }

    /// Meta's catalogue and token.
    public static func metaCatalog(_ base: URL) -> [String: String] {
        [
            "endpoint": base.appending(path: "graph/v21.0").absoluteString, "catalog_id": "789",
            "access_token": "sandbox-meta-token",
        ]
    }
}
