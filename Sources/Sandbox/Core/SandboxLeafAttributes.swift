/// The attributes the sandbox's leaves ask of their products, the same on every marketplace (each serves them in
/// its own shape): a food or health leaf demands its origin, from a closed list, and a shelf life, and takes
/// ingredients and storage; a home leaf demands only its origin. Ids and keys are ILLUSTRATIVE, in each
/// marketplace's style (Shopee and TikTok Shop number their attributes; Lazada and Tiki key them by a code).
public struct SandboxLeafAttribute: Hashable, Sendable {
    /// A listed value: its id and names.
    public struct Option: Hashable, Sendable {
        /// The value's id.
        public var id: String
        /// Its Vietnamese name.
        public var name: String
        /// Its English name.
        public var englishName: String
    }

    /// The numeric id (Shopee's `attribute_id`, TikTok Shop's attribute `id`, Lazada's and Tiki's `id`).
    public var id: String
    /// Lazada's attribute `name` and Tiki's `code`.
    public var code: String
    /// The attribute's Vietnamese name.
    public var name: String
    /// Its English name.
    public var englishName: String
    /// Whether a product in the leaf must have it.
    public var isMandatory: Bool
    /// The values it lists; empty when it takes any text.
    public var options: [Option]

    /// Whether `value` (a listed value's id or either name, or any text where nothing is listed) is taken.
    func takes(id: String?, name: String?) -> Bool {
        guard !self.options.isEmpty else { return !(name ?? "").isEmpty }
        return self.options.contains { option in
            option.id == id || option.name == name || option.englishName == name
        }
    }

    static let origin = SandboxLeafAttribute(
        id: "100037",
        code: "country_origin",
        name: "Xuất xứ",
        englishName: "Country of Origin",
        isMandatory: true,
        options: [
            Option(id: "1001", name: "Việt Nam", englishName: "Vietnam"),
            Option(id: "1002", name: "Thái Lan", englishName: "Thailand"),
            Option(id: "1003", name: "Trung Quốc", englishName: "China"),
        ]
    )
    static let shelfLife = SandboxLeafAttribute(
        id: "100095",
        code: "shelf_life",
        name: "Hạn sử dụng",
        englishName: "Shelf Life",
        isMandatory: true,
        options: []
    )
    static let ingredients = SandboxLeafAttribute(
        id: "100010",
        code: "ingredients",
        name: "Thành phần",
        englishName: "Ingredients",
        isMandatory: false,
        options: []
    )
    static let storage = SandboxLeafAttribute(
        id: "100999",
        code: "storage_condition",
        name: "Hướng dẫn bảo quản",
        englishName: "Storage Condition",
        isMandatory: false,
        options: []
    )
}

extension SandboxCategoryTree {
    /// The attributes leaf `id` of `marketplace` asks for now, or `nil` when `id` is no leaf of its tree (the
    /// old placeholder leaves ask for none). A leaf made to require more (``require(_:of:on:)``) has them
    /// mandatory.
    func attributes(of id: String?, on marketplace: String) -> [SandboxLeafAttribute]? {
        guard let id, var attributes = Self.attributes(of: id, in: self.nodes(marketplace)) else { return nil }
        let required = self.required[marketplace + "/" + id] ?? []
        for index in attributes.indices where required.contains(attributes[index].code) {
            attributes[index].isMandatory = true
        }
        return attributes
    }

    /// The attributes leaf `id` of `nodes` asks for before any is made to require more.
    static func attributes(of id: String, in nodes: [Node]) -> [SandboxLeafAttribute]? {
        guard let leaf = nodes.first(where: { $0.id == id && $0.isLeaf }) else { return nil }
        var top = leaf
        while let parent = top.parentID, let node = nodes.first(where: { $0.id == parent }) { top = node }
        return top.name == "Nhà Cửa & Đời Sống" ? [.origin] : [.origin, .shelfLife, .ingredients, .storage]
    }

    /// The attributes each leaf of `marketplace`'s tree asks for as first served, by leaf id: for tests that
    /// need them without a sandbox running.
    public static func servedAttributes(_ marketplace: String) -> [String: [SandboxLeafAttribute]] {
        let nodes = Self.initialNodes(marketplace)
        var attributes: [String: [SandboxLeafAttribute]] = [:]
        for node in nodes where node.isLeaf { attributes[node.id] = Self.attributes(of: node.id, in: nodes) }
        return attributes
    }

    /// The first mandatory attribute of leaf `id` that `carried` (the attribute's id or code → the value's id
    /// and name) lacks or fills with a value it does not list.
    func refusal(
        of id: String?,
        on marketplace: String,
        carried: [String: (id: String?, name: String?)]
    ) -> (attribute: SandboxLeafAttribute, missing: Bool)? {
        for attribute in self.attributes(of: id, on: marketplace) ?? [] {
            guard let value = carried[attribute.id] ?? carried[attribute.code] else {
                if attribute.isMandatory { return (attribute, true) }
                continue
            }
            if !attribute.takes(id: value.id, name: value.name) { return (attribute, false) }
        }
        return nil
    }

    /// Makes `attribute` (its code) of leaf `id` mandatory on `marketplace`, as a marketplace does when it
    /// tightens a category; `false` when there is no such leaf or attribute.
    func require(_ attribute: String, of id: String, on marketplace: String) -> Bool {
        guard let attributes = self.attributes(of: id, on: marketplace),
            attributes.contains(where: { $0.code == attribute })
        else { return false }
        self.required[marketplace + "/" + id, default: []].insert(attribute)
        return true
    }
}
