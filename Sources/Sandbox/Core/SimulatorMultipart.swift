import Foundation

/// The sandbox's own reading and writing of multipart bodies (RFC 2046): `multipart/form-data` uploads and
/// `multipart/mixed` batches of `application/http` calls. Written apart from the transport's multipart code,
/// which the adapters build their requests with, so that a mistake they share cannot pass unseen.
enum SimulatorMultipart {
    /// One part: its MIME headers (lowercased names) and its content.
    struct Part {
        var headers: [String: String]
        var content: Data

        /// A `Content-Disposition` parameter (`name`, `filename`).
        func disposition(_ parameter: String) -> String? {
            guard let value = self.headers["content-disposition"] else { return nil }
            for piece in value.split(separator: ";").dropFirst() {
                let pair = piece.split(separator: "=", maxSplits: 1)
                guard pair.count == 2, pair[0].trimmingCharacters(in: .whitespaces).lowercased() == parameter else {
                    continue
                }
                return pair[1].trimmingCharacters(in: .whitespaces).trimmingCharacters(
                    in: CharacterSet(charactersIn: "\"")
                )
            }
            return nil
        }
    }

    /// One call of a batch: its `Content-ID`, its request line's method and target, and the message's body.
    struct Call {
        var contentID: String
        var method: String
        var target: String
        var body: Data
    }

    /// The boundary parameter of a multipart `Content-Type`.
    static func boundary(_ contentType: String?) -> String? {
        guard let contentType, contentType.lowercased().hasPrefix("multipart/") else { return nil }
        let parameter = contentType.split(separator: ";").dropFirst().first {
            $0.trimmingCharacters(in: .whitespaces).lowercased().hasPrefix("boundary=")
        }
        return parameter.map {
            String($0.trimmingCharacters(in: .whitespaces).dropFirst("boundary=".count))
                .trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        }
    }

    /// The parts of `body` under the boundary of `contentType`; `nil` when it is not such a body (no
    /// boundary, no closing delimiter, a part without its blank line).
    static func parts(_ body: Data, contentType: String?) -> [Part]? {
        guard let boundary = self.boundary(contentType), !boundary.isEmpty else { return nil }
        let bytes = [UInt8](body)
        let delimiter = [UInt8]("--\(boundary)".utf8)
        var starts: [Int] = []
        var index = 0
        while index + delimiter.count <= bytes.count {
            let atLineStart = index == 0 || (index >= 2 && bytes[index - 2] == 13 && bytes[index - 1] == 10)
            if atLineStart, bytes[index..<(index + delimiter.count)].elementsEqual(delimiter) {
                starts.append(index)
                index += delimiter.count
            } else {
                index += 1
            }
        }
        guard let last = starts.last, bytes[(last + delimiter.count)...].starts(with: [45, 45]) else { return nil }
        var parts: [Part] = []
        for (start, end) in zip(starts, starts.dropFirst()) {
            var from = start + delimiter.count
            guard bytes[from...].starts(with: [13, 10]) else { return nil }
            from += 2
            let to = end - 2  // the CRLF before the next delimiter belongs to it
            guard to >= from, let part = self.part(Array(bytes[from..<to])) else { return nil }
            parts.append(part)
        }
        return parts
    }

    private static func part(_ bytes: [UInt8]) -> Part? {
        guard let blank = self.blankLine(in: bytes) else { return nil }
        return Part(headers: self.headers(bytes[..<blank]), content: Data(bytes[(blank + 4)...]))
    }

    /// The offset of the first CRLF CRLF.
    private static func blankLine(in bytes: [UInt8]) -> Int? {
        guard bytes.count >= 4 else { return nil }
        return (0...(bytes.count - 4)).first {
            bytes[$0] == 13 && bytes[$0 + 1] == 10 && bytes[$0 + 2] == 13 && bytes[$0 + 3] == 10
        }
    }

    private static func headers(_ bytes: ArraySlice<UInt8>) -> [String: String] {
        var headers: [String: String] = [:]
        for line in String(decoding: bytes, as: UTF8.self).components(separatedBy: "\r\n") {
            let pair = line.split(separator: ":", maxSplits: 1)
            guard pair.count == 2 else { continue }
            headers[pair[0].trimmingCharacters(in: .whitespaces).lowercased()] = pair[1].trimmingCharacters(
                in: .whitespaces
            )
        }
        return headers
    }

    /// The calls of a `multipart/mixed` batch whose parts are `application/http` messages.
    static func calls(_ body: Data, contentType: String?) -> [Call]? {
        guard let parts = self.parts(body, contentType: contentType) else { return nil }
        var calls: [Call] = []
        for part in parts {
            guard part.headers["content-type"]?.lowercased().hasPrefix("application/http") == true else { return nil }
            let message = [UInt8](part.content)
            guard let blank = self.blankLine(in: message) else { return nil }
            let head = String(decoding: message[..<blank], as: UTF8.self).components(separatedBy: "\r\n")
            let line = head[0].split(separator: " ")
            guard line.count == 3, line[2].hasPrefix("HTTP/") else { return nil }
            calls.append(
                Call(
                    contentID: (part.headers["content-id"] ?? "").trimmingCharacters(
                        in: CharacterSet(charactersIn: "<>")
                    ),
                    method: String(line[0]),
                    target: String(line[1]),
                    body: Data(message[(blank + 4)...])
                )
            )
        }
        return calls
    }

    /// A `multipart/mixed` answer of `application/http` responses: its `Content-Type` and body.
    static func mixedAnswer(_ answers: [(contentID: String, status: Int, body: Data)]) -> (String, Data) {
        let boundary = "batch_sandbox_\(UUID().uuidString.prefix(8))"
        var body = Data()
        for answer in answers {
            let reason = answer.status < 300 ? "OK" : "Error"
            body.append(
                Data(
                    ("--\(boundary)\r\nContent-Type: application/http\r\nContent-ID: <\(answer.contentID)>\r\n\r\n"
                        + "HTTP/1.1 \(answer.status) \(reason)\r\nContent-Type: application/json; charset=UTF-8\r\n\r\n")
                        .utf8
                )
            )
            body.append(answer.body)
            body.append(Data("\r\n".utf8))
        }
        body.append(Data("--\(boundary)--\r\n".utf8))
        return ("multipart/mixed; boundary=\(boundary)", body)
    }
}
