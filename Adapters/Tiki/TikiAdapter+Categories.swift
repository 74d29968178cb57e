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

/// Tiki's category attributes: `GET /v1/categories/{id}`, the category's detail with its `attributes`, each a
/// `code` (its key in the request's `attributes`), a `display_name` and `is_required` (1 or 0). v1 lists no
/// values: "put attribute by value … we will map it to correct option" (a Tiki maintainer, open-api-docs #245).
/// `brand`, `origin` and `product_weight_kg` are filled by the adapter for every product.
extension TikiAdapter {
    public func categoryAttributesCall(leaf id: String) -> MarketplaceCall {
        MarketplaceCall("GET", "/v1/categories/\(id)", parameters: ["lang": "vi"])
    }

    public func categoryAttributes(from data: JSONValue) throws(PublishingError) -> [CategoryAttribute] {
        guard let list = data["attributes"], case .array(let attributes) = list else {
            throw PublishingError(.account, "Tiki's /v1/categories/{id} answer has no attributes")
        }
        return attributes.compactMap { attribute in
            guard let key = attribute["code"]?.text, !Self.attributeKeys.contains(key) else { return nil }
            let required = attribute["is_required"]
            return CategoryAttribute(
                key: key,
                name: attribute["display_name"]?.text ?? key,
                englishName: attribute["display_name_en"]?.text,
                isMandatory: required?.text == "1" || required == .bool(true)
            )
        }
    }
}
