import CZlib
public import Foundation

/// gzip (RFC 1952) through zlib, for feeds served to fetchers that accept it.
public enum Gzip {
    /// `data` compressed; `nil` if zlib fails (the caller then sends it uncompressed).
    public static func compress(_ data: Data, level: Int32 = 6) -> Data? {
        var stream = z_stream()
        guard czlib_gzip_init(&stream, level) == Z_OK else { return nil }
        defer { deflateEnd(&stream) }
        var output = Data(count: Int(deflateBound(&stream, UInt(data.count))) + 32)
        let status = data.withUnsafeBytes { input -> Int32 in
            output.withUnsafeMutableBytes { buffer -> Int32 in
                stream.next_in = UnsafeMutablePointer(
                    mutating: input.baseAddress?.assumingMemoryBound(to: Bytef.self) ?? UnsafePointer(bitPattern: 1)
                )
                stream.avail_in = uInt(input.count)
                stream.next_out = buffer.baseAddress?.assumingMemoryBound(to: Bytef.self)
                stream.avail_out = uInt(buffer.count)
                return deflate(&stream, Z_FINISH)
            }
        }
        guard status == Z_STREAM_END else { return nil }
        output.count = Int(stream.total_out)
        return output
    }
}
