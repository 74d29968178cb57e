import FeedKit
import Foundation
import Hummingbird
import NIOCore
import NIOPosix

/// A feed file opened for one fetch: the descriptor is taken when the request arrives, so the version its
/// validators describe is the version whose bytes are sent, even when a new export is renamed into place
/// while the body is still being written. Closed when the fetch is done with it.
final class OpenFeedFile: Sendable {
    let descriptor: Int32
    let version: FileVersion

    /// Opens the regular file at `url`; `nil` when there is none.
    init?(url: URL) {
        let descriptor = open(url.path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        guard let version = FileVersion(descriptor: descriptor) else {
            close(descriptor)
            return nil
        }
        self.descriptor = descriptor
        self.version = version
    }

    deinit { close(self.descriptor) }

    /// The file as a response body: read in `chunk`-sized pieces on NIO's blocking-I/O pool and written as the
    /// client takes them, so a fetch holds one chunk in memory however large the feed and however slow the
    /// reader.
    func body(chunk: Int = 1 << 17) -> ResponseBody {
        ResponseBody(contentLength: Int(self.version.size)) { writer in
            var offset: Int64 = 0
            while offset < self.version.size {
                let length = Int(min(Int64(chunk), self.version.size - offset))
                let buffer = try await NIOThreadPool.singleton.runIfActive { [offset] in
                    try self.read(length, at: offset)
                }
                offset += Int64(buffer.readableBytes)
                try await writer.write(buffer)
            }
            try await writer.finish(nil)
        }
    }

    /// Up to `count` bytes from the start of the file.
    func prefix(_ count: Int) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        let read = bytes.withUnsafeMutableBytes { pread(self.descriptor, $0.baseAddress, count, 0) }
        return Array(bytes.prefix(max(0, read)))
    }

    private struct ShortRead: Error {}

    private func read(_ length: Int, at offset: Int64) throws -> ByteBuffer {
        var buffer = ByteBufferAllocator().buffer(capacity: length)
        let read = buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: length) { bytes in
            max(0, pread(self.descriptor, bytes.baseAddress, length, off_t(offset)))
        }
        // Only a file cut short in place can end early (an export renames a new file over it, which leaves this
        // descriptor's file whole); the answer then ends with an error rather than with made-up bytes.
        guard read > 0 else { throw ShortRead() }
        return buffer
    }
}
