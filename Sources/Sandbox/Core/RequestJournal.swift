public import Foundation
import Groundwork
import HTTPTypes
import Hummingbird
import NIOCore

/// Every request the sandbox receives, written as one JSON line each (method, authority, path, query, the
/// headers a judge needs, the body in base64), so the marketplaces' own client libraries can judge afterwards what
/// OCOP Connect actually sent (`ocop sandbox --record FILE`, `Tests/Conformance/run`).
public actor RequestJournal {
    private let handle: FileHandle

    /// Creates (or empties) the journal file at `url`.
    public init(writingTo url: URL) throws {
        guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: url.path])
        }
        self.handle = try FileHandle(forWritingTo: url)
    }

    /// The headers a judge reads: signatures, tokens and the body's type. Others are left out.
    static let recordedHeaders: [HTTPField.Name] = [
        .authorization, .contentType, HTTPField.Name("x-tts-access-token")!,
    ]

    /// Appends one request.
    func record(
        method: String,
        authority: String,
        path: String,
        query: String,
        headers: [(String, String)],
        body: Data
    ) {
        let line = JSONValue.object([
            ("method", .string(method)),
            ("authority", .string(authority)),
            ("path", .string(path)),
            ("query", .string(query)),
            ("headers", .object(headers.map { ($0.0, .string($0.1)) })),
            ("body_base64", .string(body.base64EncodedString())),
        ])
        self.handle.write(Data((line.serialized + "\n").utf8))
    }
}

/// Records each request in the journal before the simulators see it (they get the same, collected body).
struct RequestRecorder: RouterMiddleware {
    typealias Context = SandboxServer.Context
    let journal: RequestJournal

    func handle(
        _ request: Request,
        context: Context,
        next: @concurrent (Request, Context) async throws -> Response
    ) async throws -> Response {
        var request = request
        let body = try await request.collectBody(upTo: 64 << 20)
        let headers = RequestJournal.recordedHeaders.compactMap { name in
            request.headers[name].map { (name.canonicalName, $0) }
        }
        await self.journal.record(
            method: request.method.rawValue,
            authority: request.head.authority ?? "",
            path: request.uri.path,
            query: request.uri.query ?? "",
            headers: headers,
            body: Data(body.readableBytesView)
        )
        return try await next(request, context)
    }
}
