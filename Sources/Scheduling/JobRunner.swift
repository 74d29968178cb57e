public import Publishing

/// Runs one job once: the seam between the scheduler and the work (exports, validations, publishing),
/// which the executable wires to the real adapters and tests to a double.
public protocol JobRunner: Sendable {
    /// Runs every marketplace of `job`, recording each run in the history under `job.trigger`.
    /// `stopRequested` is asked between batches; when it says yes the run under way is recorded as
    /// interrupted and the next start resumes it.
    func run(_ job: Job, stopRequested: @escaping @Sendable () -> Bool) async -> JobOutcome
}

/// How one job's run ended.
public struct JobOutcome: Hashable, Sendable {
    /// `succeeded`, `partial`, `failed` or `interrupted`: the worst of its marketplaces.
    public var status: RunStatus
    /// The exit status it deserves (0 when all went well; `ocop`'s documented codes otherwise).
    public var exitStatus: Int32
    /// One line per marketplace, for the log.
    public var lines: [String]

    /// Creates an outcome.
    public init(status: RunStatus, exitStatus: Int32, lines: [String]) {
        self.status = status
        self.exitStatus = exitStatus
        self.lines = lines
    }
}
