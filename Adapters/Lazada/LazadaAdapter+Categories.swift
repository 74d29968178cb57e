public import Groundwork
public import OCOPCatalog
public import Publishing

/// Lazada's category tree: `GET /category/tree/get` with `language_code=vi_VN`, signed like every other call;
/// the answer's `data` is nested (`children`), with no parent id of its own, and `leaf: true` marks the only
/// categories `/product/create` takes.
extension LazadaAdapter: CategoryTreeAdapter {
    public var categoryTreeCall: MarketplaceCall {
        MarketplaceCall("GET", "/category/tree/get", parameters: ["language_code": "vi_VN"])
    }

    public func categoryNodes(from data: JSONValue) throws(PublishingError) -> [CategoryNode] {
        guard case .array(let roots) = data else {
            throw PublishingError(.account, "Lazada's /category/tree/get answer has no data array")
        }
        var nodes: [CategoryNode] = []
        func walk(_ node: JSONValue, parent: String?, depth: Int) {
            guard depth < 32, let id = node["category_id"]?.text else { return }
            let leaf = node["leaf"] == .bool(true) || node["leaf"]?.text == "true"
            nodes.append(CategoryNode(id: id, parentID: parent, name: node["name"]?.text ?? id, isLeaf: leaf))
            for child in node["children"]?.elements ?? [] { walk(child, parent: id, depth: depth + 1) }
        }
        for root in roots { walk(root, parent: nil, depth: 0) }
        return nodes
    }
}

/// Lazada's category attributes: `GET /category/attributes/get` with `primary_category_id` and
/// `language_code=vi_VN`. `data` lists every attribute, the platform's own fields too (`name`, `brand`,
/// `SellerSku`, `package_*`…, filled by the adapter already); those of `attribute_type: normal` are the
/// category's, keyed by their English `name` in `Attributes`, shown by their `label`, mandatory when
/// `is_mandatory` is 1 (given as a number or a string); a listed option is sent by its `en_name`.
/// `singleSelect` and `multiSelect` take only listed options; `numeric` and `date` only numbers and dates (4107
/// CHECK_CAT_PROP_INVALID_NUMBER otherwise). Attributes of `attribute_type: sku` other than the package's are
/// not read yet.
extension LazadaAdapter {
    /// The attributes the adapter fills itself, whatever the category.
    static let ownAttributes: Set<String> = Set(Self.attributeKeys + Self.skuKeys).union([
        "brand", "__images__", "video", "Images", "color_family", "description_en", "name_en", "delivery_option_sof",
    ])

    /// 57, "E057: No attribute sets linked to that category" (GetCategoryAttributes' error table): a leaf that
    /// asks for nothing.
    public func meansNoAttributes(_ refusal: MarketplaceRefusal) -> Bool { refusal.code == "57" }

    public func categoryAttributesCall(leaf id: String) -> MarketplaceCall {
        MarketplaceCall(
            "GET",
            "/category/attributes/get",
            parameters: ["primary_category_id": id, "language_code": "vi_VN"]
        )
    }

    public func categoryAttributes(from data: JSONValue) throws(PublishingError) -> [CategoryAttribute] {
        guard case .array(let attributes) = data else {
            throw PublishingError(.account, "Lazada's /category/attributes/get answer has no data array")
        }
        return attributes.compactMap { attribute in
            guard let key = attribute["name"]?.text, !Self.ownAttributes.contains(key),
                (attribute["attribute_type"]?.text ?? "normal") == "normal"
            else { return nil }
            let options = (attribute["options"]?.elements ?? []).compactMap { option -> CategoryAttribute.Option? in
                guard let name = option["name"]?.text ?? option["en_name"]?.text else { return nil }
                let english = option["en_name"]?.text
                return CategoryAttribute.Option(
                    id: option["id"]?.text ?? "",
                    name: name,
                    englishName: english?.isEmpty == false ? english : nil
                )
            }
            let label = attribute["label"]?.text ?? key
            let input = attribute["input_type"]?.text ?? ""
            return CategoryAttribute(
                key: key,
                name: label.isEmpty ? key : label,
                isMandatory: attribute["is_mandatory"]?.text == "1" || attribute["is_mandatory"] == .bool(true),
                options: options,
                acceptsOtherValues: !["singleSelect", "multiSelect"].contains(input),
                valueKind: input == "numeric" ? .number : input == "date" ? .date : nil
            )
        }
    }
}
