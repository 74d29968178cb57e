import Crypto
import Foundation
import Groundwork
import Hummingbird
import NIOCore
import _CryptoExtras

/// Google's OAuth2 token endpoint and Merchant API `productInputs`, as the sandbox plays them. The JWT is
/// checked here with the sandbox's own code: RS256 signature against the service account's public key,
/// issuer, scope and lifetime.
enum GoogleMerchantSimulator {
    static let marketplace = "google-merchant"

    static func token(_ request: Request, state: SandboxState, credentials: SandboxCredentials) async throws -> Response
    {
        let form = String(buffer: try await request.body.collect(upTo: 1 << 20))
        var fields: [String: String] = [:]
        for pair in form.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map {
                String($0).removingPercentEncoding ?? String($0)
            }
            if parts.count == 2 { fields[parts[0]] = parts[1] }
        }
        guard fields["grant_type"] == "urn:ietf:params:oauth:grant-type:jwt-bearer", let assertion = fields["assertion"]
        else {
            return Self.oauthError("unsupported_grant_type", "grant_type must be the JWT bearer grant")
        }
        guard let account = credentials.googleServiceAccount else {
            return Self.oauthError("invalid_client", "the sandbox has no service account")
        }
        if let problem = Self.problem(with: assertion, account: account, now: Date()) {
            return Self.oauthError("invalid_grant", problem)
        }
        await state.countRequest("google-token")
        let token = await state.google.issueToken(now: Date())
        let body = JSONValue.object([
            ("access_token", .string(token)), ("expires_in", .number("3600")), ("token_type", .string("Bearer")),
        ])
        return SandboxServer.json(200, Data(body.serialized.utf8))
    }

    /// Why the assertion is not acceptable, or `nil`.
    static func problem(with assertion: String, account: (email: String, publicKeyPEM: String), now: Date) -> String? {
        let parts = assertion.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 3, let headerData = Self.base64URLDecode(parts[0]),
            let claimsData = Self.base64URLDecode(parts[1]),
            let signature = Self.base64URLDecode(parts[2]), let header = try? JSONValue.parse(headerData),
            let claims = try? JSONValue.parse(claimsData)
        else { return "the assertion is not a JWT" }
        guard header["alg"]?.text == "RS256" else { return "the JWT must be signed RS256" }
        guard let key = try? _RSA.Signing.PublicKey(pemRepresentation: account.publicKeyPEM),
            key.isValidSignature(
                _RSA.Signing.RSASignature(rawRepresentation: signature),
                for: Data((parts[0] + "." + parts[1]).utf8),
                padding: .insecurePKCS1v1_5
            )
        else { return "Invalid JWT Signature." }
        guard claims["iss"]?.text == account.email else { return "the issuer is not the service account" }
        guard claims["scope"]?.text?.split(separator: " ").contains("https://www.googleapis.com/auth/content") == true
        else {
            return "the scope does not include https://www.googleapis.com/auth/content"
        }
        let nowSeconds = Int(now.timeIntervalSince1970)
        guard let expires = claims["exp"]?.text.flatMap(Int.init), let issued = claims["iat"]?.text.flatMap(Int.init),
            expires > nowSeconds, issued <= nowSeconds + 60, expires - issued <= 3600
        else { return "Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe" }
        return nil
    }

    /// What one Merchant API call gets back: in its own HTTP answer, or as a part of a batch's.
    struct APIAnswer: Sendable {
        var status: Int
        var body: Data
        var retryAfter = false

        var response: Response {
            SandboxServer.json(self.status, self.body, headers: self.retryAfter ? [.retryAfter: "1"] : [:])
        }
    }

    static func insert(_ request: Request, context: some RequestContext, state: SandboxState, contract: APIContract)
        async throws -> Response
    {
        if let refusal = await Self.authorize(request.headers[.authorization], state: state) { return refusal.response }
        return try await Self.insert(
            merchant: try context.parameters.require("account"),
            dataSource: request.uri.queryParameters.get("dataSource").map { String($0) },
            body: Data(try await request.body.collect(upTo: 4 << 20).readableBytesView),
            state: state,
            contract: contract
        ).response
    }

    /// `productInputs.insert`, its body parsed as Merchant API's proto3 JSON parser does (by the contract in
    /// `Adapters/GoogleMerchant/Contract/`), refused in its words.
    static func insert(merchant: String, dataSource: String?, body: Data, state: SandboxState, contract: APIContract)
        async throws -> APIAnswer
    {
        guard let dataSource, dataSource.hasPrefix("accounts/\(merchant)/dataSources/") else {
            return Self.apiError(
                400,
                "INVALID_ARGUMENT",
                "dataSource must name a data source of account \(merchant)",
                reason: "INVALID_DATA_SOURCE"
            )
        }
        if let parsed = try? JSONValue.parse(body),
            let violation = contract.violation(
                of: parsed,
                "POST",
                "/products/v1/accounts/\(merchant)/productInputs:insert"
            )
        {
            return Self.apiError(
                400,
                "INVALID_ARGUMENT",
                MerchantAPIWording.refusal(violation, in: parsed),
                reason: "INVALID_ARGUMENT"
            )
        }
        guard let body = try? JSONValue.parse(body), let offer = body["offerId"]?.text,
            let language = body["contentLanguage"]?.text,
            let label = body["feedLabel"]?.text, let attributes = body["productAttributes"]
        else {
            return Self.apiError(
                400,
                "INVALID_ARGUMENT",
                "offerId, contentLanguage, feedLabel and productAttributes are required",
                reason: "MISSING_FIELD"
            )
        }
        for field in ["title", "link", "imageLink", "availability"] where attributes[field] == nil {
            return Self.apiError(
                400,
                "INVALID_ARGUMENT",
                "productAttributes.\(field) is required",
                reason: "MISSING_FIELD"
            )
        }
        guard let micros = attributes["price"]?["amountMicros"]?.text, Int64(micros) != nil,
            attributes["price"]?["currencyCode"]?.text?.count == 3
        else {
            return Self.apiError(
                400,
                "INVALID_ARGUMENT",
                "productAttributes.price needs amountMicros (int64) and currencyCode",
                reason: "INVALID_PRICE"
            )
        }
        if case .fault(let response) = try await Self.fault(state) { return response }
        await state.upsert("google-merchant", id: offer, item: body.serialized)
        let name = "accounts/\(merchant)/productInputs/\(language)~\(label)~\(offer)"
        return APIAnswer(
            status: 200,
            body: Data(JSONValue.object([("name", .string(name)), ("offerId", .string(offer))]).serialized.utf8)
        )
    }

    static func delete(_ request: Request, context: some RequestContext, state: SandboxState) async throws -> Response {
        if let refusal = await Self.authorize(request.headers[.authorization], state: state) { return refusal.response }
        return try await Self.delete(
            name: try context.parameters.require("name"),
            dataSource: request.uri.queryParameters.get("dataSource").map { String($0) },
            state: state
        ).response
    }

    /// `productInputs.delete`: `name` and `dataSource` are both required (DeleteProductInputRequest).
    static func delete(name: String, dataSource: String?, state: SandboxState) async throws -> APIAnswer {
        guard let dataSource, dataSource.contains("/dataSources/") else {
            return Self.apiError(
                400,
                "INVALID_ARGUMENT",
                "Required parameter: dataSource",
                reason: "REQUIRED_FIELD_MISSING"
            )
        }
        guard let offer = name.split(separator: "~").last.map(String.init) else {
            return Self.apiError(
                400,
                "INVALID_ARGUMENT",
                "the name must be language~label~offerId",
                reason: "INVALID_NAME"
            )
        }
        if case .fault(let response) = try await Self.fault(state) { return response }
        await state.delete("google-merchant", id: offer)
        return APIAnswer(status: 200, body: Data("{}".utf8))
    }

    private enum FaultAnswer {
        case none
        case fault(APIAnswer)
    }

    private static func fault(_ state: SandboxState) async throws -> FaultAnswer {
        switch await state.nextFault() {
        case .slow:
            try await Task.sleep(for: state.faults.slowness)
            return .none
        case .serverError:
            return .fault(Self.apiError(500, "INTERNAL", "Internal error encountered.", reason: "INTERNAL"))
        case .rateLimited:
            return .fault(
                Self.apiError(
                    429,
                    "RESOURCE_EXHAUSTED",
                    "Quota exceeded",
                    reason: "quota/request_rate_too_high",
                    retryAfter: true
                )
            )
        default: return .none
        }
    }

    /// A refusal unless `header` carries a token the sandbox issued and that has not expired.
    static func authorize(_ header: String?, state: SandboxState) async -> APIAnswer? {
        guard let header, header.hasPrefix("Bearer "),
            await state.google.isValid(token: String(header.dropFirst(7)), now: Date())
        else {
            return Self.apiError(
                401,
                "UNAUTHENTICATED",
                "Request had invalid authentication credentials.",
                reason: "ACCESS_TOKEN_EXPIRED"
            )
        }
        return nil
    }

    /// An AIP-193 error body, as the Merchant API answers.
    static func apiError(_ code: Int, _ status: String, _ message: String, reason: String, retryAfter: Bool = false)
        -> APIAnswer
    {
        let body = JSONValue.object([
            (
                "error",
                .object([
                    ("code", .number(String(code))), ("message", .string(message)), ("status", .string(status)),
                    (
                        "details",
                        .array([
                            .object([
                                ("@type", .string("type.googleapis.com/google.rpc.ErrorInfo")),
                                ("reason", .string(reason)),
                                ("domain", .string("merchantapi.googleapis.com")),
                                ("metadata", .object([("REASON", .string(reason))])),
                            ])
                        ])
                    ),
                ])
            )
        ])
        return APIAnswer(status: code, body: Data(body.serialized.utf8), retryAfter: retryAfter)
    }

    static func oauthError(_ error: String, _ description: String) -> Response {
        let body = JSONValue.object([("error", .string(error)), ("error_description", .string(description))])
        return SandboxServer.json(400, Data(body.serialized.utf8))
    }

    static func base64URLDecode(_ text: String) -> Data? {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        return Data(base64Encoded: base64)
    }
}
