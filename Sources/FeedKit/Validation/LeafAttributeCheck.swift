import Groundwork
import OCOPCatalog

/// The check that a listing carries every attribute its leaf category makes mandatory (as the synced tree lists
/// them), each with a value the marketplace takes: a missing one holds the item back, naming the attribute in
/// the marketplace's words and the catalogue column that would fill it. A leaf whose attributes were not fetched
/// (it had no product at the last sync) holds its items back too: what it demands is not known.
struct LeafAttributeCheck {
    /// The listing attribute carrying the category.
    let categoryAttribute: String
    /// The marketplace as people call it (`Lazada`), and its id (`lazada`).
    let marketplace: String
    let marketplaceID: String
    let tree: CategoryTree
    let plan: LeafAttributePlan

    init?(mapping: Mapping) {
        guard mapping.staleCategoryTree == nil, let attribute = mapping.categoryAttribute,
            let tree = mapping.categoryTree
        else { return nil }
        self.categoryAttribute = attribute
        self.marketplace = MarketplaceID(mapping.marketplace)?.displayName ?? mapping.marketplace
        self.marketplaceID = mapping.marketplace
        self.tree = tree
        self.plan = mapping.leafAttributePlan
    }

    /// The findings for `listing`'s leaf attributes (its category already known to be a leaf of the tree).
    func findings(for listing: Listing, item: String) -> [Finding] {
        guard let leaf = listing.value(self.categoryAttribute), self.tree.node(leaf)?.isLeaf == true else { return [] }
        // The path only for the messages: most listings carry everything.
        var category: String { self.tree.path(of: leaf) ?? leaf }
        guard let steps = self.plan.leaves[leaf] else {
            return [
                Finding(
                    item: item,
                    attribute: self.categoryAttribute,
                    rule: "leaf_attribute",
                    severity: .error,
                    text: self.unfetched(category),
                    value: leaf
                )
            ]
        }
        let carried = Dictionary(listing.leafAttributes.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        return steps.compactMap { step in
            let (attribute, column) = (step.attribute, step.entry?.from?.column)
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
            guard let problem = self.problem(with: value, of: step, column: column) else { return nil }
            // An optional attribute we would not send like this (a feed someone else wrote) is only a warning.
            return Finding(
                item: item,
                attribute: attribute.key,
                rule: "leaf_attribute_value",
                severity: attribute.isMandatory ? .error : .warning,
                text: problem,
                value: value.value
            )
        }
    }

    /// What is wrong with `value` for `step`'s attribute: a value it does not list, or not a number or date it
    /// demands.
    private func problem(
        with value: LeafAttribute,
        of step: LeafAttributePlan.Step,
        column: CatalogColumn?
    ) -> LocalizedText? {
        let attribute = step.attribute
        if let id = value.valueID {
            guard !attribute.options.isEmpty, !attribute.options.contains(where: { $0.id == id }) else { return nil }
            return self.notListed(value.value.isEmpty ? id : value.value, attribute, column: column)
        }
        if !attribute.acceptsOtherValues, step.option(matching: value.value) == nil {
            return self.notListed(value.value, attribute, column: column)
        }
        switch attribute.valueKind {
        case .number where Double(value.value) == nil, .date where !value.value.allSatisfy(\.isNumber):
            return self.notOfKind(value.value, attribute, column: column)
        default:
            return nil
        }
    }

    private func subject(_ attribute: CategoryAttribute) -> String {
        attribute.name == attribute.key ? "“\(attribute.name)”" : "“\(attribute.name)” (\(attribute.key))"
    }

    private func from(_ column: CatalogColumn?) -> LocalizedText {
        column.map { LocalizedText(en: " (from \($0.rawValue))", vi: " (cột \($0.vietnameseHeadings[0]))") }
            ?? LocalizedText(verbatim: "")
    }

    private func unfetched(_ category: String) -> LocalizedText {
        let sync = "ocop categories sync \(self.marketplaceID)"
        return LocalizedText(
            en: "the attributes \(self.marketplace) demands in category “\(category)” have not been fetched (no "
                + "product was in it at the last sync): run \(sync)",
            vi: "chưa tải các thuộc tính \(self.marketplace) yêu cầu cho danh mục “\(category)” (lần đồng bộ trước "
                + "chưa có sản phẩm nào trong đó): chạy \(sync)"
        )
    }

    private func missing(_ attribute: CategoryAttribute, column: CatalogColumn?, category: String) -> LocalizedText {
        let (name, subject) = (self.marketplace, self.subject(attribute))
        guard let column else {
            let line = "- { names: [\(attribute.name)], value: \"…\" }"
            return LocalizedText(
                en: "\(name) requires \(subject) in category “\(category)”, and no column of the product list "
                    + "holds it: add a line to your copy of category-attributes.yaml in your mappings folder, "
                    + "such as \(line)",
                vi: "\(name) cần \(subject) cho danh mục “\(category)”, nhưng danh sách sản phẩm không có cột nào "
                    + "cho thuộc tính này: thêm một dòng vào bản category-attributes.yaml trong thư mục mappings "
                    + "của bạn, ví dụ \(line)"
            )
        }
        return LocalizedText(
            en: "\(name) requires \(subject) in category “\(category)”: fill the \(column.rawValue) column "
                + "(\(column.vietnameseHeadings[0]))",
            vi: "\(name) cần \(subject) cho danh mục “\(category)”: điền cột \(column.vietnameseHeadings[0])"
        )
    }

    private func notListed(_ value: String, _ attribute: CategoryAttribute, column: CatalogColumn?) -> LocalizedText {
        let (name, subject, from) = (self.marketplace, self.subject(attribute), self.from(column))
        guard !attribute.options.isEmpty else {
            return LocalizedText(
                en: "\(name) takes only its own values for \(subject), and lists none for this category in its "
                    + "answer: “\(value)”\(from.english) cannot be sent; choose the value in \(name)'s seller centre",
                vi: "\(name) chỉ nhận giá trị có sẵn cho \(subject), nhưng không liệt kê giá trị nào cho danh mục "
                    + "này: không gửi được “\(value)”\(from.vietnamese); hãy chọn giá trị trong trang người bán "
                    + "của \(name)"
            )
        }
        let shown = attribute.options.prefix(8).map { "“\($0.name)”" }.joined(separator: ", ")
        let more = attribute.options.count - 8
        return LocalizedText(
            en: "\(name) takes only its own values for \(subject): “\(value)”\(from.english) is not one of "
                + shown + (more > 0 ? " and \(more) more" : ""),
            vi: "\(name) chỉ nhận các giá trị có sẵn cho \(subject): “\(value)”\(from.vietnamese) không nằm trong "
                + shown + (more > 0 ? " và \(more) giá trị khác" : "")
        )
    }

    private func notOfKind(_ value: String, _ attribute: CategoryAttribute, column: CatalogColumn?) -> LocalizedText {
        let (name, subject, from) = (self.marketplace, self.subject(attribute), self.from(column))
        let units = attribute.units.map { " " + $0.joined(separator: ", ") } ?? ""
        switch attribute.valueKind {
        case .date:
            return LocalizedText(
                en: "\(name) takes a date for \(subject): “\(value)”\(from.english) is not one",
                vi: "\(name) cần một ngày cho \(subject): “\(value)”\(from.vietnamese) không phải ngày"
            )
        default:
            return LocalizedText(
                en: "\(name) takes a number for \(subject)\(units.isEmpty ? "" : ", in\(units)"): "
                    + "“\(value)”\(from.english) is not one",
                vi: "\(name) cần một số cho \(subject)\(units.isEmpty ? "" : ", theo đơn vị\(units)"): "
                    + "“\(value)”\(from.vietnamese) không phải số"
            )
        }
    }
}
