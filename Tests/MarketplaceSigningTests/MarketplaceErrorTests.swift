import Lazada
import Publishing
import Shopee
import Testing
import TikTokShop

/// Each marketplace's documented error codes land in the right class (shared/reference/vn-marketplace-apis.md).
@Suite struct MarketplaceErrorTests {
    @Test(
        arguments: [
            ("ApiCallLimit", nil, MarketplaceErrorClass.retryable), ("E901", nil, .retryable),
            ("4154", nil, .retryable),
            ("SomethingNew", "SYSTEM", .retryable), ("IncompleteSignature", "ISV", .request),
            ("MissingParameter", "ISV", .request), ("SellerNotActive", "ISP", .request), ("4134", "ISP", .item),
            ("4142", "ISP", .item), ("4139", "ISP", .item), ("4169", "ISP", .item), ("201", "ISV", .item),
        ] as [(String, String?, MarketplaceErrorClass)]
    )
    func lazada(code: String, type: String?, expected: MarketplaceErrorClass) {
        #expect(LazadaErrors.classify(code: code, type: type) == expected)
    }

    @Test(arguments: [
        (36_009_002, 429, MarketplaceErrorClass.retryable), (0, 503, .retryable), (106_001, 401, .request),
        (36_009_004, 401, .request), (105_002, 401, .request), (106_013, 400, .request), (12_052_023, 200, .item),
        (12_052_028, 200, .item), (12_052_073, 200, .item), (12_052_050, 200, .item),
    ])
    func tiktokShop(code: Int, status: Int, expected: MarketplaceErrorClass) {
        #expect(TikTokShopErrors.classify(code: code, status: status) == expected)
    }

    @Test(arguments: [
        ("error_system_busy", "", MarketplaceErrorClass.retryable), ("error_server", "", .retryable),
        ("error_sign", "Wrong sign", .request), ("error_auth", "Invalid access_token", .request),
        ("error_param", "There is no sign in query", .request), ("error_param", "Invalid timestamp", .request),
        ("error_param", "Invalid partner_id", .request), ("error_param", "Image not exist.", .item),
        ("error_param", "dimension is required", .item), ("error_invalid_category", "Invalid category ID", .item),
        ("error_invalid_attribute", "Mandatory attribute information required", .item),
        ("error_repeated_mtsku", "", .item),
    ])
    func shopee(error: String, message: String, expected: MarketplaceErrorClass) {
        #expect(ShopeeErrors.classify(error: error, message: message) == expected)
    }
}
