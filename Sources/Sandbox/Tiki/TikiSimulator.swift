import Foundation
import Groundwork
import Hummingbird

/// A Tiki seller (Open API v1) as the sandbox plays it, under `/tiki/integration`: `Authorization: Bearer`
/// checked, errors as `{"errors": […]}`. `POST /v1/requests` checks a product request and queues it;
/// `GET /v1/tracking/{id}` approves it (after `FaultPlan.slowReviews` checks answered
/// `md_awaiting_approve`), listing the product, or rejects it when its price is above its market price;
/// `POST /v1/products/updateSku` changes price, stock and the active flag of a listed product;
/// `GET /v1/suppliers` lists the seller's one supplier, the only one a variant may name.
enum TikiSimulator {
    static let marketplace = "tiki"
    /// The sandbox seller's supplier, as `GET /v1/suppliers` lists it.
    static let supplier = (id: "239091", name: "SGN")

    static func handle(_ request: Request, state: SandboxState, keys: SignedAPICredentials, contract: APIContract)
        async throws -> Response
    {
        guard request.headers[.authorization] == "Bearer \(keys.tikiAccessToken)" else {
            return Self.errors(401, ["Unauthorized: the access token is missing, invalid or expired"])
        }
        await state.countRequest(Self.marketplace)
        let fault = try await SandboxFaults.answer(state) { kind in
            kind == .serverError
                ? Self.errors(500, ["Internal server error"]) : Self.errors(429, ["Rate limit exceeded"])
        }
        if let fault { return fault }
        let path = request.uri.path.replacingOccurrences(of: "/tiki/integration", with: "", options: .anchored)
        if request.method == .get, path.hasPrefix("/v1/tracking/") {
            return await Self.track(String(path.dropFirst("/v1/tracking/".count)), state: state)
        }
        if request.method == .get, path == "/v1/categories" {
            return await Self.categories(request, state: state, contract: contract)
        }
        if request.method == .get, path.hasPrefix("/v1/categories/") {
            return await Self.category(request, path: path, state: state, contract: contract)
        }
        if request.method == .get, path == "/v1/suppliers" {
            let supplier = JSONValue.object([("id", .number(Self.supplier.id)), ("name", .string(Self.supplier.name))])
            return Self.json(200, .array([supplier]))
        }
        let body = Data(try await request.body.collect(upTo: 8 << 20).readableBytesView)
        guard let json = try? JSONValue.parse(body), case .object = json else {
            return Self.errors(400, ["The body is not JSON"])
        }
        // Tiki answers a missing or invalid field 422 "Unprocessable Entity" with its list of errors.
        if let violation = contract.violation(of: json, "POST", path) {
            return Self.errors(422, [violation.description])
        }
        switch path {
        case "/v1/requests":
            if let problems = await Self.problems(json, state: state) { return Self.errors(422, problems) }
            let track = await state.tiki.submit(json)
            return Self.json(200, .object([("track_id", .string(track)), ("state", .string("queuing"))]))
        case "/v1/products/updateSku":
            return await Self.updateSKU(json, state: state)
        default:
            return Self.errors(404, ["Not found"])
        }
    }

    private static func track(_ track: String, state: SandboxState) async -> Response {
        guard let review = await state.tiki.track(track) else { return Self.errors(404, ["Track \(track) not found"]) }
        func answer(_ stage: String, _ extra: [(String, JSONValue)] = []) -> Response {
            Self.json(200, .object([("track_id", .string(track)), ("state", .string(stage))] + extra))
        }
        guard review.checks > state.faults.slowReviews else { return answer("md_awaiting_approve") }
        let variant = review.request["variants"]?[0]
        let sku = variant?["sku"]?.text ?? ""
        if let price = variant?["price"]?.text.flatMap(Int.init),
            let market = review.request["market_price"]?.text.flatMap(Int.init), price > market
        {
            return answer("rejected", [("reason", .string("price \(price) is above market_price \(market)"))])
        }
        let id: String
        if let listed = await state.listedID(Self.marketplace, sku: sku) {
            id = listed
        } else {
            id = await state.list(Self.marketplace, sku: sku)
            await state.upsert(Self.marketplace, id: sku, item: review.request.serialized)
        }
        return answer("approved", [("product_id", .number(id)), ("original_sku", .string(sku))])
    }

    private static func updateSKU(_ body: JSONValue, state: SandboxState) async -> Response {
        guard let sku = body["original_sku"]?.text, let id = await state.listedID(Self.marketplace, sku: sku),
            case .object(var item)? = await state.item(Self.marketplace, sku: sku)
        else { return Self.errors(404, ["Product not found"]) }
        if body["active"]?.text == "0" {
            _ = await state.unlist(Self.marketplace, id: id)
            return Self.json(200, .object([("original_sku", .string(sku)), ("active", .number("0"))]))
        }
        for key in ["price", "quantity"] {
            guard let value = body[key] else { continue }
            item.removeAll { $0.0 == key }
            item.append((key, value))
        }
        await state.upsert(Self.marketplace, id: sku, item: JSONValue.object(item).serialized)
        return Self.json(200, .object([("original_sku", .string(sku)), ("active", .number("1"))]))
    }

    /// What Tiki refuses in a product request beyond its fields' contract: a category that is not primary, an
    /// image that is not a URL, a supplier that is not the seller's.
    private static func problems(_ request: JSONValue, state: SandboxState) async -> [String]? {
        var problems: [String] = []
        if await state.categories.standing(request["category_id"]?.text, on: Self.marketplace) != .leaf {
            problems.append("category_id \(request["category_id"]?.text ?? "") is not a primary category")
        }
        if request["image"]?.text.flatMap(URL.init(string:))?.scheme?.hasPrefix("http") != true {
            problems.append("image must be a URL")
        }
        if let supplier = request["variants"]?[0]?["supplier"]?.text, supplier != Self.supplier.id {
            problems.append("variants[0].supplier \(supplier) is not one of this seller's suppliers")
        }
        if let problem = await Self.attributeProblem(request, state: state) { problems.append(problem) }
        return problems.isEmpty ? nil : problems
    }

    /// `GET v1/categories`: a bare array of `{id, name, parent, primary}`, names in Vietnamese for `lang=vi`
    /// (English by default), `primary: 1` on the categories a product may go in; `primary=1` lists only those.
    private static func categories(_ request: Request, state: SandboxState, contract: APIContract) async -> Response {
        let parameters = Self.query(request)
        if let violation = contract.violation(of: parameters, "GET", "/v1/categories", part: "query") {
            return Self.errors(400, ["\(violation)"])
        }
        let vietnamese = parameters["lang"]?.text == "vi"
        let primaryOnly = parameters["primary"]?.text == "1"
        let list = await state.categories.nodes(Self.marketplace).filter { !primaryOnly || $0.isLeaf }.map { node in
            JSONValue.object([
                ("id", .number(node.id)), ("name", .string(vietnamese ? node.name : node.englishName)),
                ("parent", node.parentID.map { .number($0) } ?? .null), ("primary", .number(node.isLeaf ? "1" : "0")),
            ])
        }
        return Self.json(200, .array(list))
    }

    /// The query's parameters, as the contract judges them.
    static func query(_ request: Request) -> JSONValue {
        var given: [(String, JSONValue)] = []
        for (name, value) in request.uri.queryParameters {
            given.append((String(name), .string(String(value).removingPercentEncoding ?? String(value))))
        }
        return .object(given)
    }

    static func errors(_ status: Int, _ messages: [String]) -> Response {
        Self.json(status, .object([("errors", .array(messages.map { .string($0) }))]))
    }

    static func json(_ status: Int, _ value: JSONValue) -> Response {
        SandboxServer.json(status, Data(value.serialized.utf8))
    }
}
