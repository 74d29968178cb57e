import Foundation

/// The number of files this process may have open, which bounds the connections it can hold.
public enum OpenFileLimit {
    /// Raises the soft limit as far as the hard limit allows, up to `wanted`, and returns the soft limit then
    /// in force (systemd starts services at 1,024).
    public static func raise(toAtLeast wanted: Int) -> Int {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return wanted }
        if limit.rlim_cur < rlim_t(wanted) {
            var raised = limit
            raised.rlim_cur = min(rlim_t(wanted), limit.rlim_max)
            if setrlimit(Int32(RLIMIT_NOFILE.rawValue), &raised) == 0 { limit = raised }
        }
        return Int(clamping: limit.rlim_cur)
    }
}
