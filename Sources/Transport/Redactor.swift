/// Removes secrets (keys, tokens, signatures) from text bound for logs, errors and reports.
public struct Redactor: Hashable, Sendable {
    private let secrets: [String]

    /// A redactor for `secrets`; values shorter than 4 characters are ignored (they would blank out
    /// ordinary text and protect nothing).
    public init(secrets: [String]) {
        // Longest first, so a secret that contains another is replaced whole.
        self.secrets = Set(secrets.filter { $0.count >= 4 }).sorted { $0.count > $1.count }
    }

    /// `text` with every secret replaced by `‹redacted›`.
    public func redact(_ text: String) -> String {
        var result = text
        for secret in self.secrets where result.contains(secret) {
            result = result.replacing(secret, with: "‹redacted›")
        }
        return result
    }
}
