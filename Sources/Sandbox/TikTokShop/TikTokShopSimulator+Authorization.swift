import Foundation
import Groundwork
import HTTPTypes
import Hummingbird

/// TikTok Shop's authorization service as the sandbox plays it: the seller's authorization page and the token
/// calls that exchange its code and renew the pair.
extension TikTokShopSimulator {
    /// The service authorization page (`services.tiktokshop.com/open/authorize?service_id=…`): the seller would
    /// log in here; the sandbox's shop allows at once. The browser goes to the redirect registered for the app
    /// with `code` and `state`; with none registered (`ocop sandbox --tiktok-redirect`), the page shows the code.
    static func authorize(_ request: Request, state: SandboxState, keys: SignedAPICredentials) async -> Response {
        let query = request.uri.queryParameters
        guard query.get("service_id").map({ String($0) }) == keys.tiktokServiceID else {
            return Self.error(400, 36_009_004, "invalid param error")
        }
        let code = await state.tokens.issueCode(Self.marketplace, shop: Self.shop.id)
        guard let redirect = keys.tiktokRedirect, var target = URLComponents(string: redirect) else {
            let page = "<!doctype html><title>TikTok Shop</title><p>Authorization code: <code>\(code)</code></p>\n"
            return Response(
                status: .ok,
                headers: [.contentType: "text/html; charset=utf-8"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: page))
            )
        }
        target.queryItems =
            (target.queryItems ?? []) + [URLQueryItem(name: "code", value: code)]
            + (query.get("state").map { [URLQueryItem(name: "state", value: String($0))] } ?? [])
        return Response(status: .found, headers: [.location: target.string ?? redirect])
    }

    /// `GET /api/v2/token/get` (`auth_code`, `grant_type=authorized_code`) and `/api/v2/token/refresh`
    /// (`refresh_token`, `grant_type=refresh_token`) on the authorization service, with the app's key and
    /// secret: a new pair whose expiry times are absolute Unix seconds.
    static func token(
        _ request: Request,
        grant: String,
        state: SandboxState,
        keys: SignedAPICredentials,
        contract: APIContract
    ) async -> Response {
        var query: [String: String] = [:]
        for (name, value) in request.uri.queryParameters {
            query[String(name)] = String(value).removingPercentEncoding ?? String(value)
        }
        let given = JSONValue.object(query.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) })
        if let violation = contract.violation(of: given, "GET", "/api/v2/token/\(grant)", part: "query") {
            return Self.error(
                400,
                98_001_004,
                "Parameter \(violation.path) is invalid. Reason: \(violation.reason). Expected: \(violation.expected)"
            )
        }
        guard query["app_key"] == keys.tiktokAppKey, query["app_secret"] == keys.tiktokAppSecret else {
            return Self.error(401, 36_009_004, "Invalid credentials. Invalid `app_key` query parameter.")
        }
        let pair: SandboxTokens.Pair?
        switch (grant, query["grant_type"]) {
        case ("get", "authorized_code"):
            pair = await state.tokens.exchange(Self.marketplace, code: query["auth_code"] ?? "")
            guard pair != nil else { return Self.error(400, 36_004_004, "Invalid auth code.") }
        case ("refresh", "refresh_token"):
            pair = await state.tokens.renew(Self.marketplace, refreshToken: query["refresh_token"] ?? "")
            guard pair != nil else { return Self.error(400, 36_004_004, "Invalid refresh token.") }
        default: return Self.error(400, 36_009_004, "invalid param error")
        }
        guard let pair else { return Self.error(400, 36_009_004, "invalid param error") }
        return Self.answer(
            .object([
                ("access_token", .string(pair.access)),
                ("access_token_expire_in", .number(String(Int64(pair.accessExpires.timeIntervalSince1970)))),
                ("refresh_token", .string(pair.refresh)),
                ("refresh_token_expire_in", .number(String(Int64(pair.refreshExpires.timeIntervalSince1970)))),
                ("open_id", .string("sandbox-open-id")), ("seller_name", .string(Self.shop.name)),
                ("seller_base_region", .string("VN")), ("user_type", .number("0")),
                ("granted_scopes", .array([.string("seller.product.basic"), .string("seller.product.write")])),
            ])
        )
    }
}
