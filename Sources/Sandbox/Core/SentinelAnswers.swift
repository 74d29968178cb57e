import Foundation
import Hummingbird
import NIOCore

/// Answers every marketplace call 200 with `SENTINEL-CONTENT` (`FaultPlan.sentinelAnswers`): the stand-in a
/// captive portal, a misconfigured proxy or a wrong endpoint is. Token endpoints, images and the sandbox's own
/// pages are left alone, so what is judged is how publishing reads the marketplace's answers.
struct SentinelAnswers: RouterMiddleware {
    typealias Context = SandboxServer.Context
    static let body = Data("SENTINEL-CONTENT".utf8)
    static let untouched = ["/google/token", "/images/", "/sandbox/", "/files/"]

    func handle(
        _ request: Request,
        context: Context,
        next: @concurrent (Request, Context) async throws -> Response
    ) async throws -> Response {
        guard !Self.untouched.contains(where: { request.uri.path.hasPrefix($0) }) else {
            return try await next(request, context)
        }
        return Response(
            status: .ok,
            headers: [.contentType: "text/plain"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: Self.body))
        )
    }
}
