public import Groundwork
public import OCOPCatalog
public import Publishing

/// Tiki's category tree: `GET /v1/categories?lang=vi` (v1, the only version whose reference is stored; its
/// default language is English), a bare array of `{id, name, parent, primary}` with `primary: 1` on the
/// categories a product may go in. That the list without `parent` holds every level is UNVERIFIED
/// (research-15/tiki.md §1.1).
extension TikiAdapter: CategoryTreeAdapter {
    public var categoryTreeCall: MarketplaceCall {
        MarketplaceCall("GET", "/v1/categories", parameters: ["lang": "vi"])
    }

    public func categoryNodes(from data: JSONValue) throws(PublishingError) -> [CategoryNode] {
        guard case .array(let categories) = data else {
            throw PublishingError(.account, "Tiki's /v1/categories answer is not a list of categories")
        }
        return categories.compactMap { category in
            guard let id = category["id"]?.text else { return nil }
            let parent = category["parent"]?.text
            let primary = category["primary"]
            return CategoryNode(
                id: id,
                parentID: parent == nil || parent == "0" ? nil : parent,
                name: category["name"]?.text ?? id,
                isLeaf: primary?.text == "1" || primary == .bool(true)
            )
        }
    }
}
