import FeedKit
public import Foundation
public import Groundwork
public import OCOPCatalog
public import Transport

/// A marketplace whose products go into leaves of its own category tree, and which says how to fetch that
/// tree: one signed call of its own (language Vietnamese), whose answer the adapter reads into nodes.
public protocol CategoryTreeAdapter: ItemCallsAdapter {
    /// The call that returns the whole tree, in Vietnamese.
    var categoryTreeCall: MarketplaceCall { get }
    /// The nodes in the data of the tree call's answer, or why the answer is not a tree.
    func categoryNodes(from data: JSONValue) throws(PublishingError) -> [CategoryNode]
}

extension CategoryTreeAdapter {
    /// The marketplace's category tree, fetched through `client` with `settings` (the request signed as
    /// every other call of the adapter), at `now`.
    public func fetchCategoryTree(
        settings: MarketplaceAccount,
        client: any HTTPClient,
        now: @escaping @Sendable () -> Date = Date.init
    ) async throws(PublishingError) -> CategoryTree {
        let account = try self.account(settings)
        let call = self.categoryTreeCall
        let first = try self.request(for: call, account: account, now: now())
        let response: HTTPResponse
        do {
            response = try await client.send(signingEachAttempt: { [self] in
                (try? self.request(for: call, account: account, now: now())) ?? first
            })
        } catch {
            throw PublishingError(
                .unreachable,
                "\(self.marketplace.rawValue): the category tree could not be fetched: \(error.message)",
                underlying: error
            )
        }
        switch self.answer(to: response) {
        case .refused(let refusal):
            let code: PublishingError.Code = refusal.errorClass == .retryable ? .unreachable : .account
            throw PublishingError(
                code,
                "\(self.displayName) refused the category tree call \(call.path): "
                    + Redactor(secrets: settings.secrets).redact(refusal.said)
            )
        case .data(let data):
            let nodes = try self.categoryNodes(from: data)
            guard !nodes.isEmpty else {
                throw PublishingError(
                    .account,
                    "\(self.displayName) answered the category tree call \(call.path) with no categories"
                )
            }
            return CategoryTree(marketplace: self.marketplace.rawValue, fetched: now(), nodes: nodes)
        }
    }
}
