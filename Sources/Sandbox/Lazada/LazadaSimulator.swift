import Foundation
import Groundwork
import Hummingbird

/// A Lazada seller (Open Platform) as the sandbox plays it, under `/lazada/rest`: parameters from the query
/// and the form body, `sign` checked with the sandbox's own code (the API path, then every parameter but
/// `sign` in key order, HMAC-SHA256 uppercase), the timestamp within 7200 s, answers in Lazada's envelope.
/// `/image/migrate` takes an image URL (not an IP address) and gives a Lazada-hosted one;
/// `/product/create` (JSON or XML payload) wants a leaf category, only Lazada-hosted images, a new
/// SellerSku; `/product/update` and `/product/price_quantity/update` an item it has. As Lazada's references
/// say: `/product/deactivate` takes one parameter, `apiRequestBody`, whose `ItemId` is mandatory
/// (DeactivateProduct); `GET /product/item/get` requires `item_id` (`seller_sku` is no longer supported since
/// 2023-11-15, GetProductItem); `GET /products/get` finds items by `sku_seller_list` (GetProducts).
enum LazadaSimulator {
    static let marketplace = "lazada"

    static func handle(_ request: Request, state: SandboxState, keys: SignedAPICredentials, contract: APIContract)
        async throws -> Response
    {
        let isAuthorizationService = request.uri.path.hasPrefix("/lazada-auth/rest/")
        let apiPath = request.uri.path.replacingOccurrences(
            of: isAuthorizationService ? "/lazada-auth/rest" : "/lazada/rest",
            with: "",
            options: .anchored
        )
        var parameters: [String: String] = [:]
        for (name, value) in request.uri.queryParameters {
            parameters[String(name)] = String(value).removingPercentEncoding ?? String(value)
        }
        if request.method == .post {
            let form = String(decoding: try await request.body.collect(upTo: 8 << 20).readableBytesView, as: UTF8.self)
            for pair in form.split(separator: "&") {
                let parts = pair.split(separator: "=", maxSplits: 1).map {
                    String($0).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String($0)
                }
                if parts.count == 2 { parameters[parts[0]] = parts[1] }
            }
        }
        if let refusal = Self.refusal(parameters, apiPath: apiPath, keys: keys) { return refusal }
        if isAuthorizationService {
            let given = JSONValue.object(parameters.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) })
            if let violation = contract.violation(of: given, "POST", apiPath, part: "parameters") {
                return violation.kind == .missing
                    ? Self.missing(violation.field) : Self.error("4132", "Invalid Request Format: \(violation)")
            }
            return await Self.token(apiPath, parameters, state: state)
        }
        guard
            await state.tokens.check(Self.marketplace, token: parameters["access_token"], fixed: keys.lazadaAccessToken)
                == .valid
        else { return Self.error("IllegalAccessToken", "The specified access token is invalid or expired") }
        await state.countRequest(Self.marketplace)
        let fault = try await SandboxFaults.answer(state) { kind in
            kind == .serverError
                ? Self.error("SYSTEM_ERROR", "System error, please retry", status: 500, type: "SYSTEM")
                : Self.error("ApiCallLimit", "The request has exceeded the limit of this API", status: 429)
        }
        if let fault { return fault }
        if apiPath == "/seller/get" { return Self.answer(.object([("seller_id", .number("1000001"))])) }
        let given = JSONValue.object(parameters.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) })
        if let violation = contract.violation(of: given, request.method.rawValue, apiPath, part: "parameters") {
            return violation.kind == .missing
                ? Self.missing(violation.field) : Self.error("4132", "Invalid Request Format: \(violation)")
        }
        switch apiPath {
        case "/category/tree/get": return await Self.categoryTree(parameters, state: state)
        case "/category/attributes/get": return await Self.categoryAttributes(parameters, state: state)
        case "/product/item/get": return await Self.item(parameters, state: state)
        case "/products/get": return await Self.products(parameters, state: state)
        case "/product/deactivate": return await Self.deactivate(parameters, state: state, contract: contract)
        default: break
        }
        guard let text = parameters["payload"], let payload = Self.parse(text) else {
            return Self.error("4132", "Invalid Request Format: the payload is neither JSON nor XML")
        }
        switch apiPath {
        case "/image/migrate": return await Self.migrate(payload, state: state)
        case "/product/create": return await Self.create(payload["Product"], state: state)
        case "/product/update", "/product/price_quantity/update":
            return await Self.change(payload["Product"], apiPath: apiPath, state: state)
        default: return Self.error("InvalidApiPath", "The specified API path is invalid", status: 404)
        }
    }

    /// `oauth/authorize` on the authorization service: the seller would log in here; the sandbox's seller allows
    /// at once and the browser is sent to `redirect_uri` with a code (single use) and the `state` given.
    static func authorize(_ request: Request, state: SandboxState, keys: SignedAPICredentials) async -> Response {
        let query = request.uri.queryParameters
        func value(_ name: String) -> String? {
            query.get(name).map { String($0).removingPercentEncoding ?? String($0) }
        }
        guard value("client_id") == keys.lazadaAppKey, value("response_type") == "code",
            let redirect = value("redirect_uri"), var target = URLComponents(string: redirect), target.scheme != nil
        else {
            return Self.error(
                "InvalidParameter",
                "client_id, response_type=code and redirect_uri are required",
                status: 400
            )
        }
        let code = await state.tokens.issueCode(Self.marketplace, shop: Self.sellerID)
        target.queryItems =
            (target.queryItems ?? []) + [URLQueryItem(name: "code", value: code)]
            + (value("state").map { [URLQueryItem(name: "state", value: $0)] } ?? [])
        return Response(status: .found, headers: [.location: target.string ?? redirect])
    }

    /// The sandbox seller's id.
    static let sellerID = "1000001"

    /// `/auth/token/create` (a code) and `/auth/token/refresh` (a refresh token) on the authorization service:
    /// a new pair, with `expires_in` and `refresh_expires_in` in seconds, at the top level of the answer.
    private static func token(_ apiPath: String, _ parameters: [String: String], state: SandboxState) async
        -> Response
    {
        let pair: SandboxTokens.Pair
        switch apiPath {
        case "/auth/token/create":
            guard let code = parameters["code"] else { return Self.missing("code") }
            guard let issued = await state.tokens.exchange(Self.marketplace, code: code) else {
                return Self.error("InvalidCode", "Invalid authorization code")
            }
            pair = issued
        case "/auth/token/refresh":
            guard let refresh = parameters["refresh_token"] else { return Self.missing("refresh_token") }
            guard let issued = await state.tokens.renew(Self.marketplace, refreshToken: refresh) else {
                return Self.error("IllegalRefreshToken", "The specified refresh token is invalid or expired")
            }
            pair = issued
        default: return Self.error("InvalidApiPath", "The specified API path is invalid", status: 404)
        }
        let answer = JSONValue.object([
            ("access_token", .string(pair.access)), ("refresh_token", .string(pair.refresh)),
            ("country", .string("vn")), ("account_platform", .string("seller_center")),
            ("expires_in", .number(String(Int(pair.accessExpires.timeIntervalSinceNow.rounded())))),
            ("refresh_expires_in", .number(String(Int(pair.refreshExpires.timeIntervalSinceNow.rounded())))),
            ("account", .string("ocop-sandbox@lazada.vn")),
            (
                "country_user_info",
                .array([
                    .object([
                        ("country", .string("vn")), ("seller_id", .string(pair.shop)), ("user_id", .string("2000001")),
                        ("short_code", .string("VN\(pair.shop)")),
                    ])
                ])
            ),
            ("code", .string("0")), ("request_id", .string("sandbox")),
        ])
        return SandboxServer.json(200, Data(answer.serialized.utf8))
    }

    /// Why the call's credentials are refused, or `nil`.
    private static func refusal(_ parameters: [String: String], apiPath: String, keys: SignedAPICredentials)
        -> Response?
    {
        guard parameters["app_key"] == keys.lazadaAppKey else { return Self.error("InvalidAppKey", "Invalid app_key") }
        guard parameters["sign_method"] == "sha256", let sign = parameters["sign"] else {
            return Self.error(
                "MissingParameter",
                "The input parameter sign or sign_method that is mandatory is missing"
            )
        }
        guard let timestamp = parameters["timestamp"].flatMap(Double.init),
            abs(Date().timeIntervalSince1970 - timestamp / 1000) <= 7200
        else { return Self.error("InvalidTimestamp", "The timestamp is more than 7200 seconds from UTC") }
        var text = apiPath
        for key in parameters.keys.sorted() where key != "sign" {
            guard let value = parameters[key], !value.isEmpty else { continue }
            text += key + value
        }
        guard sign == SignedMarketplaceAPIs.hmac(Data(text.utf8), key: keys.lazadaAppSecret).uppercased() else {
            return Self.error("IncompleteSignature", "The request signature does not conform to lazop standards")
        }
        return nil
    }

    /// The `Request` content of a JSON or XML payload.
    private static func parse(_ text: String) -> JSONValue? {
        if text.hasPrefix("{") { return (try? JSONValue.parse(Data(text.utf8)))?["Request"] }
        guard let document = SimulatorXML.parse(Data(text.utf8), arrays: ["Image", "Sku"]),
            document.root == "Request"
        else { return nil }
        return document.value
    }

    private static func migrate(_ payload: JSONValue, state: SandboxState) async -> Response {
        guard let url = (payload["Image"]?["Url"] ?? payload["Image"]?[0]?["Url"])?.text.flatMap(URL.init(string:)),
            ["http", "https"].contains(url.scheme ?? ""), let host = url.host(), !host.isEmpty,
            host.contains(where: \.isLetter), [nil, 80, 443].contains(url.port)
        else { return Self.error("E303", "Image url is invalid: http(s), ports 80/443, no IP addresses") }
        let id = await state.storeImage(Self.marketplace, prefix: "sandbox-")
        return Self.answer(
            .object([
                (
                    "image",
                    .object([
                        ("url", .string("https://vn-live-02.slatic.net/p/\(id).png")), ("hash_code", .string(id)),
                    ])
                )
            ])
        )
    }

    private static func create(_ product: JSONValue?, state: SandboxState) async -> Response {
        guard let product, let sku = product["Skus"]?["Sku"]?[0], let sellerSku = sku["SellerSku"]?.text else {
            return Self.error("4110", "Skus.Sku.SellerSku is mandatory")
        }
        if let problem = await Self.problem(product, sku: sku, state: state) { return problem }
        guard await state.listedID(Self.marketplace, sku: sellerSku) == nil else {
            return Self.error("4105", "SellerSku repeat: \(sellerSku) already exists")
        }
        let id = await state.list(Self.marketplace, sku: sellerSku)
        await state.upsert(Self.marketplace, id: sellerSku, item: Self.stored(product, sku: sku).serialized)
        let skuList = JSONValue.object([
            ("seller_sku", .string(sellerSku)), ("shop_sku", .string("\(id)_VNAMZ-\(id)01")),
            ("sku_id", .number("\(id)01")),
        ])
        return Self.answer(.object([("item_id", .number(id)), ("sku_list", .array([skuList]))]))
    }

    private static func change(_ product: JSONValue?, apiPath: String, state: SandboxState) async -> Response {
        let sku = product?["Skus"]?["Sku"]?[0]
        guard let item = (product?["ItemId"] ?? sku?["ItemId"])?.text,
            let sellerSku = await state.listedSKU(Self.marketplace, id: item)
        else { return Self.error("208", "Item not found: ItemId is missing or unknown") }
        switch apiPath {
        case "/product/update":
            guard let product, let sku, sku["SkuId"]?.text == "\(item)01" else {
                return Self.error("208", "SkuId is missing or not this item's")
            }
            if let problem = await Self.problem(product, sku: sku, state: state) { return problem }
            let prices = await state.item(Self.marketplace, sku: sellerSku)
            var stored = Self.stored(product, sku: sku)
            if case .object(var members) = stored, let prices {
                members.removeAll { ["price", "quantity"].contains($0.0) }
                stored = .object(
                    members + [("price", prices["price"] ?? .null), ("quantity", prices["quantity"] ?? .null)]
                )
            }
            await state.upsert(Self.marketplace, id: sellerSku, item: stored.serialized)
        default:
            guard let sku, sku["SkuId"]?.text == "\(item)01", let price = sku["Price"]?.text, Int(price) != nil,
                case .object(var members)? = await state.item(Self.marketplace, sku: sellerSku)
            else { return Self.error("208", "ItemId, SkuId and a whole Price are mandatory") }
            members.removeAll { ["price", "quantity"].contains($0.0) }
            members += [("price", .string(price)), ("quantity", sku["Quantity"] ?? .null)]
            await state.upsert(Self.marketplace, id: sellerSku, item: JSONValue.object(members).serialized)
        }
        return Self.answer(.object([]))
    }

    /// GetProductItem (its `item_id` checked by the contract).
    private static func item(_ parameters: [String: String], state: SandboxState) async -> Response {
        let id = parameters["item_id"] ?? ""
        guard let sku = await state.listedSKU(Self.marketplace, id: id) else {
            return Self.error("208", "Item not found")
        }
        return Self.answer(.object([("item_id", .number(id)), ("skus", Self.skus(id: id, sellerSku: sku))]))
    }

    /// GetProducts: the items whose seller SKU is in `sku_seller_list` (a JSON array), under `filter`.
    private static func products(_ parameters: [String: String], state: SandboxState) async -> Response {
        let wanted =
            parameters["sku_seller_list"].flatMap { try? JSONValue.parse(Data($0.utf8)) }?.elements
            .compactMap(\.text) ?? []
        var products: [JSONValue] = []
        for sku in wanted {
            guard let id = await state.listedID(Self.marketplace, sku: sku) else { continue }
            products.append(.object([("item_id", .number(id)), ("skus", Self.skus(id: id, sellerSku: sku))]))
        }
        return Self.answer(
            .object([("total_products", .number(String(products.count))), ("products", .array(products))])
        )
    }

    /// DeactivateProduct: `apiRequestBody` (XML or JSON) with a mandatory `ItemId`.
    private static func deactivate(_ parameters: [String: String], state: SandboxState, contract: APIContract)
        async -> Response
    {
        guard let body = parameters["apiRequestBody"].flatMap(Self.parse) else {
            return Self.error("4132", "Invalid Request Format: apiRequestBody is neither JSON nor XML")
        }
        if let violation = contract.violation(of: body, "POST", "/product/deactivate", part: "apiRequestBody") {
            // Without a Product there is no ItemId either: DeactivateProduct's one documented complaint.
            return violation.kind == .missing
                ? Self.error("E0001", "Parameter ItemId is mandatory")
                : Self.error("4132", "Invalid Request Format: \(violation)")
        }
        let item = body["Product"]?["ItemId"]?.text ?? ""
        guard await state.unlist(Self.marketplace, id: item) != nil else {
            return Self.error("E0002", "Product not exists")
        }
        return Self.answer(.object([]))
    }

    private static func skus(id: String, sellerSku: String) -> JSONValue {
        .array([.object([("SkuId", .number("\(id)01")), ("SellerSku", .string(sellerSku))])])
    }

    /// Lazada's answer to a call without a parameter its API requires.
    private static func missing(_ parameter: String) -> Response {
        Self.error(
            "MissingParameter",
            "The input parameter \"\(parameter)\" that is mandatory for processing this request is not supplied"
        )
    }

    /// What create and update refuse: Lazada's checks, with its codes.
    private static func problem(_ product: JSONValue, sku: JSONValue, state: SandboxState) async -> Response? {
        switch await state.categories.standing(product["PrimaryCategory"]?.text, on: Self.marketplace) {
        case .leaf: break
        // CreateProduct's error table: 4134 for a category that has others under it.
        case .notLeaf: return Self.error("4134", "Please select the last level category.")
        case .unknown: return Self.error("201", "Invalid CategoryId \(product["PrimaryCategory"]?.text ?? "")")
        }
        let images = product["Images"]?["Image"]?.elements.compactMap(\.text) ?? []
        guard !images.isEmpty else { return Self.error("4139", "The main image is required") }
        guard images.count <= 8 else { return Self.error("4169", "A product can have at most 8 pictures") }
        guard images.allSatisfy({ $0.hasPrefix("https://vn-live-02.slatic.net/") }) else {
            return Self.error("4139", "Images must be hosted by Lazada: migrate them first")
        }
        let name = product["Attributes"]?["name"]?.text ?? ""
        guard !name.isEmpty, name.count <= 255 else {
            return Self.error("4110", "name is mandatory, at most 255 characters")
        }
        guard product["Attributes"]?["brand_id"]?.text != nil else {
            return Self.error("4142", "brand_id is mandatory")
        }
        for key in ["package_weight", "package_length", "package_width", "package_height"] {
            guard Double(sku[key]?.text ?? "").map({ $0 > 0 }) ?? false else {
                return Self.error("4110", "\(key) is mandatory")
            }
        }
        return await Self.attributeProblem(product, state: state)
    }

    /// What the sandbox keeps of a product: the payload's product, its price and quantity beside it.
    private static func stored(_ product: JSONValue, sku: JSONValue) -> JSONValue {
        guard case .object(let members) = product else { return product }
        return .object(members + [("price", sku["price"] ?? .null), ("quantity", sku["quantity"] ?? .null)])
    }

    /// `/category/tree/get`: the whole tree, nested under `children`, `leaf: true` on the categories products
    /// go in, names in Vietnamese for `language_code=vi_VN` (English otherwise).
    private static func categoryTree(_ parameters: [String: String], state: SandboxState) async -> Response {
        let vietnamese = parameters["language_code"] == "vi_VN"
        let nodes = await state.categories.nodes(Self.marketplace)
        func json(_ node: SandboxCategoryTree.Node) -> JSONValue {
            var members: [(String, JSONValue)] = [
                ("category_id", .number(node.id)), ("name", .string(vietnamese ? node.name : node.englishName)),
                ("leaf", .bool(node.isLeaf)), ("var", .bool(false)),
            ]
            let children = nodes.filter { $0.parentID == node.id }
            if !children.isEmpty { members.append(("children", .array(children.map(json)))) }
            return .object(members)
        }
        return Self.answer(.array(nodes.filter { $0.parentID == nil }.map(json)))
    }

    static func answer(_ data: JSONValue) -> Response {
        SandboxServer.json(
            200,
            Data(
                JSONValue.object([("code", .string("0")), ("data", data), ("request_id", .string("sandbox"))])
                    .serialized.utf8
            )
        )
    }

    /// An error answer: a refused signature or credential (ISV) comes with HTTP 400, a business rule (ISP)
    /// with 200.
    static func error(_ code: String, _ message: String, status: Int? = nil, type: String? = nil) -> Response {
        let isv = ["IncompleteSignature", "InvalidAppKey", "MissingParameter", "InvalidTimestamp"].contains(code)
        return SandboxServer.json(
            status ?? (isv ? 400 : 200),
            Data(
                JSONValue.object([
                    ("code", .string(code)), ("type", .string(type ?? (isv ? "ISV" : "ISP"))),
                    ("message", .string(message)), ("request_id", .string("sandbox")),
                ]).serialized.utf8
            )
        )
    }
}
