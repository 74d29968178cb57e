public import Groundwork

/// How a run (a publish, an export, a scheduled job) stands or ended, as the history records it.
public enum RunStatus: String, Hashable, Sendable, Codable, CaseIterable {
    /// A dry run: planned, nothing sent.
    case planned
    /// Under way (or its process died: the next run marks it interrupted).
    case running
    /// Every item went through.
    case succeeded
    /// Some items failed (the marketplace refused them, or was busy); they are sent again next run.
    case partial
    /// Stopped before its end (a shutdown between batches, a cancellation, within a batch too), what was
    /// done recorded; the next run resumes.
    case interrupted
    /// The run could not go on as a whole.
    case failed

    /// The status as a person reads it (`--json` and the ledger keep ``rawValue``).
    public var words: LocalizedText {
        switch self {
        case .planned: LocalizedText(en: "planned", vi: "chạy thử")
        case .running: LocalizedText(en: "running", vi: "đang chạy")
        case .succeeded: LocalizedText(en: "succeeded", vi: "thành công")
        case .partial: LocalizedText(en: "partial", vi: "một phần")
        case .interrupted: LocalizedText(en: "interrupted", vi: "bị ngắt")
        case .failed: LocalizedText(en: "failed", vi: "thất bại")
        }
    }

    /// Whether the run is over and its outcome stands (neither under way nor cut short).
    public var isFinal: Bool { self != .running && self != .interrupted }

    /// How bad the status is, for folding several marketplaces' into one: the worst wins.
    public var severity: Int {
        switch self {
        case .planned, .succeeded: 0
        case .partial: 1
        case .running, .interrupted: 2
        case .failed: 3
        }
    }
}
