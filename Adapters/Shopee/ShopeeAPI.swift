import Foundation
import OCOPCatalog
import Publishing
import Transport

/// Signed calls to one Shopee shop: common parameters and `sign` in the query, request parameters as a JSON
/// body; answers read from Shopee's envelope (`error`, `message`, `response`), errors sorted by
/// `ShopeeErrors` into a failed item, a run that cannot go on, or a busy platform.
struct ShopeeAPI {
    let endpoint: URL
    let partnerID: Int64
    let partnerKey: String
    let shopID: Int64
    let accessToken: String
    let client: any HTTPClient

    init(account: MarketplaceAccount, client: any HTTPClient) throws(PublishingError) {
        func number(_ key: String) throws(PublishingError) -> Int64 {
            guard let value = Int64(try account.require(key)) else {
                throw PublishingError(.account, "marketplaces.shopee.\(key) must be a number")
            }
            return value
        }
        self.endpoint = try account.endpoint()
        self.partnerID = try number("partner_id")
        self.shopID = try number("shop_id")
        self.partnerKey = try account.require("partner_key")
        self.accessToken = try account.require("access_token")
        self.client = client
    }

    /// Calls the shop API at `path` with `body`; returns the answer's `response`. A refusal of the item
    /// throws `ItemFailure` carrying `references` (what Shopee already holds of it). A call that is not
    /// `idempotent` (add_item) is not sent again when its answer is lost.
    func call(_ path: String, body: JSONValue, references: RemoteReferences?, idempotent: Bool = true)
        async throws -> JSONValue
    {
        var request = HTTPRequest(
            method: "POST",
            url: self.url(path, scope: .shop(accessToken: self.accessToken, shopID: self.shopID)),
            headers: [("Content-Type", "application/json")],
            body: Data(body.serialized.utf8)
        )
        request.isIdempotent = idempotent
        return try await self.send(request, references: references)
    }

    /// The id of the shop's item whose SKU is `sku`, if there is one (`product/search_item`).
    func item(sku: String, references: RemoteReferences?) async throws -> String? {
        let url = self.url(
            "/api/v2/product/search_item",
            scope: .shop(accessToken: self.accessToken, shopID: self.shopID)
        )
        .appending(queryItems: [
            URLQueryItem(name: "item_sku", value: sku), URLQueryItem(name: "page_size", value: "1"),
        ])
        let found = try await self.send(HTTPRequest(url: url), references: references)
        return found["item_id_list"]?[0]?.text
    }

    /// Uploads `image` to the media space (a public API: signed without the token and shop); its image id.
    func uploadImage(_ image: DownloadedImage) async throws -> String {
        let parts = [
            MultipartFormData.Part(
                name: "image",
                fileName: image.fileName,
                contentType: image.contentType,
                data: image.data
            ),
            MultipartFormData.Part(name: "scene", value: "normal"),
        ]
        let form = MultipartFormData.body(parts)
        let request = HTTPRequest(
            method: "POST",
            url: self.url("/api/v2/media_space/upload_image", scope: .public),
            headers: [("Content-Type", form.contentType)],
            body: form.data
        )
        let response = try await self.send(request, references: nil)
        guard let id = response["image_info"]?["image_id"]?.text, !id.isEmpty else {
            throw ItemFailure("Shopee's upload_image answer has no image_id")
        }
        return id
    }

    private func url(_ path: String, scope: ShopeeSignature.Scope) -> URL {
        let timestamp = Int64(Date().timeIntervalSince1970)
        var query = [
            URLQueryItem(name: "partner_id", value: String(self.partnerID)),
            URLQueryItem(name: "timestamp", value: String(timestamp)),
        ]
        if case .shop(let token, let shop) = scope {
            query.append(URLQueryItem(name: "access_token", value: token))
            query.append(URLQueryItem(name: "shop_id", value: String(shop)))
        }
        let sign = ShopeeSignature.sign(
            partnerID: self.partnerID,
            path: path,
            timestamp: timestamp,
            scope: scope,
            partnerKey: self.partnerKey
        )
        query.append(URLQueryItem(name: "sign", value: sign))
        return self.endpoint.appending(path: String(path.dropFirst())).appending(queryItems: query)
    }

    private func send(_ request: HTTPRequest, references: RemoteReferences?) async throws -> JSONValue {
        let response: HTTPResponse
        do {
            response = try await self.client.send(request)
        } catch  where error.mayHaveArrived && !request.isIdempotent {
            var unconfirmed = references ?? RemoteReferences()
            unconfirmed.unconfirmed = true
            throw ItemFailure(
                "Shopee did not answer (\(error.message)); the next run looks for the item before creating it",
                references: unconfirmed
            )
        } catch {
            throw PublishingError(.unreachable, "shopee: \(error.message)")
        }
        guard let answer = try? JSONValue.parse(response.body), case .object = answer else {
            throw ItemFailure(
                "Shopee answered HTTP \(response.status) without its JSON envelope",
                references: references
            )
        }
        let error = answer["error"]?.text ?? ""
        guard error.isEmpty, (200..<300).contains(response.status) else {
            let message = answer["message"]?.text ?? "HTTP \(response.status)"
            let code = error.isEmpty ? "HTTP \(response.status)" : error
            throw ShopeeErrors.classify(error: error, message: message).refusal(
                message,
                code: code,
                marketplace: "shopee",
                name: "Shopee",
                references: references
            )
        }
        return answer["response"] ?? .object([])
    }
}
