public import Groundwork
public import OCOPCatalog
public import Publishing

/// TikTok Shop's category tree: `GET /product/202309/categories` with `locale=vi-VN` and `category_version=v2`
/// (a Vietnamese shop lists in the v2 tree), signed like every other call; the answer's `data.categories` is
/// flat, each naming its parent (`"0"` at the first level). A product goes only in a category that `is_leaf`
/// and whose `permission_statuses` hold `AVAILABLE`: any other is kept as no leaf, so nothing is sent there.
extension TikTokShopAdapter: CategoryTreeAdapter {
    public var categoryTreeCall: MarketplaceCall {
        MarketplaceCall(
            "GET",
            "/product/202309/categories",
            parameters: ["locale": "vi-VN", "category_version": "v2"]
        )
    }

    public func categoryNodes(from data: JSONValue) throws(PublishingError) -> [CategoryNode] {
        guard let list = data["categories"], case .array(let categories) = list else {
            throw PublishingError(.account, "TikTok Shop's Get Categories answer has no data.categories")
        }
        return categories.compactMap { category in
            guard let id = category["id"]?.text else { return nil }
            let parent = category["parent_id"]?.text
            let statuses = category["permission_statuses"].map { $0.elements.compactMap(\.text) }
            let isLast = category["is_leaf"] == .bool(true)
            let available = statuses?.contains("AVAILABLE") ?? true
            return CategoryNode(
                id: id,
                parentID: parent == nil || parent == "0" ? nil : parent,
                name: category["local_name"]?.text ?? id,
                isLeaf: isLast && available,
                restriction: isLast && !available ? (statuses ?? []).joined(separator: ", ") : nil
            )
        }
    }
}

/// TikTok Shop's category attributes: `GET /product/202309/categories/{category_id}/attributes` with
/// `locale=vi-VN` and `category_version=v2`. `data.attributes` lists each attribute's `id` (its key in
/// `product_attributes`), `name` (in the locale), `type` (only `PRODUCT_PROPERTY` ones belong to the whole
/// product), the mandatory flag spelt `is_requried` (so in TikTok Shop's own SDK; `is_required` read too), its
/// listed `values` and whether it `is_customizable`. Conditional requirements are not followed.
extension TikTokShopAdapter {
    public func categoryAttributesCall(leaf id: String) -> MarketplaceCall {
        MarketplaceCall(
            "GET",
            "/product/202309/categories/\(id)/attributes",
            parameters: ["locale": "vi-VN", "category_version": "v2"]
        )
    }

    public func categoryAttributes(from data: JSONValue) throws(PublishingError) -> [CategoryAttribute] {
        guard let list = data["attributes"], case .array(let attributes) = list else {
            throw PublishingError(.account, "TikTok Shop's Get Attributes answer has no data.attributes")
        }
        return attributes.compactMap { attribute in
            guard let key = attribute["id"]?.text, attribute["type"]?.text != "SALES_PROPERTY" else { return nil }
            let options = (attribute["values"]?.elements ?? []).compactMap { value -> CategoryAttribute.Option? in
                guard let id = value["id"]?.text, let name = value["name"]?.text else { return nil }
                return CategoryAttribute.Option(id: id, name: name)
            }
            return CategoryAttribute(
                key: key,
                name: attribute["name"]?.text ?? key,
                isMandatory: (attribute["is_requried"] ?? attribute["is_required"]) == .bool(true),
                options: options,
                acceptsOtherValues: attribute["is_customizable"] == .bool(true),
                valueKind: attribute["value_data_format"]?.text == "POSITIVE_INT_OR_DECIMAL" ? .number : nil
            )
        }
    }
}
