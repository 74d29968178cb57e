import Foundation
import Groundwork
import Lazada
import Publishing
import Sandbox
import Shopee
import TestSupport
import Testing
import TikTokShop
import Transport

/// The sandbox's authorization services refuse what the marketplaces refuse, in their own words: a token
/// request that breaks the contract, a code that was never issued, a refresh token that was never issued.
@Suite(.timeLimit(.minutes(1))) struct SandboxAuthorizationTests {
    func send(_ request: HTTPRequest) async throws -> (Int, JSONValue?) {
        var request = request
        request.isIdempotent = false
        let response = try await CurlClient().send(request)
        return (response.status, try? JSONValue.parse(response.body))
    }

    func account(_ marketplace: String, _ values: [String: String]) -> MarketplaceAccount {
        MarketplaceAccount(marketplace: marketplace, values: values)
    }

    @Test func shopeeRefusesAMalformedTokenBodyAndACodeItNeverIssued() async throws {
        let authorization = try #require(ShopeeAdapter().shopAuthorization)
        let (malformed, unknown) = try await withSandbox { base in
            let account = self.account(
                "shopee",
                [
                    "endpoint": base.appending(path: "shopee").absoluteString, "partner_id": "2001887",
                    "partner_key": "sandbox-shopee-partner-key",
                ]
            )
            var request = try authorization.codeRequest(code: "c0de", shop: "14701711", account: account, now: Date())
            let unknown = try await self.send(request)
            request.body = Data(#"{"code": "c0de", "partner_id": 2001887}"#.utf8)
            return (try await self.send(request), unknown)
        }
        #expect(malformed.1?["error"]?.text == "error_param")
        #expect(malformed.1?["message"]?.text?.contains("shop_id") == true)
        #expect(unknown.0 == 403)
        #expect(unknown.1?["error"]?.text == "error_auth")
    }

    @Test func lazadaRefusesACodeAndARefreshTokenItNeverIssued() async throws {
        let authorization = try #require(LazadaAdapter().shopAuthorization)
        let answers = try await withSandbox { base in
            let account = self.account(
                "lazada",
                [
                    "endpoint": base.appending(path: "lazada/rest").absoluteString,
                    "auth_endpoint": base.appending(path: "lazada-auth/rest").absoluteString, "app_key": "123456",
                    "app_secret": "sandbox-lazada-secret",
                ]
            )
            let connection = ShopConnection(
                marketplace: "lazada",
                shop: "1000001",
                tokens: IssuedTokens(
                    accessToken: "a",
                    accessExpires: Date(),
                    refreshToken: "never-issued",
                    refreshExpires: nil
                ),
                connected: Date()
            )
            return [
                try await self.send(
                    try authorization.codeRequest(code: "c0de", shop: nil, account: account, now: Date())
                ),
                try await self.send(try authorization.refreshRequest(connection, account: account, now: Date())),
            ]
        }
        #expect(answers.map { $0.1?["code"]?.text } == ["InvalidCode", "IllegalRefreshToken"])
        #expect(answers[1].1?["message"]?.text == "The specified refresh token is invalid or expired")
    }

    @Test func tiktokShopRefusesAWrongGrantTypeAndACodeItNeverIssued() async throws {
        let authorization = try #require(TikTokShopAdapter().shopAuthorization)
        let answers = try await withSandbox { base in
            let account = self.account(
                "tiktok-shop",
                [
                    "endpoint": base.appending(path: "tiktok").absoluteString,
                    "auth_endpoint": base.appending(path: "tiktok-auth").absoluteString, "app_key": "29a39d",
                    "app_secret": "sandbox-tiktok-secret",
                ]
            )
            var request = try authorization.codeRequest(code: "c0de", shop: nil, account: account, now: Date())
            let unknown = try await self.send(request)
            request.url = URL(
                string: request.url.absoluteString.replacingOccurrences(of: "authorized_code", with: "code")
            )!
            return [unknown, try await self.send(request)]
        }
        #expect(answers.map { $0.1?["code"]?.text } == ["36004004", "98001004"])
        #expect(answers[0].1?["message"]?.text == "Invalid auth code.")
        #expect(answers[1].1?["message"]?.text?.hasPrefix("Parameter grant_type is invalid.") == true)
    }
}
