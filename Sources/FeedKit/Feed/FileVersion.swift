public import Foundation

/// Which version of a file is on disk: its inode, size and modification time (to the nanosecond). A feed is
/// written to a temporary sibling and renamed into place, so every export gives a new version, and a
/// rename keeps all three, so the version of a staged feed is the version it has once in place.
public struct FileVersion: Hashable, Sendable, CustomStringConvertible {
    public let inode: UInt64
    public let size: Int64
    /// Seconds since 1970, with nanoseconds.
    public let modifiedSeconds: Int64
    public let modifiedNanoseconds: Int64

    /// The version of the file open as `descriptor`; `nil` when it is not a regular file.
    public init?(descriptor: Int32) {
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { return nil }
        self.init(status)
    }

    /// The version of the file at `path`; `nil` when there is none or it is not a regular file.
    public init?(path: String) {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        self.init(status)
    }

    private init?(_ status: stat) {
        guard status.st_mode & S_IFMT == S_IFREG else { return nil }
        self.inode = UInt64(status.st_ino)
        self.size = Int64(status.st_size)
        self.modifiedSeconds = Int64(status.st_mtim.tv_sec)
        self.modifiedNanoseconds = Int64(status.st_mtim.tv_nsec)
    }

    /// When the file was last written, to the second (as HTTP dates go).
    public var modified: Date { Date(timeIntervalSince1970: TimeInterval(self.modifiedSeconds)) }

    /// `inode-size-nanoseconds`, in hexadecimal: the text of an HTTP strong validator.
    public var description: String {
        let nanoseconds = self.modifiedSeconds &* 1_000_000_000 &+ self.modifiedNanoseconds
        return "\(String(self.inode, radix: 16))-\(String(self.size, radix: 16))-\(String(nanoseconds, radix: 16))"
    }
}
