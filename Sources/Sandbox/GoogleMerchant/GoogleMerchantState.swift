import Foundation

/// What the Google simulator keeps: the access tokens its token endpoint issued.
actor GoogleMerchantState {
    /// Access tokens the sandbox issued, with their expiry.
    private var tokens: [String: Date] = [:]

    func issueToken(now: Date) -> String {
        let token = "sandbox-google-\(UUID().uuidString)"
        self.tokens[token] = now.addingTimeInterval(3600)
        return token
    }

    func isValid(token: String, now: Date) -> Bool {
        (self.tokens[token] ?? .distantPast) > now
    }
}
