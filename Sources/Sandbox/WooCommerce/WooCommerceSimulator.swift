import Crypto
import Foundation
import Groundwork
import Hummingbird

/// A WooCommerce store's REST API v3 `POST /products/batch`, as the sandbox plays it: Basic
/// authentication, or OAuth 1.0a checked the way WooCommerce's `check_oauth_signature` checks it (the
/// sandbox's own code: consumer key, method, a timestamp within 15 minutes, a nonce used once, the HMAC of
/// the base string keyed with `consumer_secret&`). At most 100 objects a call; refused items answer in place.
///
/// Items are treated as `WC_REST_Controller::batch_items` treats them: WordPress's schema validation never
/// runs on them (the batch route's arguments are the product's own properties, not the lists), so a value
/// outside the schema is not refused but taken the way the product setters take it — an unknown `type` makes a
/// simple product, an unknown `status` a draft, an unknown `stock_status` in stock, a `stock_quantity` that is
/// not a number its leading digits (`intval`) — and only the setters that check refuse (catalog visibility,
/// tax status, a duplicated SKU, an id in a create). The enums come from the contract
/// (`Adapters/WooCommerce/Contract/`). That is why the adapter's own tests judge every product object we send
/// by the schema: the store would not.
enum WooCommerceSimulator {
    static let marketplace = "woocommerce"

    static func batch(
        _ request: Request,
        state: SandboxState,
        credentials: SandboxCredentials,
        contract: APIContract
    ) async throws -> Response {
        if let refusal = await Self.authenticate(request, state: state, credentials: credentials) { return refusal }
        await state.countRequest(Self.marketplace)
        switch await state.nextFault() {
        case .serverError: return Self.error(500, "internal_server_error", "Internal server error.")
        case .rateLimited: return Self.error(429, "rest_too_many_requests", "Too many requests.", retryAfter: true)
        case .slow: try await Task.sleep(for: state.faults.slowness)
        default: break
        }
        let body = Data(try await request.body.collect(upTo: 16 << 20).readableBytesView)
        guard let json = try? JSONValue.parse(body) else {
            return Self.error(400, "rest_invalid_json", "Invalid JSON body passed.")
        }
        let lists = ["create", "update", "delete"].map { key -> [JSONValue] in
            if case .array(let items)? = json[key] { items } else { [] }
        }
        guard lists.map(\.count).reduce(0, +) <= 100 else {
            return Self.error(
                413,
                "woocommerce_rest_request_entity_too_large",
                "Unable to accept more than 100 items for this request."
            )
        }
        let setters = WooProductSetters(contract: contract)
        var answer: [(String, JSONValue)] = []
        answer.append(("create", .array(await lists[0].asyncMap { await Self.create($0, setters, state: state) })))
        answer.append(("update", .array(await lists[1].asyncMap { await Self.update($0, setters, state: state) })))
        // A delete id that is not a number, or 0, is skipped without an entry, as batch_items does.
        let deletes = lists[2].compactMap { $0.text.flatMap(Int.init) }.filter { $0 != 0 }
        answer.append(("delete", .array(await deletes.asyncMap { await Self.delete($0, state: state) })))
        return SandboxServer.json(200, Data(JSONValue.object(answer).serialized.utf8))
    }

    private static func create(_ sent: JSONValue, _ setters: WooProductSetters, state: SandboxState) async
        -> JSONValue
    {
        guard sent["id"] == nil || sent["id"] == .number("0") else {
            return Self.itemError(0, ("woocommerce_rest_product_exists", "Cannot create existing product."))
        }
        let product: JSONValue
        switch setters.stored(sent, creating: true) {
        case .failure(let refusal): return Self.itemError(0, (refusal.code, refusal.message))
        case .success(let taken): product = taken
        }
        let sku = product["sku"]?.text ?? ""
        if !sku.isEmpty, let existing = await state.woo.id(sku: sku) {
            return Self.itemError(
                0,
                ("product_invalid_sku", "Invalid or duplicated SKU."),
                data: [("resource_id", .number(String(existing))), ("unique_sku", .string("\(sku)-1"))]
            )
        }
        let id = await state.woo.create(sku: sku)
        await state.upsert(
            Self.marketplace,
            id: await state.woo.storeKey(id: id) ?? String(id),
            item: product.serialized
        )
        return Self.saved(product, id: id)
    }

    private static func update(_ sent: JSONValue, _ setters: WooProductSetters, state: SandboxState) async
        -> JSONValue
    {
        guard let id = sent["id"]?.text.flatMap(Int.init), let key = await state.woo.storeKey(id: id) else {
            return Self.itemError(
                sent["id"]?.text.flatMap(Int.init) ?? 0,
                ("woocommerce_rest_product_invalid_id", "Invalid ID.")
            )
        }
        switch setters.stored(sent, creating: false) {
        case .failure(let refusal): return Self.itemError(id, (refusal.code, refusal.message))
        case .success(let product):
            await state.upsert(Self.marketplace, id: key, item: product.serialized)
            return Self.saved(product, id: id)
        }
    }

    private static func delete(_ id: Int, state: SandboxState) async -> JSONValue {
        guard let key = await state.woo.storeKey(id: id), let sku = await state.woo.delete(id: id) else {
            return Self.itemError(id, ("woocommerce_rest_product_invalid_id", "Invalid ID."), status: 404)
        }
        await state.delete(Self.marketplace, id: key)
        return .object([("id", .number(String(id))), ("sku", .string(sku))])
    }

    private static func saved(_ product: JSONValue, id: Int) -> JSONValue {
        guard case .object(let members) = product else { return product }
        return .object([("id", .number(String(id)))] + members.filter { $0.0 != "id" })
    }

    private static func itemError(
        _ id: Int,
        _ problem: (code: String, message: String),
        status: Int = 400,
        data: [(String, JSONValue)] = []
    ) -> JSONValue {
        .object([
            ("id", .number(String(id))),
            (
                "error",
                .object([
                    ("code", .string(problem.code)), ("message", .string(problem.message)),
                    ("data", .object([("status", .number(String(status)))] + data)),
                ])
            ),
        ])
    }

    // MARK: - Authentication

    private static func authenticate(_ request: Request, state: SandboxState, credentials: SandboxCredentials)
        async -> Response?
    {
        let (key, secret) = credentials.wooCommerce
        if let header = request.headers[.authorization] {
            let expected = "Basic " + Data("\(key):\(secret)".utf8).base64EncodedString()
            return header == expected ? nil : Self.authError("Consumer key is invalid.")
        }
        var query: [(String, String)] = []
        for (name, value) in request.uri.queryParameters {
            query.append((String(name), String(value).removingPercentEncoding ?? String(value)))
        }
        func value(_ name: String) -> String? { query.first { $0.0 == name }?.1 }
        guard value("oauth_consumer_key") == key else { return Self.authError("Consumer key is invalid.") }
        guard let method = value("oauth_signature_method"), ["HMAC-SHA1", "HMAC-SHA256"].contains(method) else {
            return Self.authError("Invalid signature method.")
        }
        guard let timestamp = value("oauth_timestamp").flatMap(Double.init),
            abs(Date().timeIntervalSince1970 - timestamp) <= 15 * 60
        else { return Self.authError("Invalid timestamp.") }
        guard let nonce = value("oauth_nonce"), await state.woo.useNonce(nonce) else {
            return Self.authError("Invalid nonce - nonce has already been used.")
        }
        let host = request.head.authority ?? "127.0.0.1"
        let url = "http://\(host)\(request.uri.path)"
        var pairs: [(name: String, value: String)] = []
        for (name, value) in query where name != "oauth_signature" {
            pairs.append((Self.percentEncode(name), Self.percentEncode(value)))
        }
        pairs.sort { left, right in left.name == right.name ? left.value < right.value : left.name < right.name }
        let signed = pairs.map { "\($0.name)=\($0.value)" }.joined(separator: "&")
        let base = "\(request.method.rawValue)&\(Self.percentEncode(url))&\(Self.percentEncode(signed))"
        let keyData = SymmetricKey(data: Data("\(secret)&".utf8))
        let expected =
            method == "HMAC-SHA1"
            ? Data(HMAC<Insecure.SHA1>.authenticationCode(for: Data(base.utf8), using: keyData)).base64EncodedString()
            : Data(HMAC<SHA256>.authenticationCode(for: Data(base.utf8), using: keyData)).base64EncodedString()
        guard value("oauth_signature") == expected else {
            return Self.authError("Invalid signature - provided signature does not match.")
        }
        return nil
    }

    /// RFC 3986: all but unreserved characters as %XX.
    private static func percentEncode(_ text: String) -> String {
        let unreserved = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~".utf8)
        return text.utf8.map { unreserved.contains($0) ? String(UnicodeScalar($0)) : String(format: "%%%02X", $0) }
            .joined()
    }

    private static func authError(_ message: String) -> Response {
        Self.error(401, "woocommerce_rest_authentication_error", message)
    }

    static func error(_ status: Int, _ code: String, _ message: String, retryAfter: Bool = false) -> Response {
        let body = JSONValue.object([
            ("code", .string(code)), ("message", .string(message)),
            ("data", .object([("status", .number(String(status)))])),
        ])
        return SandboxServer.json(status, Data(body.serialized.utf8), headers: retryAfter ? [.retryAfter: "1"] : [:])
    }
}

extension Array {
    /// `transform` applied in order, awaiting each.
    func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var results: [T] = []
        for element in self { results.append(try await transform(element)) }
        return results
    }
}
