import CGzip
public import Foundation

/// The gzip copy of a finished feed, `FILE.gz` beside it, for fetchers that accept gzip: made once at export
/// time, so a server streams a file instead of compressing (and holding) the feed per fetch.
///
/// The copy names the ``FileVersion`` of the feed it was made from in its gzip header's comment
/// (RFC 1952 `FCOMMENT`), so whoever serves it can tell a current copy from one an earlier export left and
/// never hands out one version's bytes under another's validator.
public enum CompressedCopy {
    /// Where the copy of `feed` lives.
    public static func url(of feed: URL) -> URL {
        feed.deletingLastPathComponent().appending(path: feed.lastPathComponent + ".gz")
    }

    /// Compresses the finished file `staged`, whose version is `version`, into the copy of `feed` (the name
    /// `staged` is about to be renamed to), through a temporary sibling renamed into place. Reads and writes
    /// in bounded chunks, whatever the feed's size.
    public static func write(of staged: URL, version: FileVersion, as feed: URL, level: Int32 = 6) throws(FeedError) {
        let destination = Self.url(of: feed)
        let temporary = destination.deletingLastPathComponent()
            .appending(path: ".\(destination.lastPathComponent).\(UUID().uuidString).tmp")
        do {
            try Self.compress(staged, into: temporary, comment: version.description, level: level)
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw FeedError(.unwritable, "\(destination.path): \((error as? Failure)?.reason ?? "\(error)")")
        }
        try moveIntoPlace(temporary, destination)
    }

    /// The feed version a copy names, from the first bytes of the copy (1 KiB is plenty): its gzip header's
    /// `FCOMMENT` (RFC 1952 §2.3.1); `nil` when the bytes are not gzip or name none.
    public static func version(inHeader bytes: [UInt8]) -> String? {
        guard bytes.count >= 10, bytes[0] == 0x1f, bytes[1] == 0x8b, bytes[2] == 8 else { return nil }
        let flags = bytes[3]
        var index = 10
        if flags & 0x04 != 0 {  // FEXTRA: a two-byte length, then that many bytes
            guard index + 2 <= bytes.count else { return nil }
            index += 2 + Int(bytes[index]) + Int(bytes[index + 1]) << 8
        }
        func skipZeroTerminated() -> Range<Int>? {
            guard index <= bytes.count, let end = bytes[index...].firstIndex(of: 0) else { return nil }
            defer { index = end + 1 }
            return index..<end
        }
        if flags & 0x08 != 0 { guard skipZeroTerminated() != nil else { return nil } }  // FNAME
        guard flags & 0x10 != 0, let comment = skipZeroTerminated() else { return nil }  // FCOMMENT
        return String(decoding: bytes[comment], as: UTF8.self)
    }

    private struct Failure: Error { let reason: String }

    private static func compress(_ source: URL, into destination: URL, comment: String, level: Int32) throws {
        guard let input = FileHandle(forReadingAtPath: source.path) else {
            throw Failure(reason: "cannot read the feed")
        }
        defer { try? input.close() }
        guard FileManager.default.createFile(atPath: destination.path, contents: nil),
            let output = FileHandle(forWritingAtPath: destination.path)
        else { throw Failure(reason: "cannot write here") }
        defer { try? output.close() }
        // zlib keeps pointers to the stream and to the header between calls: both live at fixed heap addresses.
        let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        defer { stream.deallocate() }
        guard czlib_gzip_init(stream, level) == Z_OK else { throw Failure(reason: "zlib could not start") }
        defer { deflateEnd(stream) }
        let commentText = strdup(comment)
        defer { free(commentText) }
        let header = UnsafeMutablePointer<gz_header>.allocate(capacity: 1)
        header.initialize(to: gz_header())
        defer { header.deallocate() }
        header.pointee.os = 3  // Unix
        header.pointee.comment = commentText.map { UnsafeMutableRawPointer($0).assumingMemoryBound(to: Bytef.self) }
        guard deflateSetHeader(stream, header) == Z_OK else { throw Failure(reason: "zlib refused the header") }
        var outputBuffer = [UInt8](repeating: 0, count: 1 << 18)
        var finished = false
        while !finished {
            let chunk: Data
            do { chunk = try input.read(upToCount: 1 << 18) ?? Data() } catch {
                throw Failure(reason: "reading the feed failed")
            }
            let flush = chunk.isEmpty ? Z_FINISH : Z_NO_FLUSH
            var status = Z_OK
            try chunk.withUnsafeBytes { input in
                stream.pointee.next_in = UnsafeMutablePointer(
                    mutating: input.baseAddress?.assumingMemoryBound(to: Bytef.self) ?? UnsafePointer(bitPattern: 1)
                )
                stream.pointee.avail_in = uInt(input.count)
                repeat {
                    let produced = outputBuffer.withUnsafeMutableBytes { buffer -> Int in
                        stream.pointee.next_out = buffer.baseAddress?.assumingMemoryBound(to: Bytef.self)
                        stream.pointee.avail_out = uInt(buffer.count)
                        status = deflate(stream, flush)
                        return buffer.count - Int(stream.pointee.avail_out)
                    }
                    guard status == Z_OK || status == Z_STREAM_END || status == Z_BUF_ERROR else {
                        throw Failure(reason: "zlib failed (\(status))")
                    }
                    do { try output.write(contentsOf: outputBuffer[0..<produced]) } catch {
                        throw Failure(reason: "writing failed (disk full?)")
                    }
                } while stream.pointee.avail_out == 0
            }
            finished = status == Z_STREAM_END
        }
        do { try output.synchronize() } catch { throw Failure(reason: "writing failed (disk full?)") }
    }
}
