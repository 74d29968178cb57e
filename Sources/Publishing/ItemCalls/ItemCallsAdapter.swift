public import Foundation
public import Groundwork
import OCOPCatalog
public import Transport

/// A marketplace that takes one product through several calls — its images uploaded or migrated first,
/// then the product created or updated, then (where the marketplace splits them) its price and stock —
/// with the ids each call returns kept in the ledger (`RemoteReferences`), so that an update or a re-run
/// never sends again what the marketplace already has.
///
/// The adapter describes; the core sends. It parses the account once per run, gives each change a
/// conversation (the state machine of its calls), turns each call into a signed request at the time the
/// core gives it, and reads each answer's envelope.
public protocol ItemCallsAdapter: MarketplaceAdapter {
    /// The account's settings this marketplace needs, parsed once per run.
    associatedtype Account: Sendable
    /// One product's calls.
    associatedtype Conversation: ItemConversation

    /// How the marketplace names itself in messages, as people know it.
    var displayName: String { get }
    /// The typed account, or an error naming the setting to fix.
    func account(_ settings: MarketplaceAccount) throws(PublishingError) -> Account
    /// The conversation that takes `change` to the marketplace from what the ledger knows of it.
    func conversation(for change: PlannedChange, account: Account) -> Conversation
    /// `call` as the request the marketplace takes: endpoint, credentials, timestamp (`now`) and signature.
    func request(for call: MarketplaceCall, account: Account, now: Date) throws(PublishingError) -> HTTPRequest
    /// What the marketplace's answer says: the data of a success, or its refusal.
    func answer(to response: HTTPResponse) -> CallAnswer
    /// The calls that ask the marketplace what the configuration leaves out (Tiki's supplier, Shopee's
    /// logistics channels, TikTok Shop's warehouse), made once per run before the first item.
    func discoveryCalls(for account: Account) -> [MarketplaceCall]
    /// `account` completed from the data of the answers to `discoveryCalls`, in their order, or an error
    /// naming the setting to configure.
    func account(_ account: Account, discovered answers: [JSONValue]) throws(PublishingError) -> Account
    /// What the marketplace takes of a product's images, checked before any call for the product; `nil`
    /// when it documents no limits we check.
    var imageLimits: ImageLimits? { get }
}

extension ItemCallsAdapter {
    /// Nothing to ask: the configuration says it all.
    public func discoveryCalls(for account: Account) -> [MarketplaceCall] { [] }

    /// The account as configured.
    public func account(_ account: Account, discovered answers: [JSONValue]) throws(PublishingError) -> Account {
        account
    }

    /// No image limits unless the adapter gives them.
    public var imageLimits: ImageLimits? { nil }
}

/// A marketplace's answer to one call, read from its envelope.
public enum CallAnswer: Sendable {
    /// Success, with the answer's data.
    case data(JSONValue)
    /// A refusal.
    case refused(MarketplaceRefusal)
}

/// A marketplace refusing a call: what it said and how that is handled.
public struct MarketplaceRefusal: Hashable, Sendable {
    /// Retry later, fix the account, or fail the item.
    public var errorClass: MarketplaceErrorClass
    /// The marketplace's message with its code, as people see it (`Invalid access_token (error_auth)`).
    public var said: String
    /// The marketplace's own error code, when it gave one.
    public var code: String?

    /// Creates a refusal.
    public init(_ errorClass: MarketplaceErrorClass, said: String, code: String? = nil) {
        self.errorClass = errorClass
        self.said = said
        self.code = code
    }

    /// The refusal of `message` with `code`, said as `message (code)`.
    public init(_ errorClass: MarketplaceErrorClass, message: String, code: String) {
        self.init(errorClass, said: "\(message) (\(code))", code: code)
    }

    /// The item's failure for this refusal, with what the marketplace already holds of it.
    public func failure(references: RemoteReferences?) -> ItemFailure {
        ItemFailure(self.said, references: references)
    }
}

/// Why one item failed, and what the marketplace already holds of it (images uploaded before the
/// product was refused).
public struct ItemFailure: Error, Hashable, Sendable {
    public var message: String
    public var references: RemoteReferences?

    /// Creates a failure.
    public init(_ message: String, references: RemoteReferences? = nil) {
        self.message = message
        self.references = references
    }
}
