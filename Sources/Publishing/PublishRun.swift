public import Foundation

/// A publish run as the history keeps it (DESIGN §6 `runs --json`).
public struct PublishRun: Hashable, Sendable, Codable {
    public var id: Int64
    public var marketplace: String
    public var trigger: String
    /// `publish`, `export` or `validate`.
    public var action: String
    public var started: Date
    public var finished: Date?
    /// `running`, `succeeded`, `partial` (some items failed), `failed`, `interrupted`.
    public var status: RunStatus
    public var created = 0
    public var updated = 0
    public var deleted = 0
    public var refreshed = 0
    public var heldBack = 0
    public var failed = 0
    /// Why a run failed as a whole, or what an export wrote.
    public var message: String?

    /// Creates a run record (counts start at zero).
    public init(
        id: Int64,
        marketplace: String,
        trigger: String,
        action: String = "publish",
        started: Date,
        finished: Date? = nil,
        status: RunStatus
    ) {
        self.id = id
        self.marketplace = marketplace
        self.trigger = trigger
        self.action = action
        self.started = started
        self.finished = finished
        self.status = status
    }

    enum CodingKeys: String, CodingKey {
        case id, marketplace, trigger, action, started, finished, status, created, updated, deleted, refreshed
        case failed, message
        case heldBack = "held_back"
    }
}
