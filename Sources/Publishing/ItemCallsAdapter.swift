import FeedKit
import Foundation
import OCOPCatalog
public import Transport

/// A marketplace that takes one product through several calls — its images uploaded or migrated first,
/// then the product created or updated, then (where the marketplace splits them) its price and stock —
/// with the ids each call returns kept in the ledger (`RemoteReferences`), so that an update or a re-run
/// never sends again what the marketplace already has.
public protocol ItemCallsAdapter: MarketplaceAdapter {
    /// Sends `change` and returns its outcome. A refused item is an outcome (with the marketplace's own
    /// message and whatever it already holds of the item); throws only when nothing can succeed: the
    /// marketplace is unreachable, or refuses the credentials, the signature or the request's shape.
    func publish(_ change: PlannedChange, account: MarketplaceAccount, client: any HTTPClient)
        async throws(PublishingError) -> ItemOutcome
}

/// Why one item failed, and what the marketplace already holds of it (images uploaded before the
/// product was refused): thrown inside an item's calls, turned into its outcome.
public struct ItemFailure: Error, Sendable {
    public var message: String
    public var references: RemoteReferences?
    /// The marketplace's own error code, when it gave one.
    public var code: String?

    /// Creates a failure.
    public init(_ message: String, references: RemoteReferences? = nil, code: String? = nil) {
        self.message = message
        self.references = references
        self.code = code
    }
}

extension MarketplaceErrorClass {
    /// What a marketplace's refusal of this class does: a request-level one stops the run (the account or
    /// the request's shape needs fixing), a retryable one fails the item for this run, an item-level one
    /// fails the item; each says the marketplace's own `message` and `code`.
    public func refusal(
        _ message: String,
        code: String,
        marketplace: String,
        name: String,
        references: RemoteReferences?
    ) -> any Error {
        let said = "\(message) (\(code))"
        return switch self {
        case .request: PublishingError(.account, "\(marketplace): \(said)")
        case .retryable:
            ItemFailure("\(name) is busy: \(said); sent again next run", references: references, code: code)
        case .item: ItemFailure(said, references: references, code: code)
        }
    }
}

extension ItemCallsAdapter {
    /// The outcome of `change` from `calls`, which return what the marketplace holds afterwards: a thrown
    /// `ItemFailure` becomes a failed outcome, a `PublishingError` goes up.
    public func outcome(
        of change: PlannedChange,
        _ calls: () async throws -> RemoteReferences?
    ) async throws(PublishingError) -> ItemOutcome {
        do {
            let references = try await calls()
            return ItemOutcome(
                code: change.code,
                action: change.action,
                succeeded: true,
                remoteID: references?.ledgerText
            )
        } catch let failure as ItemFailure {
            return ItemOutcome(
                code: change.code,
                action: change.action,
                succeeded: false,
                remoteID: failure.references?.ledgerText,
                message: failure.message
            )
        } catch let error as PublishingError {
            throw error
        } catch {
            throw PublishingError(.unreachable, "\(self.marketplace.rawValue): \(error)")
        }
    }
}
