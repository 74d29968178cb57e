import Foundation
import OCOPCatalog
import Operations

/// `ocop categories sync --json`: one object per marketplace synced, the report's own fields with their keys in
/// snake case (`old_id`, `leaves_in_use`), stable for scripts.
struct CategorySyncOutput: Encodable {
    var marketplace: String
    var categories: Int
    var leaves: Int
    /// When the tree kept before was fetched; absent on a first sync.
    var previous: Date?
    var renumbered: [CategoryDrift.Renumbered]
    var vanished: [CategoryDrift.Vanished]
    /// Leaves that kept their id under a new path.
    var moved: [CategoryDrift.Moved]
    var affected: [CategorySyncReport.AffectedProduct]
    var leavesInUse: Int
    /// Mandatory attributes a leaf in use gained since the last sync, with its products.
    var gained: [CategorySyncReport.GainedAttribute]
    /// Leaves in use whose attributes the marketplace would not list, with what it said.
    var unfetched: [CategorySyncReport.UnfetchedLeaf]

    init(_ report: CategorySyncReport) {
        self.marketplace = report.marketplace
        self.categories = report.categories
        self.leaves = report.leaves
        self.previous = report.previous
        self.renumbered = report.drift?.renumbered ?? []
        self.vanished = report.drift?.vanished ?? []
        self.moved = report.drift?.moved ?? []
        self.affected = report.affected
        self.leavesInUse = report.leavesInUse
        self.gained = report.gained
        self.unfetched = report.unfetched
    }

    /// The reports as the JSON text `--json` prints.
    static func json(_ reports: [CategorySyncReport]) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return String(decoding: try encoder.encode(reports.map(Self.init)), as: UTF8.self)
    }
}
