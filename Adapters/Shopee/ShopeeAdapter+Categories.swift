public import Groundwork
public import OCOPCatalog
public import Publishing

/// Shopee's category tree: `GET /api/v2/product/get_category` with `language=vi`, a shop API signed like
/// `add_item`; the answer's `category_list` is flat, each category naming its parent (`0` at the first level),
/// `has_children: false` marking the leaves, the only categories `add_item` takes.
extension ShopeeAdapter: CategoryTreeAdapter {
    public var categoryTreeCall: MarketplaceCall {
        MarketplaceCall("GET", "/api/v2/product/get_category", parameters: ["language": "vi"])
    }

    public func categoryNodes(from data: JSONValue) throws(PublishingError) -> [CategoryNode] {
        guard let list = data["category_list"], case .array(let categories) = list else {
            throw PublishingError(.account, "Shopee's get_category answer has no category_list")
        }
        return categories.compactMap { category in
            guard let id = category["category_id"]?.text else { return nil }
            let parent = category["parent_category_id"]?.text
            let name = category["display_category_name"]?.text ?? category["original_category_name"]?.text ?? id
            return CategoryNode(
                id: id,
                parentID: parent == nil || parent == "0" ? nil : parent,
                name: name.isEmpty ? (category["original_category_name"]?.text ?? id) : name,
                // Only an explicit `has_children: false` is a leaf: a field missing or of another type must not
                // let a product go to a category with others under it.
                isLeaf: category["has_children"] == .bool(false)
            )
        }
    }
}
