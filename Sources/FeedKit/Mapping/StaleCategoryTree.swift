/// A synced category tree older than the account allows (`category_tree_max_age`, days): publishing does not
/// guess from it, so every category is held back until the tree is synced again.
public struct StaleCategoryTree: Hashable, Sendable {
    /// How many days ago the tree was fetched.
    public var days: Int
    /// The most days the account allows.
    public var limit: Int

    /// Creates the description of a tree fetched `days` ago, past `limit`.
    public init(days: Int, limit: Int) {
        self.days = days
        self.limit = limit
    }
}
