import Foundation
import Groundwork
import HTTPTypes
import Hummingbird

/// A TikTok shop (Partner API) as the sandbox plays it, under `/tiktok`: `sign` checked with the sandbox's own
/// code (the app secret wrapped around the path, the sorted query but `sign` and `access_token`, and the raw
/// body unless multipart), the timestamp within [now − 5 min, now + 30 s], the `x-tts-access-token` header,
/// and a `shop_cipher` on every call but the image upload, which refuses one. Bodies are judged by the
/// contract (`Adapters/TikTokShop/Contract/`), answered with TikTok's documented codes and messages.
/// `POST /product/202309/images/upload` takes a JPEG or PNG and gives a URI; `POST /product/202309/products`
/// wants a leaf category, uploaded image URIs, a VND price and one of the shop's warehouses, and honours
/// `idempotency_key`; `PUT /product/202509/products/{id}` edits; `DELETE /product/202309/products` removes,
/// reporting each product it could not remove in `data.errors`; `GET /logistics/202309/warehouses` lists the
/// shop's warehouses.
enum TikTokShopSimulator {
    static let marketplace = "tiktok-shop"
    /// The calls TikTok documents without `shop_cipher` (Upload Product Image lists app_key, sign, timestamp).
    static let shopless: Set<String> = ["/product/202309/images/upload", "/authorization/202309/shops"]
    /// The sandbox shop as Get Authorized Shops lists it.
    static let shop = (id: "7494105515082810525", name: "OCOP Đắk Lắk Sandbox", cipher: "ROW_sandbox")
    /// The shop's warehouses, as Get Warehouse List answers them: the default sales warehouse, a disabled
    /// one and the return warehouse.
    static let warehouses: [(id: String, type: String, status: String, isDefault: Bool)] = [
        ("7000714532876273420", "SALES_WAREHOUSE", "ENABLED", true),
        ("7000714532876273421", "SALES_WAREHOUSE", "DISABLED", false),
        ("7000714532876273430", "RETURN_WAREHOUSE", "ENABLED", true),
    ]

    static func handle(_ request: Request, state: SandboxState, keys: SignedAPICredentials, contract: APIContract)
        async throws -> Response
    {
        let path = request.uri.path.replacingOccurrences(of: "/tiktok", with: "", options: .anchored)
        let body = Data(try await request.body.collect(upTo: 32 << 20).readableBytesView)
        let token = await state.tokens.check(
            Self.marketplace,
            token: request.headers[HTTPField.Name("x-tts-access-token")!],
            fixed: keys.tiktokAccessToken
        )
        if let refusal = Self.refusal(request, path: path, body: body, token: token, keys: keys) { return refusal }
        await state.countRequest(Self.marketplace)
        let fault = try await SandboxFaults.answer(state) { kind in
            kind == .serverError
                ? Self.error(
                    500,
                    36_009_003,
                    "Internal error. Please try again. If the issue persists after multiple attempts, please contact platform support."
                )
                : Self.error(
                    429,
                    36_009_002,
                    "Too many requests. You've made too many requests in a short period of time."
                )
        }
        if let fault { return fault }
        if path == "/product/202309/images/upload" {
            return await Self.upload(body, contentType: request.headers[.contentType], state: state)
        }
        if request.method == .get, path == "/logistics/202309/warehouses" { return Self.warehouseList() }
        if request.method == .get, path == "/product/202309/categories" {
            return await Self.categories(request, state: state, contract: contract)
        }
        if request.method == .get, path.hasPrefix("/product/202309/categories/"), path.hasSuffix("/attributes") {
            return await Self.attributes(request, path: path, state: state, contract: contract)
        }
        if request.method == .get, path == "/authorization/202309/shops" {
            let shop = JSONValue.object([
                ("id", .string(Self.shop.id)), ("name", .string(Self.shop.name)), ("region", .string("VN")),
                ("seller_type", .string("LOCAL")), ("cipher", .string(Self.shop.cipher)),
                ("code", .string("VNLCSANDBOX")),
            ])
            return Self.answer(.object([("shops", .array([shop]))]))
        }
        guard let json = try? JSONValue.parse(body), case .object = json else {
            return Self.error(
                400,
                36_009_022,
                "Invalid request format. The request body format must be `application/json` for structured data or `multipart/form-data` for binary files."
            )
        }
        if let violation = contract.violation(of: json, request.method.rawValue, path) {
            return Self.refusal(violation)
        }
        switch (request.method, path) {
        case (.post, "/product/202309/products"): return await Self.create(json, state: state)
        case (.delete, "/product/202309/products"): return await Self.delete(json, state: state)
        case (.put, let edit) where edit.hasPrefix("/product/202509/products/"):
            // Edit Product 202509, the current version; 202309's edit is retired here, so a client still on it shows.
            return await Self.edit(json, id: String(edit.dropFirst("/product/202509/products/".count)), state: state)
        default:
            return Self.error(
                404,
                36_009_009,
                "Invalid path. The specified path does not match any available endpoint."
            )
        }
    }

    /// A body that breaks the contract, answered with the code Create and Edit Product document for it: their
    /// own codes for a missing description or main image and too many main images, else 98001004
    /// ("Parameter {param_name} is invalid. Reason: {reason}. Expected: {expected_value}").
    static func refusal(_ violation: ContractViolation) -> Response {
        switch (violation.path, violation.kind) {
        case ("description", .missing): Self.error(200, 12_052_015, "The product description is required")
        case ("main_images", .missing), ("main_images", .tooFew):
            Self.error(200, 12_052_028, "Main product image is required")
        case ("main_images", .tooMany): Self.error(200, 12_052_306, "main product images count exceed limit")
        default:
            Self.error(
                400,
                98_001_004,
                "Parameter \(violation.path) is invalid. Reason: \(violation.reason). Expected: \(violation.expected)"
            )
        }
    }

    /// Delete Products answers code 0 and lists each product it could not delete in `data.errors`.
    private static func delete(_ body: JSONValue, state: SandboxState) async -> Response {
        var errors: [JSONValue] = []
        for id in body["product_ids"]?.elements.compactMap(\.text) ?? []
        where await state.unlist(Self.marketplace, id: id) == nil {
            errors.append(
                .object([
                    ("code", .number("12052048")),
                    (
                        "message",
                        .string("You cannot edit the specified product(s) as it isn't listed in your account or shop.")
                    ),
                    ("detail", .object([("product_id", .string(id))])),
                ])
            )
        }
        return Self.answer(errors.isEmpty ? .object([]) : .object([("errors", .array(errors))]))
    }

    private static func warehouseList() -> Response {
        let warehouses = Self.warehouses.map { warehouse in
            JSONValue.object([
                ("id", .string(warehouse.id)), ("name", .string("Kho Buôn Ma Thuột")),
                ("effect_status", .string(warehouse.status)), ("type", .string(warehouse.type)),
                ("sub_type", .string("DOMESTIC_WAREHOUSE")), ("is_default", .bool(warehouse.isDefault)),
            ])
        }
        return Self.answer(.object([("warehouses", .array(warehouses))]))
    }

    /// Why the call's credentials are refused, or `nil`.
    private static func refusal(
        _ request: Request,
        path: String,
        body: Data,
        token: SandboxTokens.Verdict,
        keys: SignedAPICredentials
    ) -> Response? {
        var query: [String: String] = [:]
        for (name, value) in request.uri.queryParameters {
            query[String(name)] = String(value).removingPercentEncoding ?? String(value)
        }
        guard query["app_key"] == keys.tiktokAppKey else {
            return Self.error(401, 36_009_004, "Invalid credentials. Invalid `app_key` query parameter.")
        }
        guard let timestamp = query["timestamp"].flatMap(Double.init),
            (-300...30).contains(timestamp - Date().timeIntervalSince1970)
        else {
            return Self.error(
                401,
                36_009_004,
                "Invalid timestamp. The `timestamp` query parameter is more than 5 minutes old or ahead of TikTok's time."
            )
        }
        var text = path
        for key in query.keys.sorted() where key != "sign" && key != "access_token" { text += key + (query[key] ?? "") }
        var signed = Data((keys.tiktokAppSecret + text).utf8)
        if !(request.headers[.contentType] ?? "").hasPrefix("multipart/form-data") { signed.append(body) }
        signed.append(Data(keys.tiktokAppSecret.utf8))
        guard query["sign"] == SignedMarketplaceAPIs.hmac(signed, key: keys.tiktokAppSecret) else {
            return Self.error(401, 106_001, "Invalid credentials. The `sign` query parameter is invalid.")
        }
        switch token {
        case .valid: break
        case .expired:
            return Self.error(
                401,
                105_002,
                "Expired credentials. The `access_token` or `x-tts-access-token` header has expired."
            )
        case .unknown:
            return Self.error(401, 36_009_004, "Invalid credentials. The `x-tts-access-token` header is invalid.")
        }
        if Self.shopless.contains(path) {
            guard query["shop_cipher"] == nil else {
                return Self.error(
                    400,
                    36_009_004,
                    "Unexpected identifier. The `shop_cipher` query parameter is not required for this request."
                )
            }
        } else if (query["shop_cipher"] ?? "").isEmpty {
            return Self.error(
                400,
                106_013,
                "Missing identifier. The `shop_cipher` query parameter is required to identify the target shop."
            )
        }
        return nil
    }

    private static func upload(_ body: Data, contentType: String?, state: SandboxState) async -> Response {
        guard let parts = SimulatorMultipart.parts(body, contentType: contentType),
            let image = parts.first(where: { $0.disposition("name") == "data" && $0.disposition("filename") != nil })
        else {
            return Self.error(
                400,
                36_009_023,
                "Invalid request format. The value of the `content-type` header must be `multipart/form-data`."
            )
        }
        guard SandboxImages.isJPEGOrPNG(image.content) else {
            return Self.error(200, 12_038_004, "Failed to process the image. The format or content is not supported.")
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
            return Self.error(
                200,
                12_052_048,
                "You cannot edit the specified product(s) as it isn't listed in your account or shop."
            )
        }
        if let skuID = product["skus"]?[0]?["id"]?.text, skuID != "\(id)01" {
            return Self.error(200, 12_052_557, "The SKU ID does not belong to the product.")
        }
        if let problem = await Self.problem(product, state: state) { return problem }
        await state.upsert(Self.marketplace, id: sku, item: product.serialized)
        return Self.answer(.object([("product_id", .string(id))]))
    }

    /// What create and edit refuse beyond the contract: TikTok Shop's checks of the shop's own data, with its
    /// documented codes.
    private static func problem(_ product: JSONValue, state: SandboxState) async -> Response? {
        // A Vietnamese shop lists in the v2 category tree; left out, category_version means v1.
        guard product["category_version"]?.text == "v2" else {
            return Self.v1Refused
        }
        switch await state.categories.standing(product["category_id"]?.text, on: Self.marketplace) {
        case .leaf: break
        // Create Product's error table has two codes for a non-leaf; which one a live shop answers is UNVERIFIED
        // (research-15/tiktok-shop.md §4): the sandbox answers the first.
        case .notLeaf: return Self.error(200, 12_052_024, "Category is not final category")
        case .unknown: return Self.error(200, 12_052_023, "Category does not exist")
        }
        for image in product["main_images"]?.elements ?? [] {
            guard let uri = image["uri"]?.text, await state.hasImage(Self.marketplace, id: uri) else {
                return Self.error(200, 12_052_028, "Main product image is required")
            }
        }
        let sku = product["skus"]?[0]
        guard sku?["price"]?["currency"]?.text == "VND",
            let amount = sku?["price"]?["amount"]?.text.flatMap(Int.init), (1...180_000_000).contains(amount)
        else { return Self.error(200, 12_052_073, "The product price is invalid") }
        for entry in sku?["inventory"]?.elements ?? [] {
            let id = entry["warehouse_id"]?.text ?? ""
            guard let warehouse = Self.warehouses.first(where: { $0.id == id && $0.type == "SALES_WAREHOUSE" }) else {
                return Self.error(200, 12_052_530, "The warehouse ' \(id) ' does not belong to this shop/seller.")
            }
            guard warehouse.status == "ENABLED" else {
                return Self.error(200, 12_052_531, "The warehouse is disabled.")
            }
        }
        return await Self.attributeProblem(product, state: state)
    }

    private static func created(id: String) -> Response {
        Self.answer(.object([("product_id", .string(id)), ("skus", .array([.object([("id", .string("\(id)01"))])]))]))
    }

    /// `GET product/202309/categories`: the shop's tree, flat, each category naming its parent (`"0"` at the
    /// first level), names in the `locale` asked (Vietnamese for `vi-VN`), `is_leaf` and `permission_statuses`.
    private static func categories(_ request: Request, state: SandboxState, contract: APIContract) async -> Response {
        let parameters = Self.query(request)
        if let violation = contract.violation(of: parameters, "GET", "/product/202309/categories", part: "query") {
            return Self.refusal(violation)
        }
        guard parameters["category_version"]?.text == "v2" else {
            return Self.v1Refused
        }
        let vietnamese = parameters["locale"]?.text == "vi-VN"
        let list = await state.categories.nodes(Self.marketplace).map { node in
            JSONValue.object([
                ("id", .string(node.id)), ("parent_id", .string(node.parentID ?? "0")),
                ("local_name", .string(vietnamese ? node.name : node.englishName)), ("is_leaf", .bool(node.isLeaf)),
                ("permission_statuses", .array([.string("AVAILABLE")])),
            ])
        }
        return Self.answer(.object([("categories", .array(list))]))
    }

    /// TikTok Shop's answer to a call in the v1 tree (a Vietnamese shop lists in v2; left out, a call means v1).
    static var v1Refused: Response {
        Self.error(
            200,
            12_052_217,
            "All region shops must use V2 categories. Check the documentation for further details."
        )
    }

    /// The query's own parameters (not the signature's), as the contract judges them.
    static func query(_ request: Request) -> JSONValue {
        let common: Set<String> = ["app_key", "timestamp", "sign", "shop_cipher"]
        var given: [(String, JSONValue)] = []
        for (name, value) in request.uri.queryParameters where !common.contains(String(name)) {
            given.append((String(name), .string(String(value).removingPercentEncoding ?? String(value))))
        }
        return .object(given)
    }

    /// A success in TikTok's envelope: `code` 0, `data`.
    static func answer(_ data: JSONValue) -> Response {
        let answer = JSONValue.object([
            ("code", .number("0")), ("message", .string("Success")), ("request_id", .string("sandbox")), ("data", data),
        ])
        return SandboxServer.json(200, Data(answer.serialized.utf8))
    }

    /// A refusal in TikTok's envelope: its `code` and `message`.
    static func error(_ status: Int, _ code: Int, _ message: String) -> Response {
        let answer = JSONValue.object([
            ("code", .number(String(code))), ("message", .string(message)), ("request_id", .string("sandbox")),
        ])
        return SandboxServer.json(status, Data(answer.serialized.utf8))
    }
}
