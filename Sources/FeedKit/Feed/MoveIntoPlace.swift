import Foundation

/// Renames a finished `temporary` file over `destination` in one step (POSIX `rename`), so a reader sees the
/// old complete file or the new complete file, never a half-written one.
func moveIntoPlace(_ temporary: URL, _ destination: URL) throws(FeedError) {
    guard rename(temporary.path, destination.path) == 0 else {
        let reason = String(cString: strerror(errno))
        try? FileManager.default.removeItem(at: temporary)
        throw FeedError(.unwritable, "\(destination.path): cannot move the finished feed into place: \(reason)")
    }
}
