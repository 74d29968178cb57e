import Foundation
import Groundwork
import HTTPTypes
import Hummingbird

/// A TikTok shop (Partner API 202309) as the sandbox plays it, under `/tiktok`: `sign` checked with the
/// sandbox's own code (the app secret wrapped around the path, the sorted query but `sign` and
/// `access_token`, and the raw body unless multipart), the timestamp within [now − 5 min, now + 30 s], the
/// `x-tts-access-token` header and a `shop_cipher`. `POST /product/202309/images/upload` takes a JPEG or PNG
/// and gives a URI; `POST /product/202309/products` wants a 25–255 character title, a leaf category, uploaded
/// image URIs, a VND price and a warehouse, and honours `idempotency_key`; `PUT …/products/{id}` edits and
/// `DELETE …/products` removes.
enum TikTokShopSimulator {
    static let marketplace = "tiktok-shop"

    static func handle(_ request: Request, state: SandboxState, keys: SignedAPICredentials) async throws -> Response {
        let path = request.uri.path.replacingOccurrences(of: "/tiktok", with: "", options: .anchored)
        let body = Data(try await request.body.collect(upTo: 32 << 20).readableBytesView)
        if let refusal = Self.refusal(request, path: path, body: body, keys: keys) { return refusal }
        await state.countRequest(Self.marketplace)
        let fault = try await SandboxFaults.answer(state) { kind in
            kind == .serverError
                ? Self.error(503, 36_009_005, "Service unavailable, please retry")
                : Self.error(429, 36_009_002, "Too many requests")
        }
        if let fault { return fault }
        if path == "/product/202309/images/upload" {
            return await Self.upload(body, contentType: request.headers[.contentType], state: state)
        }
        guard let json = try? JSONValue.parse(body), case .object = json else {
            return Self.error(400, 36_009_022, "The body is not JSON")
        }
        switch (request.method, path) {
        case (.post, "/product/202309/products"): return await Self.create(json, state: state)
        case (.delete, "/product/202309/products"):
            for id in json["product_ids"]?.elements.compactMap(\.text) ?? [] {
                guard await state.unlist(Self.marketplace, id: id) != nil else {
                    return Self.error(200, 12_052_048, "Product \(id) does not exist")
                }
            }
            return Self.answer(.object([]))
        case (.put, let edit) where edit.hasPrefix("/product/202509/products/"):
            // Edit Product 202509, the current version; 202309's edit is retired here, so a client still on it shows.
            return await Self.edit(json, id: String(edit.dropFirst("/product/202509/products/".count)), state: state)
        default: return Self.error(404, 36_009_003, "Path not found")
        }
    }

    /// Why the call's credentials are refused, or `nil`.
    private static func refusal(_ request: Request, path: String, body: Data, keys: SignedAPICredentials) -> Response? {
        var query: [String: String] = [:]
        for (name, value) in request.uri.queryParameters {
            query[String(name)] = String(value).removingPercentEncoding ?? String(value)
        }
        guard query["app_key"] == keys.tiktokAppKey else { return Self.error(401, 36_009_004, "Invalid app_key") }
        guard let timestamp = query["timestamp"].flatMap(Double.init),
            (-300...30).contains(timestamp - Date().timeIntervalSince1970)
        else { return Self.error(401, 36_009_004, "Invalid timestamp: too old or more than 30 s ahead") }
        var text = path
        for key in query.keys.sorted() where key != "sign" && key != "access_token" { text += key + (query[key] ?? "") }
        var signed = Data((keys.tiktokAppSecret + text).utf8)
        if !(request.headers[.contentType] ?? "").hasPrefix("multipart/form-data") { signed.append(body) }
        signed.append(Data(keys.tiktokAppSecret.utf8))
        guard query["sign"] == SignedMarketplaceAPIs.hmac(signed, key: keys.tiktokAppSecret) else {
            return Self.error(401, 106_001, "Invalid sign")
        }
        guard let token = request.headers[HTTPField.Name("x-tts-access-token")!], token == keys.tiktokAccessToken
        else { return Self.error(401, 105_002, "The access token is invalid or expired") }
        guard !(query["shop_cipher"] ?? "").isEmpty else { return Self.error(400, 106_013, "shop_cipher is missing") }
        return nil
    }

    private static func upload(_ body: Data, contentType: String?, state: SandboxState) async -> Response {
        guard let parts = SimulatorMultipart.parts(body, contentType: contentType),
            let image = parts.first(where: { $0.disposition("name") == "data" && $0.disposition("filename") != nil })
        else { return Self.error(400, 36_009_023, "multipart/form-data with a data file is required") }
        guard SandboxImages.isJPEGOrPNG(image.content) else {
            return Self.error(200, 12_052_217, "The image format is not supported")
        }
        let uri = await state.storeImage(Self.marketplace, prefix: "tos-alisg-i-sandbox-")
        return Self.answer(
            .object([
                ("uri", .string(uri)), ("url", .string("https://p16-oec-va.ibyteimg.com/\(uri)~tplv.jpeg")),
                (
                    "use_case",
                    .string(
                        parts.first { $0.disposition("name") == "use_case" }.map {
                            String(decoding: $0.content, as: UTF8.self)
                        }
                            ?? "MAIN_IMAGE"
                    )
                ),
            ])
        )
    }

    private static func create(_ product: JSONValue, state: SandboxState) async -> Response {
        if let problem = await Self.problem(product, state: state) { return problem }
        let sku = product["skus"]?[0]?["seller_sku"]?.text ?? ""
        let key = product["idempotency_key"]?.text
        if let key, let earlier = await state.idempotent(Self.marketplace, key: key) {
            return Self.created(id: earlier)  // the same request again: the same product
        }
        let id = await state.list(Self.marketplace, sku: sku)
        if let key { await state.remember(Self.marketplace, key: key, id: id) }
        await state.upsert(Self.marketplace, id: sku, item: product.serialized)
        return Self.created(id: id)
    }

    private static func edit(_ product: JSONValue, id: String, state: SandboxState) async -> Response {
        guard let sku = await state.listedSKU(Self.marketplace, id: id) else {
            return Self.error(200, 12_052_048, "Product \(id) does not exist")
        }
        guard product["skus"]?[0]?["id"]?.text == "\(id)01" else {
            return Self.error(200, 12_052_049, "An edit must name the SKU's id, or the SKU is deleted")
        }
        if let problem = await Self.problem(product, state: state) { return problem }
        await state.upsert(Self.marketplace, id: sku, item: product.serialized)
        return Self.answer(.object([("product_id", .string(id))]))
    }

    /// What create and edit refuse: TikTok Shop's checks, with its codes.
    private static func problem(_ product: JSONValue, state: SandboxState) async -> Response? {
        // Create Product: package_weight.unit KILOGRAM or POUND, package_dimensions.unit CENTIMETER or INCH.
        if let unit = product["package_weight"]?["unit"]?.text, !["KILOGRAM", "POUND"].contains(unit) {
            return Self.error(400, 12_052_001, "package_weight.unit must be KILOGRAM or POUND")
        }
        if let unit = product["package_dimensions"]?["unit"]?.text, !["CENTIMETER", "INCH"].contains(unit) {
            return Self.error(400, 12_052_001, "package_dimensions.unit must be CENTIMETER or INCH")
        }
        let title = product["title"]?.text ?? ""
        guard (25...255).contains(title.count) else {
            return Self.error(200, 12_052_016, "The title must be 25 to 255 characters long in this market")
        }
        guard !(product["description"]?.text ?? "").isEmpty else {
            return Self.error(200, 12_052_015, "The description is required")
        }
        guard SandboxCategories.isLeaf(product["category_id"]?.text, on: Self.marketplace) else {
            return Self.error(200, 12_052_023, "Category \(product["category_id"]?.text ?? "") does not exist")
        }
        let images = product["main_images"]?.elements.compactMap { $0["uri"]?.text } ?? []
        guard !images.isEmpty else { return Self.error(200, 12_052_028, "A main image is required") }
        guard images.count <= 9 else { return Self.error(200, 12_052_306, "At most 9 main images") }
        for uri in images where await !state.hasImage(Self.marketplace, id: uri) {
            return Self.error(200, 12_052_028, "Main image \(uri) was not uploaded to TikTok Shop")
        }
        let sku = product["skus"]?[0]
        guard sku?["price"]?["currency"]?.text == "VND",
            let amount = sku?["price"]?["amount"]?.text.flatMap(Int.init), (1...180_000_000).contains(amount)
        else { return Self.error(200, 12_052_073, "The price must be 1 to 180,000,000 VND") }
        guard !(sku?["inventory"]?[0]?["warehouse_id"]?.text ?? "").isEmpty else {
            return Self.error(200, 12_052_074, "The inventory needs a warehouse_id")
        }
        return nil
    }

    private static func created(id: String) -> Response {
        Self.answer(.object([("product_id", .string(id)), ("skus", .array([.object([("id", .string("\(id)01"))])]))]))
    }

    private static func answer(_ data: JSONValue) -> Response {
        let answer = JSONValue.object([
            ("code", .number("0")), ("message", .string("Success")), ("request_id", .string("sandbox")), ("data", data),
        ])
        return SandboxServer.json(200, Data(answer.serialized.utf8))
    }

    private static func error(_ status: Int, _ code: Int, _ message: String) -> Response {
        let answer = JSONValue.object([
            ("code", .number(String(code))), ("message", .string(message)), ("request_id", .string("sandbox")),
        ])
        return SandboxServer.json(status, Data(answer.serialized.utf8))
    }
}
