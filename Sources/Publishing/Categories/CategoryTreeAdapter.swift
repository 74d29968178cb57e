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
    /// The call that lists the attributes leaf `id` asks of its products, in Vietnamese.
    func categoryAttributesCall(leaf id: String) -> MarketplaceCall
    /// The attributes in the data of that call's answer, less those the adapter always fills itself (name,
    /// price, package size…), or why the answer lists none.
    func categoryAttributes(from data: JSONValue) throws(PublishingError) -> [CategoryAttribute]
    /// Whether `refusal` of the attributes call only says the leaf has no attributes (Lazada's 57, "No attribute
    /// sets linked to that category"); none does unless its adapter says so.
    func meansNoAttributes(_ refusal: MarketplaceRefusal) -> Bool
}

extension CategoryTreeAdapter {
    public func meansNoAttributes(_ refusal: MarketplaceRefusal) -> Bool { false }

    /// The marketplace's category tree, fetched through `client` with `settings` (the request signed as
    /// every other call of the adapter), at `now`.
    public func fetchCategoryTree(
        settings: MarketplaceAccount,
        client: any HTTPClient,
        now: @escaping @Sendable () -> Date = Date.init
    ) async throws(PublishingError) -> CategoryTree {
        let data = try await self.fetch(self.categoryTreeCall, what: "category tree", settings, client, now) ?? .null
        let nodes = try self.categoryNodes(from: data)
        guard !nodes.isEmpty else {
            throw PublishingError(
                .account,
                "\(self.displayName) answered the category tree call \(self.categoryTreeCall.path) with no categories"
            )
        }
        return CategoryTree(marketplace: self.marketplace.rawValue, fetched: now(), nodes: nodes)
    }

    /// The attributes leaf `id` asks of its products, fetched as the tree is.
    public func fetchCategoryAttributes(
        leaf id: String,
        settings: MarketplaceAccount,
        client: any HTTPClient,
        now: @escaping @Sendable () -> Date = Date.init
    ) async throws(PublishingError) -> [CategoryAttribute] {
        let call = self.categoryAttributesCall(leaf: id)
        let what = "attributes of category \(id)"
        guard let data = try await self.fetch(call, what: what, settings, client, now, none: self.meansNoAttributes)
        else { return [] }
        return try self.categoryAttributes(from: data)
    }

    /// The data of `call`'s answer, or why there is none; `nil` for a refusal that `none` says means nothing.
    private func fetch(
        _ call: MarketplaceCall,
        what: String,
        _ settings: MarketplaceAccount,
        _ client: any HTTPClient,
        _ now: @escaping @Sendable () -> Date,
        none: (MarketplaceRefusal) -> Bool = { _ in false }
    ) async throws(PublishingError) -> JSONValue? {
        let account = try self.account(settings)
        let first = try self.request(for: call, account: account, now: now())
        let response: HTTPResponse
        do {
            response = try await client.send(signingEachAttempt: { [self] in
                (try? self.request(for: call, account: account, now: now())) ?? first
            })
        } catch {
            throw PublishingError(
                .unreachable,
                "\(self.marketplace.rawValue): the \(what) could not be fetched: \(error.message)",
                underlying: error
            )
        }
        switch self.answer(to: response) {
        case .refused(let refusal):
            if none(refusal) { return nil }
            let code: PublishingError.Code = refusal.errorClass == .retryable ? .unreachable : .account
            throw PublishingError(
                code,
                "\(self.displayName) refused the \(what) call \(call.path): "
                    + Redactor(secrets: settings.secrets).redact(refusal.said)
            )
        case .data(let data):
            return data
        }
    }
}
