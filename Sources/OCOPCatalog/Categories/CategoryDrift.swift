/// How a marketplace's leaves changed between two syncs, found by path: a leaf whose path stayed but whose
/// id changed was renumbered; a leaf whose path is gone but whose id is still a leaf was moved (or renamed); a
/// leaf whose path and id are both gone vanished.
public struct CategoryDrift: Hashable, Sendable {
    /// A leaf that kept its path under a new id.
    public struct Renumbered: Hashable, Sendable, Encodable {
        public var path: String
        public var oldID: String
        public var newID: String
    }

    /// A leaf no longer in the tree.
    public struct Vanished: Hashable, Sendable, Encodable {
        public var path: String
        public var oldID: String
    }

    /// A leaf that kept its id under a new path (moved elsewhere in the tree, or renamed).
    public struct Moved: Hashable, Sendable, Encodable {
        public var oldPath: String
        public var newPath: String
        public var id: String
    }

    public var renumbered: [Renumbered]
    public var vanished: [Vanished]
    public var moved: [Moved]

    /// The changes from `old` to `new`.
    public init(from old: CategoryTree, to new: CategoryTree) {
        var renumbered: [Renumbered] = []
        var vanished: [Vanished] = []
        var moved: [Moved] = []
        for leaf in old.leaves {
            if let id = new.leafID(atPath: leaf.path) {
                if id != leaf.id { renumbered.append(Renumbered(path: leaf.path, oldID: leaf.id, newID: id)) }
            } else if new.node(leaf.id)?.isLeaf == true, let path = new.path(of: leaf.id) {
                moved.append(Moved(oldPath: leaf.path, newPath: path, id: leaf.id))
            } else {
                vanished.append(Vanished(path: leaf.path, oldID: leaf.id))
            }
        }
        self.renumbered = renumbered
        self.vanished = vanished
        self.moved = moved
    }

    /// Whether no leaf changed.
    public var isEmpty: Bool { self.renumbered.isEmpty && self.vanished.isEmpty && self.moved.isEmpty }

    /// The old ids of every leaf that was renumbered, moved or vanished.
    public var changedIDs: Set<String> {
        Set(self.renumbered.map(\.oldID) + self.vanished.map(\.oldID) + self.moved.map(\.id))
    }
}
