import FeedKit
import Foundation
import OCOPCatalog
import Publishing
import Transport

/// Signed calls to Lazada for one seller: every parameter — `app_key`, `access_token`, the millisecond
/// `timestamp`, `sign_method`, the business `payload` — and the `sign` over them posted as a form; answers
/// read from Lazada's envelope (`code` "0" on success, else `type`, `message`, `detail`), errors sorted by
/// `LazadaErrors`.
struct LazadaAPI {
    let endpoint: URL
    let appKey: String
    let appSecret: String
    let accessToken: String
    /// `json` (the default) or `xml`: how product payloads are written.
    let payloadFormat: String
    let client: any HTTPClient

    init(account: MarketplaceAccount, client: any HTTPClient) throws(PublishingError) {
        self.endpoint = try account.endpoint()
        self.appKey = try account.require("app_key")
        self.appSecret = try account.require("app_secret")
        self.accessToken = try account.require("access_token")
        self.payloadFormat = account.value("payload_format") ?? "json"
        guard ["json", "xml"].contains(self.payloadFormat) else {
            throw PublishingError(.account, "marketplaces.lazada.payload_format must be json or xml")
        }
        self.client = client
    }

    /// The payload text of `request` (a `{"Request": …}` tree) in the configured format.
    func payload(_ request: JSONValue) throws -> String {
        guard self.payloadFormat == "xml", let content = request["Request"] else { return request.serialized }
        return try XMLPayload.document(root: "Request", content)
    }

    /// The payload `{"Request": {"Product": product}}` in the configured format.
    func request(_ product: JSONValue) throws -> String {
        try self.payload(.object([("Request", .object([("Product", product)]))]))
    }

    /// Calls `apiPath` with `payload`; returns the answer's `data`. A refusal of the item throws
    /// `ItemFailure` carrying `references`.
    func call(_ apiPath: String, payload: String, references: RemoteReferences?) async throws -> JSONValue {
        try await self.call(apiPath, method: "POST", parameters: ["payload": payload], references: references)
    }

    /// Calls `apiPath` with `parameters` and the system ones, signed: in the query for a GET, as a form for a
    /// POST; returns the answer's `data`.
    func call(_ apiPath: String, method: String, parameters business: [String: String], references: RemoteReferences?)
        async throws -> JSONValue
    {
        var parameters = [
            "app_key": self.appKey, "access_token": self.accessToken, "sign_method": "sha256",
            "timestamp": String(Int64(Date().timeIntervalSince1970 * 1000)),
        ].merging(business) { system, _ in system }
        parameters["sign"] = LazadaSignature.sign(apiPath: apiPath, parameters: parameters, appSecret: self.appSecret)
        let form = parameters.sorted { $0.key < $1.key }.map { "\($0.key)=\(Self.formEncoded($0.value))" }
            .joined(separator: "&")
        let url = self.endpoint.appending(path: String(apiPath.dropFirst()))
        let request =
            method == "GET"
            ? HTTPRequest(url: URL(string: url.absoluteString + "?" + form) ?? url)
            : HTTPRequest(
                method: method,
                url: url,
                headers: [("Content-Type", "application/x-www-form-urlencoded;charset=utf-8")],
                body: Data(form.utf8)
            )
        let response: HTTPResponse
        do {
            response = try await self.client.send(request)
        } catch {
            throw PublishingError(.unreachable, "lazada: \(error.message)")
        }
        guard let answer = try? JSONValue.parse(response.body), let code = answer["code"]?.text else {
            throw ItemFailure(
                "Lazada answered HTTP \(response.status) without its JSON envelope",
                references: references
            )
        }
        guard code == "0" else {
            var message = answer["message"]?.text ?? "refused"
            if let detail = answer["detail"]?[0]?["message"]?.text { message += ": \(detail)" }
            throw LazadaErrors.classify(code: code, type: answer["type"]?.text).refusal(
                message,
                code: code,
                marketplace: "lazada",
                name: "Lazada",
                references: references
            )
        }
        return answer["data"] ?? .object([])
    }

    /// `application/x-www-form-urlencoded` text: everything but unreserved characters percent-encoded.
    static func formEncoded(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: Self.unreserved) ?? text
    }

    /// RFC 3986's unreserved characters: ASCII letters and digits, `-._~`.
    private static let unreserved = CharacterSet(
        charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~"
    )
}
