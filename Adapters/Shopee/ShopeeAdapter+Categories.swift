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

/// Shopee's category attributes: `GET /api/v2/product/get_attribute_tree` with `category_id_list` (one leaf at a
/// time; how a list is written in a query is UNVERIFIED) and `language=vi`. The answer's `list[0].attribute_tree`
/// holds each attribute's `attribute_id` (its key in `add_item`'s `attribute_list`), `mandatory`, `name` and
/// `multi_lang` translations (the Vietnamese one shown where given), its listed values
/// (`attribute_value_list`) and `attribute_info.input_type`: 1 (drop-down) and 4 (multi drop-down) take only
/// listed values (a drop-down that lists none has them only through `search_attribute_value_list`, not called yet:
/// no value of ours is taken as one of them); `input_validation_type` 1 and 3 take numbers, 4 dates; `format_type`
/// 2 a number with one of `attribute_unit_list`, sent as `value_unit`. Child attributes under a value are not
/// followed.
extension ShopeeAdapter {
    public func categoryAttributesCall(leaf id: String) -> MarketplaceCall {
        MarketplaceCall(
            "GET",
            "/api/v2/product/get_attribute_tree",
            parameters: ["category_id_list": id, "language": "vi"]
        )
    }

    public func categoryAttributes(from data: JSONValue) throws(PublishingError) -> [CategoryAttribute] {
        guard let tree = data["list"]?[0]?["attribute_tree"], case .array(let attributes) = tree else {
            throw PublishingError(.account, "Shopee's get_attribute_tree answer has no list[0].attribute_tree")
        }
        func shown(_ item: JSONValue) -> String? {
            let vietnamese = item["multi_lang"]?.elements.first { $0["language"]?.text?.hasPrefix("v") == true }
            return vietnamese?["value"]?.text ?? item["name"]?.text
        }
        return attributes.compactMap { attribute in
            guard let key = attribute["attribute_id"]?.text else { return nil }
            let options = (attribute["attribute_value_list"]?.elements ?? []).compactMap {
                value -> CategoryAttribute.Option? in
                guard let id = value["value_id"]?.text, let name = shown(value) else { return nil }
                return CategoryAttribute.Option(id: id, name: name, englishName: value["name"]?.text)
            }
            let english = attribute["name"]?.text
            let info = attribute["attribute_info"]
            let validation = info?["input_validation_type"]?.text
            let units = info?["attribute_unit_list"]?.elements.compactMap(\.text) ?? []
            return CategoryAttribute(
                key: key,
                name: shown(attribute) ?? key,
                englishName: english,
                isMandatory: attribute["mandatory"] == .bool(true),
                options: options,
                acceptsOtherValues: !["1", "4"].contains(info?["input_type"]?.text ?? ""),
                valueKind: ["1", "3"].contains(validation ?? "") ? .number : validation == "4" ? .date : nil,
                units: info?["format_type"]?.text == "2" && !units.isEmpty ? units : nil
            )
        }
    }
}
