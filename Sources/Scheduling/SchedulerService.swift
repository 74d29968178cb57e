public import Foundation
public import Logging
public import OCOPCatalog
import Publishing
public import ServiceLifecycle

/// The long-lived scheduler: runs each job when its schedule fires, never two runs of one job at a time
/// (not even from two schedulers on one catalogue), and on graceful shutdown lets the batch under way
/// finish, records the run as interrupted and returns.
public struct SchedulerService: Service {
    public let jobs: [Job]
    public let runner: any JobRunner
    public let database: CatalogDatabase
    /// Who holds a job's lease: unique per process.
    public let holder: String
    /// Failed runs in a row after which every run says so as an error.
    public let alarmAfterFailures: Int
    private let logger: Logger
    private let now: @Sendable () -> Date
    private let sleep: @Sendable (Duration) async throws -> Void

    /// Creates the service; time and sleeping are injected so tests never wait on the wall clock.
    public init(
        jobs: [Job],
        runner: any JobRunner,
        database: CatalogDatabase,
        logger: Logger,
        holder: String = "\(ProcessInfo.processInfo.hostName):\(ProcessInfo.processInfo.processIdentifier)",
        alarmAfterFailures: Int = 3,
        now: @escaping @Sendable () -> Date = { Date() },
        sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) }
    ) {
        self.jobs = jobs
        self.runner = runner
        self.database = database
        self.logger = logger
        self.holder = holder
        self.alarmAfterFailures = alarmAfterFailures
        self.now = now
        self.sleep = sleep
    }

    /// Runs what is due (missed runs and interrupted ones first), then sleeps until the next scheduled
    /// time, until graceful shutdown.
    public func run() async throws {
        while !Task.isShuttingDownGracefully {
            _ = try await self.runDueJobs()
            guard !Task.isShuttingDownGracefully else { break }
            let now = self.now()
            guard let next = self.jobs.compactMap({ $0.schedule.nextFire(after: now, in: $0.timeZone) }).min() else {
                self.logger.notice("no job will fire again; waiting for shutdown")
                try? await gracefulShutdown()
                break
            }
            self.logger.info("sleeping until the next scheduled time", metadata: ["next": "\(next)"])
            let wait = Duration.milliseconds(Int64(max(0, next.timeIntervalSince(now)) * 1000) + 1)
            do {
                try await cancelWhenGracefulShutdown { try await self.sleep(wait) }
            } catch is CancellationError {
                break
            }
        }
        self.logger.info("scheduler stopped")
    }

    /// Runs each job that is due now, one after another; returns what each did (skipped jobs too, so
    /// `--once` can report them).
    public func runDueJobs() async throws -> [JobResult] {
        var results: [JobResult] = []
        for job in self.jobs {
            guard !Task.isShuttingDownGracefully else { break }
            if let result = try await self.runIfDue(job) { results.append(result) }
        }
        return results
    }

    /// The history of `job` as the run history tells it.
    public func history(of job: Job) throws -> JobHistory {
        JobHistory(runs: try self.database.runs(limit: 200, trigger: job.trigger))
    }

    /// Runs `job` when it is due and no other process is running it; `nil` when it is not due.
    func runIfDue(_ job: Job) async throws -> JobResult? {
        guard job.isDue(at: self.now(), history: try self.history(of: job)) else { return nil }
        let lease = "job:\(job.name)"
        guard try self.takeLease(lease) else {
            self.logger.notice("\(job.name): another scheduler is running this job; skipped")
            return JobResult(job: job.name, outcome: nil, failureStreak: 0)
        }
        defer { try? self.database.releaseLease(lease, holder: self.holder) }
        // Another process may have run it between the first look and the lease.
        guard job.isDue(at: self.now(), history: try self.history(of: job)) else { return nil }

        self.logger.info("\(job.name): \(job.action.rawValue) \(job.marketplaces.joined(separator: ", "))")
        let outcome = await self.runner.run(job) { Task.isShuttingDownGracefully }
        let streak = try self.history(of: job).failureStreak
        for line in outcome.lines {
            if outcome.exitStatus == 0 {
                self.logger.info("\(job.name): \(line)")
            } else {
                self.logger.warning("\(job.name): \(line)")
            }
        }
        if streak >= self.alarmAfterFailures {
            self.logger.error("\(job.name) has failed \(streak) runs in a row: look at `ocop runs` and fix it")
        }
        return JobResult(job: job.name, outcome: outcome, failureStreak: streak)
    }

    /// Takes the lease `key` for this process; `false` when another live process holds it.
    private func takeLease(_ key: String) throws(PublishingError) -> Bool {
        do {
            try self.database.acquireLease(
                key,
                holder: self.holder,
                now: self.now(),
                duration: 6 * 3600,
                isAlive: Publisher.isAlive
            )
            return true
        } catch {
            if error.code == .leaseHeld { return false }
            throw error
        }
    }
}

/// What the scheduler did with one due job.
public struct JobResult: Hashable, Sendable {
    public var job: String
    /// How the run ended; `nil` when another scheduler was running the job.
    public var outcome: JobOutcome?
    /// Failed runs in a row, this one included.
    public var failureStreak: Int
}
