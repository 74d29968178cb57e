public import Foundation

/// `multipart/form-data` bodies: fields and files, as file-upload APIs take them.
public enum MultipartFormData {
    /// One field; a file when it has a file name.
    public struct Part: Hashable, Sendable {
        public var name: String
        public var fileName: String?
        public var contentType: String?
        public var data: Data

        /// A text field.
        public init(name: String, value: String) {
            self.name = name
            self.data = Data(value.utf8)
        }

        /// A file.
        public init(name: String, fileName: String, contentType: String, data: Data) {
            self.name = name
            self.fileName = fileName
            self.contentType = contentType
            self.data = data
        }

        /// The field's text.
        public var text: String { String(decoding: self.data, as: UTF8.self) }
    }

    /// The `Content-Type` header value for `boundary`.
    public static func contentType(boundary: String) -> String {
        "multipart/form-data; boundary=\(boundary)"
    }

    /// A boundary that does not occur in `parts`.
    public static func boundary(for parts: [Part]) -> String {
        while true {
            let boundary = "ocop-" + UUID().uuidString
            let marker = Data(boundary.utf8)
            if !parts.contains(where: { $0.data.range(of: marker) != nil }) { return boundary }
        }
    }

    /// A body carrying `parts` with a boundary of its own, and the `Content-Type` that names it.
    public static func body(_ parts: [Part]) -> (contentType: String, data: Data) {
        let boundary = self.boundary(for: parts)
        return (self.contentType(boundary: boundary), self.encode(parts, boundary: boundary))
    }

    /// The body carrying `parts`.
    public static func encode(_ parts: [Part], boundary: String) -> Data {
        var body = Data()
        for part in parts {
            var head = "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(Self.quoted(part.name))\""
            if let fileName = part.fileName { head += "; filename=\"\(Self.quoted(fileName))\"" }
            head += "\r\n"
            if let type = part.contentType { head += "Content-Type: \(type)\r\n" }
            head += "\r\n"
            body.append(Data(head.utf8))
            body.append(part.data)
            body.append(Data("\r\n".utf8))
        }
        body.append(Data("--\(boundary)--\r\n".utf8))
        return body
    }

    /// The parts of `body`; `nil` when it is not a form-data body with that boundary.
    public static func parse(_ body: Data, boundary: String) -> [Part]? {
        let delimiter = Data("\r\n--\(boundary)".utf8)
        var data = Data("\r\n".utf8)
        data.append(body)
        var parts: [Part] = []
        guard var cursor = data.range(of: delimiter)?.upperBound else { return nil }
        while cursor < data.endIndex {
            if data[cursor...].starts(with: Data("--".utf8)) { return parts }  // the closing delimiter
            guard let next = data.range(of: delimiter, in: cursor..<data.endIndex),
                let part = Self.part(data[cursor..<next.lowerBound])
            else { return nil }
            parts.append(part)
            cursor = next.upperBound
        }
        return nil
    }

    private static func part(_ data: Data) -> Part? {
        guard let headEnd = data.range(of: Data("\r\n\r\n".utf8)) else { return nil }
        let head = String(decoding: data[data.startIndex..<headEnd.lowerBound], as: UTF8.self)
        var name: String?
        var fileName: String?
        var contentType: String?
        for line in head.components(separatedBy: "\r\n") {
            let lowered = line.lowercased()
            if lowered.hasPrefix("content-disposition:") {
                name = Self.parameter("name", in: line)
                fileName = Self.parameter("filename", in: line)
            } else if lowered.hasPrefix("content-type:") {
                contentType = line.dropFirst("content-type:".count).trimmingCharacters(in: .whitespaces)
            }
        }
        guard let name else { return nil }
        let content = Data(data[headEnd.upperBound...])
        if let fileName {
            return Part(
                name: name,
                fileName: fileName,
                contentType: contentType ?? "application/octet-stream",
                data: content
            )
        }
        var part = Part(name: name, value: "")
        part.data = content
        return part
    }

    /// `name="value"` of a header line.
    private static func parameter(_ name: String, in line: String) -> String? {
        for piece in line.split(separator: ";").dropFirst() {
            let pair = piece.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if pair.count == 2, pair[0].lowercased() == name {
                return pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            }
        }
        return nil
    }

    private static func quoted(_ text: String) -> String {
        text.replacingOccurrences(of: "\"", with: "%22").replacingOccurrences(of: "\r", with: "")
            .replacingOccurrences(of: "\n", with: "")
    }
}
