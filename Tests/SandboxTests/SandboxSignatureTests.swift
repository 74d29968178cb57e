import Foundation
import Groundwork
import Lazada
import OCOPCatalog
import Sandbox
import Shopee
import TestSupport
import Testing
import TikTokShop
import Transport

/// The sandbox refuses what the real marketplaces refuse: a wrong key, a stale timestamp, a body changed
/// after signing. Requests are signed by the adapters' signers; the sandbox checks with its own code.
@Suite(.timeLimit(.minutes(1))) struct SandboxSignatureTests {
    let keys = SignedAPICredentials()
    var now: Int { Int(Date().timeIntervalSince1970) }

    func send(_ request: HTTPRequest) async throws -> (Int, JSONValue?) {
        let response = try await CurlClient().send(request)
        return (response.status, try? JSONValue.parse(response.body))
    }

    func lazadaCreate(_ base: URL, secret: String, timestamp: Int, payload: String, sent: String? = nil) -> HTTPRequest
    {
        var parameters = [
            "app_key": self.keys.lazadaAppKey, "access_token": "sandbox-lazada-access-token", "sign_method": "sha256",
            "timestamp": String(timestamp * 1000), "payload": payload,
        ]
        parameters["sign"] = LazadaSignature.sign(apiPath: "/product/create", parameters: parameters, appSecret: secret)
        parameters["payload"] = sent ?? payload
        var form = URLComponents()
        form.queryItems = parameters.sorted { $0.key < $1.key }.map { URLQueryItem(name: $0.key, value: $0.value) }
        let body = (form.percentEncodedQuery ?? "").replacingOccurrences(of: "+", with: "%2B")
        return HTTPRequest(
            method: "POST",
            url: URL(string: "lazada/rest/product/create", relativeTo: base)!.absoluteURL,
            headers: [("Content-Type", "application/x-www-form-urlencoded;charset=utf-8")],
            body: Data(body.utf8)
        )
    }

    @Test func lazadaChecksTheSignatureTheTimestampAndTheSignedPayload() async throws {
        // Signed right, the payload reaches the product checks (and its category is not a leaf of the sandbox).
        let payload =
            #"{"Request":{"Product":{"Attributes":{"name":"Trà Shan Tuyết"},"Skus":{"Sku":[{"SellerSku":"T-1"}]}}}}"#
        let secret = self.keys.lazadaAppSecret
        let answers = try await withSandbox { base in
            [
                try await self.send(self.lazadaCreate(base, secret: secret, timestamp: self.now, payload: payload)),
                try await self.send(self.lazadaCreate(base, secret: "wrong", timestamp: self.now, payload: payload)),
                try await self.send(
                    self.lazadaCreate(base, secret: secret, timestamp: self.now - 8000, payload: payload)
                ),
                try await self.send(
                    self.lazadaCreate(base, secret: secret, timestamp: self.now, payload: payload, sent: payload + " ")
                ),
            ]
        }
        #expect(answers.map(\.0) == [200, 400, 400, 400])
        #expect(
            answers.map { $0.1?["code"]?.text } == [
                "201", "IncompleteSignature", "InvalidTimestamp", "IncompleteSignature",
            ]
        )
    }

    @Test func tiktokShopChecksTheSignatureTheTimestampAndTheSignedBody() async throws {
        let body = Data(#"{"title":"Trà Shan Tuyết Hà Giang OCOP 4 sao"}"#.utf8)
        @Sendable func request(_ base: URL, secret: String, timestamp: Int, sent: Data) -> HTTPRequest {
            var query = ["app_key": self.keys.tiktokAppKey, "timestamp": String(timestamp), "shop_cipher": "ROW_test"]
            query["sign"] = TikTokShopSignature.sign(
                path: "/product/202309/products",
                query: query,
                body: body,
                appSecret: secret
            )
            let url = URL(string: "tiktok/product/202309/products", relativeTo: base)!.absoluteURL
                .appending(queryItems: query.map { URLQueryItem(name: $0.key, value: $0.value) })
            return HTTPRequest(
                method: "POST",
                url: url,
                headers: [("Content-Type", "application/json"), ("x-tts-access-token", self.keys.tiktokAccessToken)],
                body: sent
            )
        }
        let secret = self.keys.tiktokAppSecret
        let answers = try await withSandbox { base in
            [
                try await self.send(request(base, secret: secret, timestamp: self.now, sent: body)),
                try await self.send(request(base, secret: "wrong", timestamp: self.now, sent: body)),
                try await self.send(request(base, secret: secret, timestamp: self.now - 600, sent: body)),
                try await self.send(request(base, secret: secret, timestamp: self.now, sent: body + Data(" ".utf8))),
            ]
        }
        #expect(answers.map(\.0) == [200, 401, 401, 401])
        // Signed right, the body reaches the contract: a title alone is not a product (no description).
        #expect(answers.map { $0.1?["code"]?.text } == ["12052015", "106001", "36009004", "106001"])
    }

    @Test func shopeeChecksTheSignatureAndTheTimestamp() async throws {
        @Sendable func request(_ base: URL, key: String, timestamp: Int) -> HTTPRequest {
            let path = "/api/v2/shop/get_shop_info"
            let sign = ShopeeSignature.sign(
                partnerID: self.keys.shopeePartnerID,
                path: path,
                timestamp: Int64(timestamp),
                scope: .shop(accessToken: self.keys.shopeeAccessToken, shopID: self.keys.shopeeShopID),
                partnerKey: key
            )
            let query = [
                ("partner_id", String(self.keys.shopeePartnerID)), ("timestamp", String(timestamp)),
                ("access_token", self.keys.shopeeAccessToken), ("shop_id", String(self.keys.shopeeShopID)),
                ("sign", sign),
            ]
            return HTTPRequest(
                url: URL(string: "shopee" + path, relativeTo: base)!.absoluteURL
                    .appending(queryItems: query.map { URLQueryItem(name: $0.0, value: $0.1) })
            )
        }
        let key = self.keys.shopeePartnerKey
        let answers = try await withSandbox { base in
            [
                try await self.send(request(base, key: key, timestamp: self.now)),
                try await self.send(request(base, key: "wrong", timestamp: self.now)),
                try await self.send(request(base, key: key, timestamp: self.now - 600)),
            ]
        }
        #expect(answers.map(\.0) == [200, 403, 403])
        #expect(answers.map { $0.1?["error"]?.text } == ["", "error_sign", "error_param"])
    }
}
