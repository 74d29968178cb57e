import Foundation
import Hummingbird
import Transport

/// `POST /google/batch/products/v1`: Merchant API calls in one `multipart/mixed` request, each answered in
/// the part with the matching `Content-ID` (`item-N` → `response-item-N`), each checked, faulted and
/// counted like a call of its own.
enum GoogleMerchantBatch {
    static func handle(_ request: Request, state: SandboxState) async throws -> Response {
        if let refusal = await GoogleMerchantAPI.authorize(request.headers[.authorization], state: state) {
            return refusal.response
        }
        await state.countRequest("google-merchant")
        let body = Data(try await request.body.collect(upTo: 32 << 20).readableBytesView)
        guard let boundary = MultipartMixed.boundary(inContentType: request.headers[.contentType]),
            let parts = MultipartMixed.parse(body, boundary: boundary), !parts.isEmpty
        else {
            return GoogleMerchantAPI.apiError(
                400,
                "INVALID_ARGUMENT",
                "a batch is a multipart/mixed body of application/http parts",
                reason: "INVALID_BATCH"
            ).response
        }
        guard parts.count <= 1000 else {
            return GoogleMerchantAPI.apiError(
                400,
                "INVALID_ARGUMENT",
                "Too many requests in a batch",
                reason: "TOO_MANY"
            )
            .response
        }
        var answers: [MultipartMixed.Part] = []
        for part in parts {
            let answer = try await Self.answer(part, state: state)
            answers.append(
                MultipartMixed.Part(
                    contentID: "response-\(part.contentID)",
                    startLine: "HTTP/1.1 \(answer.status) \(answer.status < 300 ? "OK" : "Error")",
                    headers: ["Content-Type": "application/json; charset=UTF-8"],
                    body: answer.body
                )
            )
        }
        let responseBoundary = "batch_sandbox_\(UUID().uuidString.prefix(8))"
        return Response(
            status: .ok,
            headers: [.contentType: MultipartMixed.contentType(boundary: responseBoundary)],
            body: ResponseBody(
                byteBuffer: ByteBuffer(bytes: MultipartMixed.encode(answers, boundary: responseBoundary))
            )
        )
    }

    /// Routes one inner call (`POST …/accounts/A/productInputs:insert?dataSource=…` or
    /// `DELETE …/accounts/A/productInputs/NAME?…`) to the same code as a call of its own.
    private static func answer(_ part: MultipartMixed.Part, state: SandboxState) async throws
        -> GoogleMerchantAPI.APIAnswer
    {
        let fields = part.startLine.split(separator: " ")
        guard fields.count == 3, let target = URLComponents(string: String(fields[1])) else {
            return GoogleMerchantAPI.apiError(400, "INVALID_ARGUMENT", "a malformed call", reason: "INVALID_BATCH")
        }
        let path = target.path.split(separator: "/").map(String.init)
        guard let accounts = path.firstIndex(of: "accounts"), accounts + 2 < path.count,
            path[accounts + 2].hasPrefix("productInputs")
        else {
            return GoogleMerchantAPI.apiError(404, "NOT_FOUND", "no such method: \(target.path)", reason: "NOT_FOUND")
        }
        let dataSource = target.queryItems?.first { $0.name == "dataSource" }?.value
        switch (fields[0], path[accounts + 2]) {
        case ("POST", "productInputs:insert"):
            return try await GoogleMerchantAPI.insert(
                merchant: path[accounts + 1],
                dataSource: dataSource,
                body: part.body,
                state: state
            )
        case ("DELETE", "productInputs") where accounts + 3 < path.count:
            return try await GoogleMerchantAPI.delete(name: path[accounts + 3], state: state)
        default:
            return GoogleMerchantAPI.apiError(
                404,
                "NOT_FOUND",
                "no such method: \(part.startLine)",
                reason: "NOT_FOUND"
            )
        }
    }
}
