public import Foundation

/// One line per request a route of `ocop serve` answers (not the raw 503 of a connection over the limit): when,
/// who, what, the answer, its announced length and which key opened it. The path is written without its
/// query, so a `?key=` never reaches the log.
///
///     2026-12-04T19:40:12Z 66.249.66.1 GET /feeds/google-merchant.xml 200 183204 key=google-merchant
public struct AccessLog: Sendable {
    private let write: @Sendable (String) -> Void

    /// A log that hands each line (newline included) to `write`.
    public init(write: @escaping @Sendable (String) -> Void) { self.write = write }

    /// Lines written to `handle` (one `write` each, so lines from concurrent requests never interleave). A
    /// line that cannot be written (a full disk, a closed pipe) is lost rather than taking the server down.
    public static func writing(to handle: FileHandle) -> AccessLog {
        AccessLog { line in try? handle.write(contentsOf: Data(line.utf8)) }
    }

    /// Records one answered request.
    func record(
        client: String,
        method: String,
        path: String,
        status: Int,
        bytes: Int?,
        key: String?,
        at date: Date = Date()
    ) {
        let time = date.formatted(.iso8601)
        // A request line holds no newline, but a path may hold control characters: never into the log.
        let clean = String(
            path.prefix { $0 != "?" }.map {
                $0.isWhitespace || $0.unicodeScalars.contains { $0.properties.generalCategory == .control } ? "_" : $0
            }
        )
        self.write(
            "\(time) \(client) \(method) \(clean) \(status) \(bytes.map(String.init) ?? "-") key=\(key ?? "-")\n"
        )
    }
}
