import Crypto
import Foundation
import Groundwork
import Hummingbird

/// `PUT /files/<name>`: a feed host that takes uploads over HTTPS with Basic authentication, as a
/// marketplace's or a web host's upload endpoint does. What it holds is at `GET /sandbox/files`: each
/// file's size and SHA-256.
enum FeedFileUpload {
    static func handle(
        _ request: Request,
        context: some RequestContext,
        state: SandboxState,
        credentials: SandboxCredentials
    ) async throws -> Response {
        let expected = Data("\(credentials.fileUpload.user):\(credentials.fileUpload.password)".utf8)
        guard let header = request.headers[.authorization], header.hasPrefix("Basic "),
            Data(base64Encoded: String(header.dropFirst(6))) == expected
        else {
            return SandboxServer.json(
                401,
                Data(#"{"error":"wrong user or password"}"#.utf8),
                headers: [.wwwAuthenticate: #"Basic realm="ocop-sandbox""#]
            )
        }
        let name = try context.parameters.require("name")
        guard !name.hasPrefix("."), !name.contains("/") else {
            return SandboxServer.json(400, Data(#"{"error":"a plain file name is required"}"#.utf8))
        }
        let body = Data(try await request.body.collect(upTo: 1 << 30).readableBytesView)
        let digest = SHA256.hash(data: body).map { String(format: "%02x", $0) }.joined()
        let record = JSONValue.object([("bytes", .number(String(body.count))), ("sha256", .string(digest))])
        await state.upsert("files", id: name, item: record.serialized)
        return SandboxServer.json(201, Data(record.serialized.utf8))
    }
}
