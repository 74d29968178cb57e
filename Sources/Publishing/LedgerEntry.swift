public import Foundation
public import Transport

/// What one marketplace holds of one product, as far as OCOP Connect knows.
public struct LedgerEntry: Hashable, Sendable {
    /// How the last attempt ended.
    public enum Outcome: String, Hashable, Sendable, Codable {
        case succeeded
        case failed
    }

    public var contentHash: String
    public var remoteID: String?
    public var lastSent: Date
    public var lastOutcome: Outcome
    public var lastError: String?

    /// Creates an entry.
    public init(contentHash: String, remoteID: String?, lastSent: Date, lastOutcome: Outcome, lastError: String? = nil)
    {
        self.contentHash = contentHash
        self.remoteID = remoteID
        self.lastSent = lastSent
        self.lastOutcome = lastOutcome
        self.lastError = lastError
    }
}

/// What happened to one change when it was sent.
public struct ItemOutcome: Hashable, Sendable, Codable {
    public var code: String
    public var action: PublishAction
    public var succeeded: Bool
    /// The marketplace's id for the item, when it gave one.
    public var remoteID: String?
    /// The marketplace's own message on failure.
    public var message: String?

    /// Creates an outcome.
    public init(code: String, action: PublishAction, succeeded: Bool, remoteID: String? = nil, message: String? = nil) {
        self.code = code
        self.action = action
        self.succeeded = succeeded
        self.remoteID = remoteID
        self.message = message
    }
}

extension ItemOutcome {
    /// The outcome with every secret `redactor` knows taken out of its message.
    public func redacted(by redactor: Redactor) -> ItemOutcome {
        var outcome = self
        outcome.message = self.message.map(redactor.redact)
        return outcome
    }
}
