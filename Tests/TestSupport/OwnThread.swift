import Foundation

/// Runs blocking `work` (waiting for a child process, reading a pipe to its end) on a thread of its own and
/// awaits its result. Not on the concurrency pool, and not on libdispatch's global queues either: a handful
/// of such waits would take every thread those have on a 2-core machine and starve the in-process servers and
/// libcurl transfers the tests rely on.
public func onOwnThread<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread.detachNewThread {
            continuation.resume(with: Result { try work() })
        }
    }
}
