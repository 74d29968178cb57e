import Foundation
import Groundwork
import Hummingbird

/// `POST /google/batch/products/v1`: Merchant API calls in one `multipart/mixed` request, each answered in
/// the part with the matching `Content-ID` (`item-N` → `response-item-N`), each checked, faulted and
/// counted like a call of its own.
extension GoogleMerchantSimulator {
    static func handleBatch(_ request: Request, state: SandboxState, contract: APIContract) async throws -> Response {
        if let refusal = await GoogleMerchantSimulator.authorize(request.headers[.authorization], state: state) {
            return refusal.response
        }
        await state.countRequest("google-merchant")
        let body = Data(try await request.body.collect(upTo: 32 << 20).readableBytesView)
        guard let parts = SimulatorMultipart.calls(body, contentType: request.headers[.contentType]), !parts.isEmpty
        else {
            return GoogleMerchantSimulator.apiError(
                400,
                "INVALID_ARGUMENT",
                "a batch is a multipart/mixed body of application/http parts",
                reason: "INVALID_BATCH"
            ).response
        }
        guard parts.count <= 1000 else {
            return GoogleMerchantSimulator.apiError(
                400,
                "INVALID_ARGUMENT",
                "Too many requests in a batch",
                reason: "TOO_MANY"
            )
            .response
        }
        var answers: [(contentID: String, status: Int, body: Data)] = []
        for part in parts {
            let answer = try await Self.answer(part, state: state, contract: contract)
            answers.append(("response-\(part.contentID)", answer.status, answer.body))
        }
        let (contentType, answer) = SimulatorMultipart.mixedAnswer(answers)
        return Response(
            status: .ok,
            headers: [.contentType: contentType],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: answer))
        )
    }

    /// Routes one inner call (`POST …/accounts/A/productInputs:insert?dataSource=…` or
    /// `DELETE …/accounts/A/productInputs/NAME?…`) to the same code as a call of its own.
    private static func answer(_ part: SimulatorMultipart.Call, state: SandboxState, contract: APIContract)
        async throws -> GoogleMerchantSimulator.APIAnswer
    {
        guard let target = URLComponents(string: part.target) else {
            return GoogleMerchantSimulator.apiError(
                400,
                "INVALID_ARGUMENT",
                "a malformed call",
                reason: "INVALID_BATCH"
            )
        }
        let path = target.path.split(separator: "/").map(String.init)
        guard let accounts = path.firstIndex(of: "accounts"), accounts + 2 < path.count,
            path[accounts + 2].hasPrefix("productInputs")
        else {
            return GoogleMerchantSimulator.apiError(
                404,
                "NOT_FOUND",
                "no such method: \(target.path)",
                reason: "NOT_FOUND"
            )
        }
        let dataSource = target.queryItems?.first { $0.name == "dataSource" }?.value
        switch (part.method, path[accounts + 2]) {
        case ("POST", "productInputs:insert"):
            return try await GoogleMerchantSimulator.insert(
                merchant: path[accounts + 1],
                dataSource: dataSource,
                body: part.body,
                state: state,
                contract: contract
            )
        case ("DELETE", "productInputs") where accounts + 3 < path.count:
            return try await GoogleMerchantSimulator.delete(
                name: path[accounts + 3],
                dataSource: dataSource,
                state: state
            )
        default:
            return GoogleMerchantSimulator.apiError(
                404,
                "NOT_FOUND",
                "no such method: \(part.method) \(part.target)",
                reason: "NOT_FOUND"
            )
        }
    }
}
