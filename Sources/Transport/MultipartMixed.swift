public import Foundation

/// `multipart/mixed` bodies of `application/http` parts: many HTTP calls in one, as batch
/// endpoints take and answer them. Each part carries a `Content-ID` that pairs a call with its answer.
public enum MultipartMixed {
    /// One HTTP message inside a part: a request (`startLine` `POST /path HTTP/1.1`) or a response
    /// (`HTTP/1.1 200 OK`), its headers and body.
    public struct Part: Hashable, Sendable {
        public var contentID: String
        public var startLine: String
        public var headers: [String: String]
        public var body: Data

        /// Creates a part.
        public init(contentID: String, startLine: String, headers: [String: String] = [:], body: Data = Data()) {
            self.contentID = contentID
            self.startLine = startLine
            self.headers = headers
            self.body = body
        }

        /// A response part's status code.
        public var status: Int? {
            let fields = self.startLine.split(separator: " ")
            return fields.count >= 2 && fields[0].hasPrefix("HTTP/") ? Int(fields[1]) : nil
        }
    }

    /// The `Content-Type` header value for `boundary`.
    public static func contentType(boundary: String) -> String {
        "multipart/mixed; boundary=\(boundary)"
    }

    /// The boundary named by a `Content-Type` header value, when it is multipart.
    public static func boundary(inContentType value: String?) -> String? {
        guard let value, value.lowercased().hasPrefix("multipart/") else { return nil }
        for parameter in value.split(separator: ";").dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if pair.count == 2, pair[0].lowercased() == "boundary" {
                return pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            }
        }
        return nil
    }

    /// The body carrying `parts`.
    public static func encode(_ parts: [Part], boundary: String) -> Data {
        var body = Data()
        for part in parts {
            var head = "--\(boundary)\r\nContent-Type: application/http\r\nContent-ID: <\(part.contentID)>\r\n\r\n"
            head += part.startLine + "\r\n"
            for (name, value) in part.headers.sorted(by: { $0.key < $1.key }) { head += "\(name): \(value)\r\n" }
            head += "\r\n"
            body.append(Data(head.utf8))
            body.append(part.body)
            body.append(Data("\r\n".utf8))
        }
        body.append(Data("--\(boundary)--\r\n".utf8))
        return body
    }

    /// The parts of `body`; `nil` when it is not a multipart body with that boundary.
    public static func parse(_ body: Data, boundary: String) -> [Part]? {
        let delimiter = Data("--\(boundary)".utf8)
        var parts: [Part] = []
        var cursor = body.startIndex
        guard let first = body.range(of: delimiter, in: cursor..<body.endIndex) else { return nil }
        cursor = first.upperBound
        while cursor < body.endIndex {
            if body[cursor...].starts(with: Data("--".utf8)) { return parts }  // the closing delimiter
            guard let next = body.range(of: delimiter, in: cursor..<body.endIndex) else { return nil }
            guard let part = Self.part(Data(body[cursor..<next.lowerBound])) else { return nil }
            parts.append(part)
            cursor = next.upperBound
        }
        return nil
    }

    /// One part: its MIME headers, a blank line, the HTTP message (start line, headers, blank line, body).
    private static func part(_ data: Data) -> Part? {
        let blank = Data("\r\n\r\n".utf8)
        guard let mimeEnd = data.range(of: blank) else { return nil }
        let mime = Self.headers(String(decoding: data[data.startIndex..<mimeEnd.lowerBound], as: UTF8.self))
        let message = data[mimeEnd.upperBound...]
        guard let headEnd = message.range(of: blank) else { return nil }
        let lines = String(decoding: message[message.startIndex..<headEnd.lowerBound], as: UTF8.self)
            .components(separatedBy: "\r\n")
        guard let startLine = lines.first, !startLine.isEmpty else { return nil }
        var body = Data(message[headEnd.upperBound...])
        if body.suffix(2) == Data("\r\n".utf8) { body.removeLast(2) }  // the line break before the next delimiter
        let id = (mime["content-id"] ?? "").trimmingCharacters(in: CharacterSet(charactersIn: "<>"))
        return Part(
            contentID: id,
            startLine: startLine,
            headers: Self.headers(lines.dropFirst().joined(separator: "\r\n")),
            body: body
        )
    }

    private static func headers(_ text: String) -> [String: String] {
        var headers: [String: String] = [:]
        for line in text.components(separatedBy: "\r\n") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()] =
                line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return headers
    }
}
