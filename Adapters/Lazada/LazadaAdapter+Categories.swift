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
