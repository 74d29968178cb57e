import Foundation
import Groundwork
import Hummingbird
import NIOCore

/// Meta's Graph API `items_batch`, as the sandbox plays it.
enum MetaCatalogSimulator {
    static let marketplace = "meta-catalog"
    /// The request as the contract names it.
    static let contractPath = "/{catalog_id}/items_batch"
    /// Fields a CREATE must carry (Meta's "Required fields" for catalog items; `brand` is required only of
    /// shops, so not here).
    static let required = ["id", "title", "description", "availability", "condition", "price", "link", "image_link"]

    static func handle(
        _ request: Request,
        context: some RequestContext,
        state: SandboxState,
        credentials: SandboxCredentials,
        contract: APIContract,
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
        guard let body = try? JSONValue.parse(Data(buffer.readableBytesView)) else {
            return Self.error(400, "(#100) The request body is not JSON", code: 100)
        }
        if let violation = contract.violation(of: body, "POST", Self.contractPath, part: "form") {
            return Self.error(400, "(#100) Param \(violation)", code: 100)
        }
        let requests = body["requests"]?.elements ?? []
        var statuses: [JSONValue] = []
        var rejectedLater: [(id: String, message: String)] = []
        for (position, entry) in requests.enumerated() {
            let id = entry["data"]?["id"]?.text ?? ""
            let problems = Self.problems(entry, at: position, contract: contract)
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

    /// What is wrong with one request, in Meta's words: its sample item error for a missing required field
    /// ("You cannot create a EntProductItem without required field Availability"), wrapped as Meta wraps
    /// every invalid value ("Invalid value: Value passed at position 0 (id=…) is invalid: …").
    static func problems(_ entry: JSONValue, at position: Int, contract: APIContract) -> [String] {
        guard let data = entry["data"], let id = data["id"]?.text, !id.isEmpty else {
            return ["(#100) data.id is required"]
        }
        func invalid(_ reason: String) -> String {
            "Invalid value: Value passed at position \(position) (id=\(id)) is invalid: \"\(reason)\""
        }
        guard entry["method"]?.text != "DELETE" else { return [] }
        if entry["method"]?.text == "CREATE",
            let missing = Self.required.first(where: { data[$0] == nil })
        {
            let field = missing.prefix(1).uppercased() + missing.dropFirst()
            return [invalid("You cannot create a EntProductItem without required field \(field)")]
        }
        if let violation = contract.violation(of: data, "POST", Self.contractPath, part: "item") {
            return [invalid(violation.description)]
        }
        return []
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
