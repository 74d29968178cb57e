public import Foundation

/// A synced category tree as `ocop-scheduler --status` shows it: when it was fetched and until when publishing
/// trusts it. Past that day every product of the marketplace is held back, stock and price updates included,
/// so the status warns a week ahead.
public struct CategoryTreeStatus: Hashable, Sendable {
    /// How long before a tree stops being trusted the status warns.
    public static let warningWindow: TimeInterval = 7 * 86_400

    public var marketplace: String
    public var fetched: Date
    /// When the tree becomes too old to publish by (`category_tree_max_age` days after it was fetched).
    public var trustedUntil: Date

    /// A status.
    public init(marketplace: String, fetched: Date, trustedUntil: Date) {
        self.marketplace = marketplace
        self.fetched = fetched
        self.trustedUntil = trustedUntil
    }

    /// The warning for a tree within ``warningWindow`` of `now` or past it; `nil` otherwise.
    public func warning(now: Date, format: (Date) -> String) -> String? {
        guard self.trustedUntil.timeIntervalSince(now) <= Self.warningWindow else { return nil }
        let fix = "run: ocop categories sync \(self.marketplace) (a nightly sync-categories job keeps it fresh)"
        if self.trustedUntil <= now {
            return "\(self.marketplace): the category tree synced on \(format(self.fetched)) is too old since "
                + "\(format(self.trustedUntil)): every product is held back, stock and price updates included; \(fix)"
        }
        return "\(self.marketplace): the category tree synced on \(format(self.fetched)) is trusted until "
            + "\(format(self.trustedUntil)); after that every product is held back until the next sync; \(fix)"
    }
}
