import Crypto
import Foundation
import Groundwork
import Hummingbird

/// A WooCommerce store's REST API v3 `POST /products/batch`, as the sandbox plays it: Basic
/// authentication, or OAuth 1.0a checked the way WooCommerce's `check_oauth_signature` checks it (the
/// sandbox's own code: consumer key, method, a timestamp within 15 minutes, a nonce used once, the HMAC of
/// the base string keyed with `consumer_secret&`). At most 100 objects a call; refused items answer in place.
enum WooCommerceSimulator {
    static let marketplace = "woocommerce"

    static func batch(_ request: Request, state: SandboxState, credentials: SandboxCredentials) async throws
        -> Response
    {
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
            return Self.error(400, "rest_invalid_json", "The JSON body passed is invalid.")
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
        var answer: [(String, JSONValue)] = []
        answer.append(("create", .array(await lists[0].asyncMap { await Self.create($0, state: state) })))
        answer.append(("update", .array(await lists[1].asyncMap { await Self.update($0, state: state) })))
        answer.append(("delete", .array(await lists[2].asyncMap { await Self.delete($0, state: state) })))
        return SandboxServer.json(200, Data(JSONValue.object(answer).serialized.utf8))
    }

    private static func create(_ product: JSONValue, state: SandboxState) async -> JSONValue {
        if let problem = Self.problem(product, creating: true) { return Self.itemError(0, problem) }
        guard let sku = product["sku"]?.text, let id = await state.woo.create(sku: sku) else {
            return Self.itemError(0, ("product_invalid_sku", "Invalid or duplicated SKU."))
        }
        await state.upsert(Self.marketplace, id: sku, item: product.serialized)
        return Self.saved(product, id: id)
    }

    private static func update(_ product: JSONValue, state: SandboxState) async -> JSONValue {
        guard let id = product["id"]?.text.flatMap(Int.init), let sku = await state.woo.sku(id: id) else {
            return Self.itemError(0, ("woocommerce_rest_product_invalid_id", "Invalid ID."))
        }
        if let problem = Self.problem(product, creating: false) { return Self.itemError(id, problem) }
        await state.upsert(Self.marketplace, id: sku, item: product.serialized)
        return Self.saved(product, id: id)
    }

    private static func delete(_ value: JSONValue, state: SandboxState) async -> JSONValue {
        guard let id = value.text.flatMap(Int.init), let sku = await state.woo.delete(id: id) else {
            return Self.itemError(0, ("woocommerce_rest_product_invalid_id", "Invalid ID."))
        }
        await state.delete(Self.marketplace, id: sku)
        return .object([("id", .number(String(id))), ("sku", .string(sku))])
    }

    /// What WooCommerce would refuse in a product object.
    private static func problem(_ product: JSONValue, creating: Bool) -> (String, String)? {
        if creating, (product["name"]?.text ?? "").isEmpty { return ("woocommerce_rest_missing_name", "Missing name.") }
        // The REST v3 product schema: type is an enum, stock_quantity an integer.
        if let type = product["type"], !["simple", "grouped", "external", "variable"].contains(type.text ?? "") {
            return (
                "rest_invalid_param", "Invalid parameter(s): type is not one of simple, grouped, external and variable."
            )
        }
        switch product["stock_quantity"] {
        case nil, .null?: break
        case .number(let text)? where Int(text) != nil: break
        default: return ("rest_invalid_param", "Invalid parameter(s): stock_quantity is not of type integer.")
        }
        for key in ["regular_price", "sale_price"] {
            if let price = product[key] {
                guard let text = price.text, case .string = price, text.isEmpty || Double(text) != nil else {
                    return ("rest_invalid_param", "Invalid parameter(s): \(key) must be a string of digits")
                }
            }
        }
        return nil
    }

    private static func saved(_ product: JSONValue, id: Int) -> JSONValue {
        guard case .object(let members) = product else { return product }
        return .object([("id", .number(String(id)))] + members.filter { $0.0 != "id" })
    }

    private static func itemError(_ id: Int, _ problem: (code: String, message: String)) -> JSONValue {
        .object([
            ("id", .number(String(id))),
            (
                "error",
                .object([
                    ("code", .string(problem.code)), ("message", .string(problem.message)),
                    ("data", .object([("status", .number("400"))])),
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
