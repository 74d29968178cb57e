import Foundation
import Groundwork
import Hummingbird
import NIOCore

/// Meta's Graph API `items_batch`, as the sandbox plays it.
enum MetaCatalogSimulator {
    /// Fields a CREATE must carry (Meta's required catalog fields).
    static let required = ["id", "title", "description", "availability", "condition", "price", "link", "image_link"]
    /// `ProductItem.Condition` in Meta's Business SDK (facebook-business, `adobjects/productitem.py`).
    static let conditions: Set<String> = [
        "cpo", "new", "open_box_new", "refurbished", "used", "used_fair", "used_good", "used_like_new",
    ]
    static let availability: Set<String> = [
        "in stock", "out of stock", "preorder", "available for order", "discontinued",
    ]

    static func handle(
        _ request: Request,
        context: some RequestContext,
        state: SandboxState,
        credentials: SandboxCredentials,
        dropConnection: () -> Void
    ) async throws -> Response {
        guard request.headers[.authorization] == "Bearer \(credentials.metaAccessToken)" else {
            return Self.error(401, "Invalid OAuth access token.", code: 190)
        }
        await state.countRequest("meta-catalog")
        let fault = await state.nextFault()
        switch fault {
        case .serverError:
            return Self.error(500, "An unexpected error has occurred. Please retry your request later.", code: 2)
        case .rateLimited: return Self.error(429, "Too many catalog batch calls", code: 80014, retryAfter: true)
        case .slow: try await Task.sleep(for: state.faults.slowness)
        default: break
        }
        let buffer = try await request.body.collect(upTo: 28 << 20)
        guard let body = try? JSONValue.parse(Data(buffer.readableBytesView)),
            body["item_type"]?.text == "PRODUCT_ITEM",
            case .array(let requests)? = body["requests"]
        else {
            return Self.error(
                400,
                "(#100) Param requests must be an array of item requests with item_type PRODUCT_ITEM",
                code: 100
            )
        }
        guard requests.count <= 5000 else {
            return Self.error(400, "Please reduce the amount of data you're asking for", code: 1)
        }
        var statuses: [JSONValue] = []
        var rejectedLater: [(id: String, message: String)] = []
        for entry in requests {
            let id = entry["data"]?["id"]?.text ?? ""
            let problems = Self.problems(entry)
            if !problems.isEmpty {
                statuses.append(
                    .object([
                        ("retailer_id", .string(id)),
                        ("errors", .array(problems.map { .object([("message", .string($0))]) })),
                    ])
                )
                continue
            }
            if entry["method"]?.text == "DELETE" {
                await state.delete("meta-catalog", id: id)
            } else if let data = entry["data"] {
                // Ingestion happens after the answer: an image that cannot be fetched fails the item then.
                if let image = data["image_link"]?.text, let host = URL(string: image)?.host, host.hasSuffix(".invalid")
                {
                    rejectedLater.append((id, "Image could not be downloaded: \(image)"))
                    continue
                }
                await state.upsert("meta-catalog", id: id, item: data.serialized)
            }
        }
        if fault == .drop {
            // Applied, then the connection drops without an answer: the publisher cannot know and must try
            // again safely.
            dropConnection()
            return Self.error(503, "Service temporarily unavailable", code: 2)  // never reaches the caller
        }
        let handle = await state.meta.registerBatch(rejected: rejectedLater)
        let answer = JSONValue.object([
            ("handles", .array([.string(handle)])),
            ("validation_status", .array(statuses)),
        ])
        return SandboxServer.json(200, Data(answer.serialized.utf8))
    }

    /// `GET /<catalog>/check_batch_request_status?handle=H`: how an ingested batch went.
    static func status(_ request: Request, state: SandboxState, credentials: SandboxCredentials) async -> Response {
        guard request.headers[.authorization] == "Bearer \(credentials.metaAccessToken)" else {
            return Self.error(401, "Invalid OAuth access token.", code: 190)
        }
        guard let handle = request.uri.queryParameters.get("handle"),
            let rejected = await state.meta.batch(handle)
        else {
            return Self.error(400, "(#100) Param handle must be a batch handle of this catalog", code: 100)
        }
        let listIDs = request.uri.queryParameters.get("load_ids_of_invalid_requests") == "true"
        let entry = JSONValue.object([
            ("handle", .string(handle)), ("status", .string("finished")),
            (
                "errors",
                .array(rejected.map { .object([("id", .string($0.id)), ("message", .string($0.message))]) })
            ),
            ("errors_total_count", .number(String(rejected.count))),
            ("ids_of_invalid_requests", .array(listIDs ? rejected.map { .string($0.id) } : [])),
        ])
        return SandboxServer.json(200, Data(JSONValue.object([("data", .array([entry]))]).serialized.utf8))
    }

    /// What is wrong with one request, in Meta's words.
    static func problems(_ entry: JSONValue) -> [String] {
        guard let method = entry["method"]?.text, ["CREATE", "UPDATE", "DELETE"].contains(method) else {
            return ["(#100) method must be one of CREATE, UPDATE, DELETE"]
        }
        guard let data = entry["data"], let id = data["id"]?.text, !id.isEmpty else {
            return ["(#100) data.id is required"]
        }
        guard method != "DELETE" else { return [] }
        var problems: [String] = []
        if method == "CREATE" {
            for field in Self.required where data[field] == nil { problems.append("Missing required field: \(field)") }
        }
        if let availability = data["availability"]?.text, !Self.availability.contains(availability) {
            problems.append("Invalid availability: \(availability)")
        }
        if let condition = data["condition"]?.text, !Self.conditions.contains(condition) {
            problems.append(
                "(#100) Invalid condition: \(condition). Expected one of: \(Self.conditions.sorted().joined(separator: ", "))"
            )
        }
        if let price = data["price"]?.text,
            price.split(separator: " ").count != 2 || Double(price.split(separator: " ")[0]) == nil
        {
            problems.append("Invalid price: \(price) (expected an amount and an ISO 4217 code)")
        }
        return problems
    }

    static func error(_ status: Int, _ message: String, code: Int, retryAfter: Bool = false) -> Response {
        let body = JSONValue.object([
            (
                "error",
                .object([
                    ("message", .string(message)), ("type", .string("OAuthException")), ("code", .number(String(code))),
                ])
            )
        ])
        var headers = HTTPFields()
        if retryAfter { headers[.retryAfter] = "1" }
        return SandboxServer.json(status, Data(body.serialized.utf8), headers: headers)
    }
}
