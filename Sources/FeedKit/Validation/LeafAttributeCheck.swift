import Groundwork
import OCOPCatalog

/// The check that a listing carries every attribute its leaf category makes mandatory (as the synced tree lists
/// them), each with a value the marketplace takes: a missing one holds the item back, naming the attribute in
/// the marketplace's words and the catalogue column that would fill it.
struct LeafAttributeCheck {
    /// The listing attribute carrying the category.
    let categoryAttribute: String
    /// The marketplace as people call it (`Lazada`).
    let marketplace: String
    let tree: CategoryTree
    let map: CategoryAttributeMap?

    init?(mapping: Mapping) {
        guard mapping.staleCategoryTree == nil, let attribute = mapping.categoryAttribute,
            let tree = mapping.categoryTree, !tree.attributes.isEmpty
        else { return nil }
        self.categoryAttribute = attribute
        self.marketplace = MarketplaceID(mapping.marketplace)?.displayName ?? mapping.marketplace
        self.tree = tree
        self.map = mapping.attributeMap
    }

    /// The findings for `listing`'s leaf attributes.
    func findings(for listing: Listing, item: String) -> [Finding] {
        guard let leaf = listing.value(self.categoryAttribute), let attributes = self.tree.attributes[leaf] else {
            return []
        }
        let carried = Dictionary(listing.leafAttributes.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        let category = self.tree.path(of: leaf) ?? leaf
        return attributes.compactMap { attribute in
            let column = self.map?.entry(for: attribute)?.from?.column
            guard let value = carried[attribute.key], !value.value.isEmpty || value.valueID != nil else {
                guard attribute.isMandatory else { return nil }
                return Finding(
                    item: item,
                    attribute: attribute.key,
                    rule: "leaf_attribute",
                    severity: .error,
                    text: self.missing(attribute, column: column, category: category)
                )
            }
            guard value.valueID == nil, !attribute.acceptsOtherValues, attribute.option(matching: value.value) == nil
            else { return nil }
            return Finding(
                item: item,
                attribute: attribute.key,
                rule: "leaf_attribute_value",
                severity: .error,
                text: self.notListed(value.value, attribute, column: column),
                value: value.value
            )
        }
    }

    private func subject(_ attribute: CategoryAttribute) -> String {
        attribute.name == attribute.key ? "“\(attribute.name)”" : "“\(attribute.name)” (\(attribute.key))"
    }

    private func missing(_ attribute: CategoryAttribute, column: CatalogColumn?, category: String) -> LocalizedText {
        let (name, subject) = (self.marketplace, self.subject(attribute))
        guard let column else {
            return LocalizedText(
                en: "\(name) requires \(subject) in category “\(category)”, and no catalogue column fills it: "
                    + "add it to the attribute map (category-attributes.yaml) with a value",
                vi: "\(name) cần \(subject) cho danh mục “\(category)”, nhưng không cột nào trong danh sách điền được: "
                    + "thêm nó vào category-attributes.yaml kèm giá trị"
            )
        }
        return LocalizedText(
            en: "\(name) requires \(subject) in category “\(category)”: fill the \(column.rawValue) column "
                + "(\(column.vietnameseHeadings[0]))",
            vi: "\(name) cần \(subject) cho danh mục “\(category)”: điền cột \(column.vietnameseHeadings[0])"
        )
    }

    private func notListed(_ value: String, _ attribute: CategoryAttribute, column: CatalogColumn?) -> LocalizedText {
        let listed =
            attribute.options.prefix(8).map(\.name).joined(separator: ", ")
            + (attribute.options.count > 8 ? ", …" : "")
        let (name, subject) = (self.marketplace, self.subject(attribute))
        let from = column.map { LocalizedText(en: " (from \($0.rawValue))", vi: " (cột \($0.vietnameseHeadings[0]))") }
        return LocalizedText(
            en: "\(name) takes only its own values for \(subject): “\(value)”\(from?.english ?? "") is not one of "
                + listed,
            vi: "\(name) chỉ nhận các giá trị có sẵn cho \(subject): “\(value)”\(from?.vietnamese ?? "") không nằm "
                + "trong \(listed)"
        )
    }
}
