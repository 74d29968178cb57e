public import Foundation
public import Publishing

/// What the run history says about one job: when it last ran, whether a run must be resumed, and how many
/// times in a row it has failed.
public struct JobHistory: Hashable, Sendable {
    /// When the newest run that was not interrupted started.
    public var lastAttempt: Date?
    /// Whether some marketplace's newest run of the job was interrupted (or left running by a process
    /// that died): the job resumes at once, whatever its schedule.
    public var needsResume: Bool
    /// The most failed runs in a row of any of the job's marketplaces, newest first.
    public var failureStreak: Int
    /// The newest run, for `--status`.
    public var latest: PublishRun?

    /// Reads the history from the job's runs, newest first.
    public init(runs: [PublishRun]) {
        self.latest = runs.first
        self.lastAttempt = runs.first { $0.status.isFinal }?.started
        let byMarketplace = Dictionary(grouping: runs, by: \.marketplace)
        self.needsResume = byMarketplace.values.contains { !$0[0].status.isFinal }
        self.failureStreak =
            byMarketplace.values.map { runs in
                runs.lazy.filter(\.status.isFinal).prefix { $0.status == .failed }.count
            }.max() ?? 0
    }
}

extension Job {
    /// How late a scheduled time may be acted on when missed runs are skipped.
    public static let lateness: TimeInterval = 5 * 60

    /// Whether the job should run at `now`: a run to resume, or a scheduled time since the last attempt
    /// (with `missed: skip`, only one that has just passed).
    public func isDue(at now: Date, history: JobHistory) -> Bool {
        if history.needsResume { return true }
        guard let fire = self.schedule.previousFire(atOrBefore: now, in: self.timeZone) else { return false }
        if let last = history.lastAttempt, last >= fire { return false }
        return self.missedRun == .run || now.timeIntervalSince(fire) <= Self.lateness
    }
}
