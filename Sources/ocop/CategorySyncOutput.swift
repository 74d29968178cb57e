import Foundation
import OCOPCatalog
import Operations

/// `ocop categories sync --json`: one object per marketplace synced, keys in snake case, stable for scripts.
struct CategorySyncOutput: Encodable {
    struct Leaf: Encodable {
        var path: String
        var oldID: String
        var newID: String?

        enum CodingKeys: String, CodingKey {
            case path
            case oldID = "old_id"
            case newID = "new_id"
        }
    }

    struct Product: Encodable {
        var code: String
        var path: String
        var oldID: String
        var newID: String?
        var follows: Bool

        enum CodingKeys: String, CodingKey {
            case code, path, follows
            case oldID = "old_id"
            case newID = "new_id"
        }
    }

    struct Gained: Encodable {
        var path: String
        var attribute: String
        var key: String
        var column: String?
        var codes: [String]
    }

    struct Moved: Encodable {
        var oldPath: String
        var newPath: String
        var id: String

        enum CodingKeys: String, CodingKey {
            case id
            case oldPath = "old_path"
            case newPath = "new_path"
        }
    }

    struct Unfetched: Encodable {
        var path: String
        var reason: String
    }

    var marketplace: String
    var categories: Int
    var leaves: Int
    /// When the tree kept before was fetched; absent on a first sync.
    var previous: Date?
    var renumbered: [Leaf]
    var vanished: [Leaf]
    /// Leaves that kept their id under a new path.
    var moved: [Moved]
    var affected: [Product]
    var leavesInUse: Int
    /// Mandatory attributes a leaf in use gained since the last sync, with its products.
    var gained: [Gained]
    /// Leaves in use whose attributes the marketplace would not list, with what it said.
    var unfetched: [Unfetched]

    enum CodingKeys: String, CodingKey {
        case marketplace, categories, leaves, previous, renumbered, vanished, moved, affected, gained, unfetched
        case leavesInUse = "leaves_in_use"
    }

    init(_ report: CategorySyncReport) {
        self.marketplace = report.marketplace
        self.categories = report.categories
        self.leaves = report.leaves
        self.previous = report.previous
        self.renumbered = report.drift?.renumbered.map { Leaf(path: $0.path, oldID: $0.oldID, newID: $0.newID) } ?? []
        self.vanished = report.drift?.vanished.map { Leaf(path: $0.path, oldID: $0.oldID, newID: nil) } ?? []
        self.moved = report.drift?.moved.map { Moved(oldPath: $0.oldPath, newPath: $0.newPath, id: $0.id) } ?? []
        self.affected = report.affected.map {
            Product(code: $0.code, path: $0.path, oldID: $0.oldID, newID: $0.newID, follows: $0.follows)
        }
        self.leavesInUse = report.leavesInUse
        self.gained = report.gained.map {
            Gained(path: $0.path, attribute: $0.attribute, key: $0.key, column: $0.column, codes: $0.codes)
        }
        self.unfetched = report.unfetched.map { Unfetched(path: $0.path, reason: $0.reason) }
    }

    /// The reports as the JSON text `--json` prints.
    static func json(_ reports: [CategorySyncReport]) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return String(decoding: try encoder.encode(reports.map(Self.init)), as: UTF8.self)
    }
}
