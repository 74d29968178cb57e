import Foundation
import OCOPCatalog
import Publishing
import Transport

/// Signed calls to one TikTok Shop: `app_key`, `timestamp`, `shop_cipher` and `sign` in the query, the
/// seller's token in `x-tts-access-token`, the JSON body signed byte for byte (an upload's multipart body is
/// not); answers read from TikTok's envelope (`code` 0 on success), errors sorted by `TikTokShopErrors`.
struct TikTokShopAPI {
    let endpoint: URL
    let appKey: String
    let appSecret: String
    let accessToken: String
    let shopCipher: String
    let client: any HTTPClient

    init(account: MarketplaceAccount, client: any HTTPClient) throws(PublishingError) {
        self.endpoint = try account.endpoint()
        self.appKey = try account.require("app_key")
        self.appSecret = try account.require("app_secret")
        self.accessToken = try account.require("access_token")
        self.shopCipher = try account.require("shop_cipher")
        self.client = client
    }

    /// Calls `path` with `method` and a JSON `body`; returns the answer's `data`.
    func call(_ method: String, _ path: String, body: JSONValue, references: RemoteReferences?) async throws
        -> JSONValue
    {
        let data = Data(body.serialized.utf8)
        return try await self.send(method, path, body: data, contentType: "application/json", references: references)
    }

    /// Uploads `image` as a main image; its URI.
    func uploadImage(_ image: DownloadedImage) async throws -> String {
        let parts = [
            MultipartFormData.Part(
                name: "data",
                fileName: image.fileName,
                contentType: image.contentType,
                data: image.data
            ),
            MultipartFormData.Part(name: "use_case", value: "MAIN_IMAGE"),
        ]
        let form = MultipartFormData.body(parts)
        let data = try await self.send(
            "POST",
            "/product/202309/images/upload",
            body: form.data,
            contentType: form.contentType,
            references: nil
        )
        guard let uri = data["uri"]?.text, !uri.isEmpty else {
            throw ItemFailure("TikTok Shop's image upload answer has no uri")
        }
        return uri
    }

    private func send(_ method: String, _ path: String, body: Data, contentType: String, references: RemoteReferences?)
        async throws -> JSONValue
    {
        var query = [
            "app_key": self.appKey, "timestamp": String(Int64(Date().timeIntervalSince1970)),
            "shop_cipher": self.shopCipher,
        ]
        query["sign"] = TikTokShopSignature.sign(
            path: path,
            query: query,
            body: body,
            multipart: contentType.hasPrefix("multipart/form-data"),
            appSecret: self.appSecret
        )
        let url = self.endpoint.appending(path: String(path.dropFirst()))
            .appending(queryItems: query.sorted { $0.key < $1.key }.map { URLQueryItem(name: $0.key, value: $0.value) })
        let request = HTTPRequest(
            method: method,
            url: url,
            headers: [("Content-Type", contentType), ("x-tts-access-token", self.accessToken)],
            body: body
        )
        let response: HTTPResponse
        do {
            response = try await self.client.send(request)
        } catch {
            throw PublishingError(.unreachable, "tiktok-shop: \(error.message)")
        }
        guard let answer = try? JSONValue.parse(response.body), let code = answer["code"]?.text.flatMap(Int.init) else {
            throw ItemFailure(
                "TikTok Shop answered HTTP \(response.status) without its JSON envelope",
                references: references
            )
        }
        guard code == 0, (200..<300).contains(response.status) else {
            throw TikTokShopErrors.classify(code: code, status: response.status).refusal(
                answer["message"]?.text ?? "refused",
                code: String(code),
                marketplace: "tiktok-shop",
                name: "TikTok Shop",
                references: references
            )
        }
        return answer["data"] ?? .object([])
    }
}
