import Synchronization
import Transport

/// The secrets one run has held (the account's, and each token renewed while it ran), for redacting them from
/// whatever it records.
final class RunSecrets: Sendable {
    private let secrets: Mutex<[String]>

    init(_ secrets: [String]) {
        self.secrets = Mutex(secrets)
    }

    func add(_ more: [String]) {
        self.secrets.withLock { $0 += more }
    }

    /// A redactor for every secret held so far.
    var redactor: Redactor {
        Redactor(secrets: self.secrets.withLock { $0 })
    }
}
