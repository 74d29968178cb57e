import Foundation
import GRDB

extension CatalogDatabase {
    /// Keeps `tree` as `tree.marketplace`'s category tree, replacing the one kept before, in one transaction.
    public func saveCategoryTree(_ tree: CategoryTree) throws(CatalogError) {
        do {
            try self.writer.write { db in
                try db.execute(sql: "DELETE FROM categoryTree WHERE marketplace = ?", arguments: [tree.marketplace])
                try db.execute(
                    sql: "INSERT INTO categoryTree (marketplace, fetched) VALUES (?, ?)",
                    arguments: [tree.marketplace, tree.fetched]
                )
                let insert = try db.makeStatement(
                    sql: """
                        INSERT OR IGNORE INTO categoryNode (marketplace, id, parentID, name, isLeaf, position, restriction)
                        VALUES (?, ?, ?, ?, ?, ?, ?)
                        """
                )
                for (position, node) in tree.nodes.enumerated() {
                    try insert.execute(
                        arguments: [
                            tree.marketplace, node.id, node.parentID, node.name, node.isLeaf, position,
                            node.restriction,
                        ]
                    )
                }
                let encoder = JSONEncoder()
                encoder.outputFormatting = .sortedKeys
                for (leaf, attributes) in tree.attributes.sorted(by: { $0.key < $1.key }) {
                    try db.execute(
                        sql: "INSERT INTO categoryAttributes (marketplace, categoryID, attributes) VALUES (?, ?, ?)",
                        arguments: [
                            tree.marketplace, leaf, String(decoding: try encoder.encode(attributes), as: UTF8.self),
                        ]
                    )
                }
            }
        } catch {
            throw CatalogError(
                .database,
                "could not keep the \(tree.marketplace) category tree: \(Self.describe(error))"
            )
        }
    }

    /// `marketplace`'s category tree as last synced, or `nil` when it never was.
    public func categoryTree(for marketplace: String) throws(CatalogError) -> CategoryTree? {
        do {
            return try self.writer.read { db -> CategoryTree? in
                guard
                    let fetched = try Date.fetchOne(
                        db,
                        sql: "SELECT fetched FROM categoryTree WHERE marketplace = ?",
                        arguments: [marketplace]
                    )
                else { return nil }
                let rows = try Row.fetchAll(
                    db,
                    sql: """
                        SELECT id, parentID, name, isLeaf, restriction FROM categoryNode WHERE marketplace = ?
                        ORDER BY position
                        """,
                    arguments: [marketplace]
                )
                let nodes = rows.map { row in
                    CategoryNode(
                        id: row["id"],
                        parentID: row["parentID"],
                        name: row["name"],
                        isLeaf: row["isLeaf"],
                        restriction: row["restriction"]
                    )
                }
                var tree = CategoryTree(marketplace: marketplace, fetched: fetched, nodes: nodes)
                let decoder = JSONDecoder()
                for row in try Row.fetchAll(
                    db,
                    sql: "SELECT categoryID, attributes FROM categoryAttributes WHERE marketplace = ?",
                    arguments: [marketplace]
                ) {
                    let text: String = row["attributes"]
                    tree.attributes[row["categoryID"]] = try decoder.decode(
                        [CategoryAttribute].self,
                        from: Data(text.utf8)
                    )
                }
                return tree
            }
        } catch {
            throw CatalogError(
                .database,
                "could not read the \(marketplace) category tree: \(Self.describe(error))"
            )
        }
    }
}
