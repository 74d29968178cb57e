import Foundation

/// The character encoding of a CSV file. UTF-8 is what every tool reads; UTF-16 with a byte-order mark is what
/// Excel's "Unicode Text" writes and is recognised by that mark; Windows-1258 (Vietnamese ANSI, what Excel's
/// plain "CSV" writes on a Vietnamese Windows) is read only when asked for, since no byte tells it apart.
public enum TextEncoding: String, Hashable, Sendable, CaseIterable {
    case utf8 = "utf-8"
    case utf16 = "utf-16"
    case windows1258 = "windows-1258"

    /// Takes the names people write: `utf-8`, `UTF8`, `utf-16`, `windows-1258`, `cp1258`.
    public init?(name: String) {
        let folded = name.lowercased().filter { $0.isLetter || $0.isNumber }
        switch folded {
        case "utf8": self = .utf8
        case "utf16", "unicode": self = .utf16
        case "windows1258", "cp1258", "win1258": self = .windows1258
        default: return nil
        }
    }

    /// The encoding a file's first bytes announce: UTF-16 by its byte-order mark; otherwise `nil` (UTF-8).
    static func announced(by start: some Collection<UInt8>) -> TextEncoding? {
        let mark = Array(start.prefix(2))
        return mark == [0xFF, 0xFE] || mark == [0xFE, 0xFF] ? .utf16 : nil
    }

    /// iconv's name for the encoding (glibc's UTF-16 reads the byte-order mark and drops it).
    var iconvName: String {
        switch self {
        case .utf8: "UTF-8"
        case .utf16: "UTF-16"
        case .windows1258: "WINDOWS-1258"
        }
    }
}

/// Turns text in another encoding into UTF-8 a chunk at a time, with the C library's iconv. A character cut in
/// two by a chunk boundary is kept until the next chunk completes it; at the end, what iconv still holds (its
/// Windows-1258 converter keeps the last letter back in case a tone mark follows) is flushed out.
final class UTF8Transcoder {
    private let converter: iconv_t
    private var pending: [UInt8] = []
    private let encoding: TextEncoding

    /// A transcoder from `encoding`; `nil` when this system's C library cannot convert it.
    init?(from encoding: TextEncoding) {
        let converter = iconv_open("UTF-8", encoding.iconvName)
        guard let converter, Int(bitPattern: converter) != -1 else { return nil }
        self.converter = converter
        self.encoding = encoding
    }

    deinit { iconv_close(self.converter) }

    /// The UTF-8 of `bytes` (and of what was pending from the chunk before). At the end of the input
    /// (`isLast`), an incomplete character left over is an error, and what the converter holds is flushed.
    func convert(_ bytes: [UInt8], isLast: Bool) throws(TranscodingError) -> [UInt8] {
        var input = self.pending + bytes
        self.pending.removeAll()
        var output: [UInt8] = []
        output.reserveCapacity(input.count * 2 + 16)
        var consumed = 0
        while consumed < input.count {
            let (read, status, error) = self.step(&input, from: consumed, into: &output)
            consumed += read
            guard status == -1 else { continue }  // iconv's (size_t)-1, which Swift imports as Int
            switch error {
            case E2BIG:
                continue  // the output is grown by the next step
            case EINVAL where !isLast:
                self.pending = Array(input[consumed...])
                consumed = input.count
            default:
                throw TranscodingError(encoding: self.encoding, convertedBeforeIt: output)
            }
        }
        if isLast { self.flush(into: &output) }
        return output
    }

    /// One call of iconv over `input[from...]`, appending up to a buffer's worth to `output`: how many bytes
    /// it read, its status and its errno.
    private func step(_ input: inout [UInt8], from start: Int, into output: inout [UInt8]) -> (Int, size_t, Int32) {
        var room = [UInt8](repeating: 0, count: max(64, (input.count - start) * 3))
        var inputLeft = input.count - start
        var outputLeft = room.count
        let (status, error) = input.withUnsafeMutableBytes { inputBytes in
            room.withUnsafeMutableBytes { roomBytes in
                var inputPointer = inputBytes.baseAddress.map { ($0 + start).assumingMemoryBound(to: CChar.self) }
                var outputPointer = roomBytes.baseAddress?.assumingMemoryBound(to: CChar.self)
                let status = iconv(self.converter, &inputPointer, &inputLeft, &outputPointer, &outputLeft)
                return (status, errno)
            }
        }
        output += room[..<(room.count - outputLeft)]
        return (input.count - start - inputLeft, status, error)
    }

    /// Whatever the converter still holds, written out (iconv called with no input).
    private func flush(into output: inout [UInt8]) {
        var room = [UInt8](repeating: 0, count: 64)
        var outputLeft = room.count
        room.withUnsafeMutableBytes { roomBytes in
            var outputPointer = roomBytes.baseAddress?.assumingMemoryBound(to: CChar.self)
            _ = iconv(self.converter, nil, nil, &outputPointer, &outputLeft)
        }
        output += room[..<(room.count - outputLeft)]
    }
}

/// Bytes that are not text in the encoding they were read as.
struct TranscodingError: Error {
    var encoding: TextEncoding
    /// The chunk's text up to the bad bytes, so the line they are on can be told.
    var convertedBeforeIt: [UInt8]
}
