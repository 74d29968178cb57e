import Foundation
import Lazada
import Shopee
import Testing
import TikTokShop

/// Every signing vector of shared/reference/vn-marketplace-apis.md §9, byte for byte.
@Suite struct LazadaSignatureTests {
    let system = ["app_key": "123456", "access_token": "test", "timestamp": "1517820392000", "sign_method": "sha256"]

    @Test func theDocumentedOrderGetVectorMatches() {
        var parameters = self.system
        parameters["order_id"] = "1234"
        parameters["sign"] = "ignored"
        #expect(
            String(decoding: LazadaSignature.stringToSign(apiPath: "/order/get", parameters: parameters), as: UTF8.self)
                == "/order/getaccess_tokentestapp_key123456order_id1234sign_methodsha256timestamp1517820392000"
        )
        #expect(
            LazadaSignature.sign(apiPath: "/order/get", parameters: parameters, appSecret: "helloworld")
                == "4190D32361CFB9581350222F345CB77F3B19F0E31D162316848A2C1FFD5FAB4A"
        )
    }

    @Test(arguments: [
        (
            "/product/create",
            #"{"Request":{"Product":{"PrimaryCategory":"10002019","Images":{"Image":["https://vn-live-02.slatic.net/p/abc.jpg"]},"Attributes":{"name":"Tra Shan Tuyet OCOP","brand_id":"0"},"Skus":{"Sku":[{"SellerSku":"OCOP-001","quantity":"10","price":"150000","package_height":"10","package_length":"10","package_width":"10","package_weight":"0.5"}]}}}}"#,
            "01F0329D4ABA19B08D2A0DDCEF1D63778B2470949ACB4EA398ED1100307617BF"
        ),
        (
            "/image/migrate",
            #"<?xml version="1.0" encoding="UTF-8"?><Request><Image><Url>https://example.com/a.jpg</Url></Image></Request>"#,
            "45AA8444C6D7408C4A03BBB03E84C8C1B90B9A44147BE1148074A17150EEAC99"
        ),
        (
            "/product/create", #"{"name":"Trà Shan Tuyết"}"#,
            "78A322D59A67E10FCFC3EFD6C03B5102374EDE39CBE3260F74FEE5D89EDCBD31"
        ),
    ])
    func theComputedPayloadVectorsMatch(path: String, payload: String, sign: String) {
        var parameters = self.system
        parameters["payload"] = payload
        #expect(LazadaSignature.sign(apiPath: path, parameters: parameters, appSecret: "helloworld") == sign)
    }

    @Test func emptyParametersAreLeftOutAsTheOfficialSDKsDo() {
        var parameters = self.system
        parameters["order_id"] = "1234"
        let withEmpty = parameters.merging(["note": ""]) { $1 }
        #expect(
            LazadaSignature.sign(apiPath: "/order/get", parameters: withEmpty, appSecret: "helloworld")
                == "4190D32361CFB9581350222F345CB77F3B19F0E31D162316848A2C1FFD5FAB4A"
        )
    }
}

@Suite struct TikTokShopSignatureTests {
    @Test func theDocumentedAuthorizationVectorMatches() {
        #expect(
            TikTokShopSignature.sign(
                path: "/authorization/202309/shops",
                query: ["app_key": "29a39d", "timestamp": "1623812664"],
                appSecret: "e59af819cc"
            ) == "b596b73e0cc6de07ac26f036364178ab16b0a907af13d43f0a0cd2345f582dc8"
        )
    }

    @Test func theWebhookVectorSignsTheBodyByteForByte() {
        let body = Data(#"{    "address":"https://partner.tiktokshop.com",    "event_type": "PACKAGE_UPDATE"}"#.utf8)
        let query = [
            "app_key": "68xu9ks5p4i8", "shop_cipher": "ROW_xkMbgAAAeVAQra0eZWebFQq5aIKt", "timestamp": "1696909648",
        ]
        #expect(
            String(
                decoding: TikTokShopSignature.stringToSign(path: "/event/202309/webhooks", query: query, body: body),
                as: UTF8.self
            )
                == #"/event/202309/webhooksapp_key68xu9ks5p4i8shop_cipherROW_xkMbgAAAeVAQra0eZWebFQq5aIKttimestamp1696909648{    "address":"https://partner.tiktokshop.com",    "event_type": "PACKAGE_UPDATE"}"#
        )
        #expect(
            TikTokShopSignature.sign(path: "/event/202309/webhooks", query: query, body: body, appSecret: "e59af819cc")
                == "20795f4b2d8f540c09dd2f0ec1ad2b93884eaa4947eac44d3239716842827414"
        )
    }

    @Test func aVietnameseBodyIsSignedAsUTF8AndSignAndAccessTokenAreLeftOut() {
        let query = [
            "app_key": "29a39d", "timestamp": "1623812664", "shop_cipher": "ROW_test", "sign": "x", "access_token": "y",
        ]
        #expect(
            TikTokShopSignature.sign(
                path: "/product/202309/products",
                query: query,
                body: Data(#"{"title":"Trà Shan Tuyết Hà Giang OCOP 4 sao"}"#.utf8),
                appSecret: "e59af819cc"
            ) == "f2fcadca9824528bc526c296874fe50c94598a9c54dcd54e7b7933a2b446c05a"
        )
    }

    @Test func aMultipartUploadIsSignedWithoutItsBody() {
        #expect(
            TikTokShopSignature.sign(
                path: "/product/202309/images/upload",
                query: ["app_key": "29a39d", "timestamp": "1623812664"],
                body: Data("--boundary\r\n…image bytes…".utf8),
                multipart: true,
                appSecret: "e59af819cc"
            ) == "2f292aaeecc6a6ce8c7240771265c3342b343f27ef91271fe72a9452d74fa844"
        )
    }
}

@Suite struct ShopeeSignatureTests {
    static let token = "59777174636562737266615546704c6d"

    @Test(arguments: [
        (
            "/api/v2/shop/get_shop_info", ShopeeSignature.Scope.shop(accessToken: token, shopID: 14_701_711),
            "9fdae5aeed86e753249982ec04aa54339280f12d3f456b9e3f7d8ee91e66a2b3"
        ),
        (
            "/api/v2/global_product/get_category",
            ShopeeSignature.Scope.merchant(accessToken: "09777174636962737266615546704c6d", merchantID: 1_000_000),
            "acd5a420a62ce9d730d869464ecd8e0cc66698e31175baf1b755007c90d0bd35"
        ),
        (
            "/api/v2/public/get_shops_by_partner", .public,
            "bfd95b21eda3ed2c80e9373e8c0ce80bdc39b2dc02e4c6dc19e1413c75f8ab09"
        ),
        (
            "/api/v2/product/add_item", .shop(accessToken: token, shopID: 14_701_711),
            "423d8782ba33174e0c7a69bdbf9921cfcd01fa9ccd0c513bc476dba05bb3e2cc"
        ),
        (
            "/api/v2/media_space/upload_image", .public,
            "04f6b2f1fc121daed2652ade841ec3628e6618d92ef9ab4383cefef48282ac11"
        ),
        ("/api/v2/shop/auth_partner", .public, "7aaf77cf2fb63bdf25623b6c3c2ad87ad51ccf4fe66e370b93b89f28bcafe45c"),
    ])
    func everyComputedVectorMatches(path: String, scope: ShopeeSignature.Scope, sign: String) {
        #expect(
            ShopeeSignature.sign(
                partnerID: 2_001_887,
                path: path,
                timestamp: 1_655_714_431,
                scope: scope,
                partnerKey: "test_partner_key"
            ) == sign
        )
    }

    @Test func theShopBaseStringIsTheDocumentedOne() {
        #expect(
            ShopeeSignature.baseString(
                partnerID: 2_001_887,
                path: "/api/v2/shop/get_shop_info",
                timestamp: 1_655_714_431,
                scope: .shop(accessToken: Self.token, shopID: 14_701_711)
            ) == "2001887/api/v2/shop/get_shop_info165571443159777174636562737266615546704c6d14701711"
        )
    }
}
