import Foundation
import Groundwork
import OCOPCatalog

/// The check that nothing goes to a wrong category on a marketplace whose categories come from its own tree:
/// the listing's category must be a leaf of the synced tree. A path of names that did not resolve, an id the
/// tree lacks or a category with others under it holds the item back, naming it; so does a path when no tree
/// has been synced, since there is nothing to resolve it through, and every category does when the tree is older
/// than the account allows.
struct CategoryCheck {
    /// The listing attribute carrying the category (`PrimaryCategory`).
    let attribute: String
    /// The marketplace id (`lazada`) and its name as people know it (`Lazada`).
    let marketplace: String
    let displayName: String
    let tree: CategoryTree?
    let stale: StaleCategoryTree?

    init?(mapping: Mapping) {
        guard let attribute = mapping.categoryAttribute else { return nil }
        self.attribute = attribute
        self.marketplace = mapping.marketplace
        self.displayName = MarketplaceID(mapping.marketplace)?.displayName ?? mapping.marketplace
        self.tree = mapping.categoryTree
        self.stale = mapping.staleCategoryTree
    }

    /// The finding for `listing`'s category, when it is not one to send.
    func finding(for listing: Listing, item: String) -> Finding? {
        guard let category = listing.value(self.attribute), !category.isEmpty else { return nil }
        guard let text = self.problem(with: category) else { return nil }
        return Finding(
            item: item,
            attribute: self.attribute,
            rule: "category",
            severity: .error,
            text: text,
            value: category
        )
    }

    private func problem(with category: String) -> LocalizedText? {
        let (name, id) = (self.displayName, self.marketplace)
        let sync = "ocop categories sync \(id)"
        if let stale = self.stale {
            return LocalizedText(
                en: "\(name)'s category tree was synced \(stale.days) days ago, more than the \(stale.limit) that "
                    + "marketplaces.\(id).category_tree_max_age allows; categories are not guessed from it: run \(sync)",
                vi: "cây danh mục \(name) đã đồng bộ cách đây \(stale.days) ngày, quá \(stale.limit) ngày mà "
                    + "marketplaces.\(id).category_tree_max_age cho phép; không đoán danh mục theo cây cũ: chạy \(sync)"
            )
        }
        guard let tree = self.tree else {
            guard CategoryTree.isPath(category) else { return nil }  // an id: nothing to check it against yet
            // One wording for every product (the path is the finding's value), so that the readiness page shows
            // one card for the marketplace rather than one per path.
            return LocalizedText(
                en: "no \(name) category tree has been synced, so a category given by its names cannot be resolved: "
                    + "run \(sync)",
                vi: "chưa đồng bộ cây danh mục \(name), nên chưa tra được mã của danh mục ghi theo tên: chạy \(sync)"
            )
        }
        // The day of the sync in the shop's country, as each language writes a day (only for a message).
        var synced: String { CalendarDate(tree.fetched).written(in: .english) }
        var syncedVietnamese: String { CalendarDate(tree.fetched).written(in: .vietnamese) }
        if CategoryTree.isPath(category) {
            if let node = tree.nodeID(atPath: category).flatMap(tree.node), !node.isLeaf {
                return self.notLeaf(category, path: tree.path(of: node.id) ?? category, restriction: node.restriction)
            }
            return LocalizedText(
                en: "category “\(category)” is not a path of \(name)'s category tree (synced \(synced)): write "
                    + "the names as \(name) shows them, down to the last level",
                vi: "danh mục “\(category)” không có trong cây danh mục \(name) "
                    + "(đồng bộ ngày \(syncedVietnamese)): ghi đúng tên như \(name) hiển thị, đến cấp cuối cùng"
            )
        }
        guard let node = tree.node(category) else {
            return LocalizedText(
                en: "category \(category) is not in \(name)'s category tree (synced \(synced)): it was renumbered "
                    + "or removed; write the category as its path of names",
                vi: "mã danh mục \(category) không có trong cây danh mục \(name) (đồng bộ ngày \(syncedVietnamese)): "
                    + "danh mục đã đổi mã hoặc bị bỏ; hãy ghi danh mục bằng đường dẫn theo tên"
            )
        }
        guard node.isLeaf else {
            return self.notLeaf(category, path: tree.path(of: node.id) ?? node.name, restriction: node.restriction)
        }
        return nil
    }

    private func notLeaf(_ category: String, path: String, restriction: String? = nil) -> LocalizedText {
        let shown = category == path ? "“\(path)”" : "\(category) (\(path))"
        if let restriction {
            let said = restriction.isEmpty ? "" : " (\(restriction))"
            return LocalizedText(
                en: "\(self.displayName) does not let this shop list in category \(shown)\(said): ask "
                    + "\(self.displayName) for access, or choose another category",
                vi: "\(self.displayName) chưa cho cửa hàng này bán trong danh mục \(shown)\(said): xin "
                    + "\(self.displayName) cấp quyền, hoặc chọn danh mục khác"
            )
        }
        return LocalizedText(
            en: "category \(shown) is not a last-level category on \(self.displayName): choose one of the "
                + "categories under it",
            vi: "danh mục \(shown) không phải danh mục cấp cuối trên \(self.displayName): hãy chọn một danh mục "
                + "con của nó"
        )
    }
}
