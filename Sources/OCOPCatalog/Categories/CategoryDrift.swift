/// How a marketplace's leaves changed between two syncs, found by path: a leaf whose path stayed but whose
/// id changed was renumbered; a leaf whose path is gone vanished.
public struct CategoryDrift: Hashable, Sendable {
    /// A leaf that kept its path under a new id.
    public struct Renumbered: Hashable, Sendable {
        public var path: String
        public var oldID: String
        public var newID: String
    }

    /// A leaf no longer in the tree.
    public struct Vanished: Hashable, Sendable {
        public var path: String
        public var oldID: String
    }

    public var renumbered: [Renumbered]
    public var vanished: [Vanished]

    /// The changes from `old` to `new`.
    public init(from old: CategoryTree, to new: CategoryTree) {
        var renumbered: [Renumbered] = []
        var vanished: [Vanished] = []
        for leaf in old.leaves {
            if let id = new.leafID(atPath: leaf.path) {
                if id != leaf.id { renumbered.append(Renumbered(path: leaf.path, oldID: leaf.id, newID: id)) }
            } else {
                vanished.append(Vanished(path: leaf.path, oldID: leaf.id))
            }
        }
        self.renumbered = renumbered
        self.vanished = vanished
    }

    /// The old ids of every leaf that was renumbered or vanished.
    public var changedIDs: Set<String> {
        Set(self.renumbered.map(\.oldID) + self.vanished.map(\.oldID))
    }
}
