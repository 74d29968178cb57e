import Foundation
import Logging
import OCOPCatalog
import Publishing
import Scheduling
import ServiceLifecycle
import ServiceLifecycleTestKit
import Synchronization
import TestSupport
import Testing

/// A job runner that records its runs in the history like the real one, and can be held mid-run.
final class RecordingRunner: JobRunner {
    let database: CatalogDatabase
    let status: RunStatus
    let holdsMidRun: Bool
    let started: AsyncStream<Void>
    private let startedContinuation: AsyncStream<Void>.Continuation
    private let release: AsyncStream<Void>
    private let releaseContinuation: AsyncStream<Void>.Continuation
    private let count = Mutex(0)
    private let clock: TestClock

    init(database: CatalogDatabase, clock: TestClock, status: RunStatus = .succeeded, holdsMidRun: Bool = false) {
        self.database = database
        self.clock = clock
        self.status = status
        self.holdsMidRun = holdsMidRun
        (self.started, self.startedContinuation) = AsyncStream.makeStream()
        (self.release, self.releaseContinuation) = AsyncStream.makeStream()
    }

    var invocations: Int { self.count.withLock { $0 } }

    /// Lets a held run go on.
    func letGo() { self.releaseContinuation.yield() }

    func run(_ job: Job, stopRequested: @escaping @Sendable () -> Bool) async -> JobOutcome {
        self.count.withLock { $0 += 1 }
        guard
            let run = try? self.database.startRun(
                marketplace: "meta-catalog",
                trigger: job.trigger,
                at: self.clock.now()
            )
        else { return JobOutcome(status: .failed, exitStatus: 1, lines: ["could not start a run"]) }
        self.startedContinuation.yield()
        if self.holdsMidRun {
            var iterator = self.release.makeAsyncIterator()
            _ = await iterator.next()
        }
        let status: RunStatus = stopRequested() ? .interrupted : self.status
        guard
            (try? self.database.finishRun(run, status: status, heldBack: 0, message: "test", at: self.clock.now()))
                != nil
        else { return JobOutcome(status: .failed, exitStatus: 1, lines: ["could not finish the run"]) }
        return JobOutcome(
            status: status,
            exitStatus: status == .failed ? 1 : 0,
            lines: ["meta-catalog: \(status.rawValue)"]
        )
    }
}

/// A clock the test moves by hand.
final class TestClock: Sendable {
    private let current: Mutex<Date>
    init(_ start: Date) { self.current = Mutex(start) }
    func now() -> Date { self.current.withLock { $0 } }
    func set(_ date: Date) { self.current.withLock { $0 = date } }
}

/// Keeps log lines in memory.
struct RecordingLogHandler: LogHandler {
    final class Lines: Sendable {
        let lines = Mutex<[(Logger.Level, String)]>([])
        var errors: [String] { self.lines.withLock { $0.filter { $0.0 == .error }.map(\.1) } }
    }
    let recorded: Lines
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace
    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { self.metadata[key] }
        set { self.metadata[key] = newValue }
    }
    func log(event: LogEvent) {
        self.recorded.lines.withLock { $0.append((event.level, "\(event.message)")) }
    }
}

@Suite struct SchedulerServiceTests {
    let folder: TemporaryFolder
    let job = nightlyJob
    let clock = TestClock(instant("2026-11-29T14:15:00Z"))
    let log = RecordingLogHandler.Lines()

    init() throws {
        self.folder = try TemporaryFolder()
    }

    /// A connection of its own to the test's catalogue, as a second process would have.
    func database() throws -> CatalogDatabase {
        try CatalogDatabase(path: self.folder.url.appending(path: "ocop.sqlite").path)
    }

    func service(
        _ runner: RecordingRunner,
        holder: String,
        sleep: @escaping @Sendable (Duration) async throws -> Void = { _ in }
    ) throws -> SchedulerService {
        let clock = self.clock
        let log = self.log
        return SchedulerService(
            jobs: [self.job],
            runner: runner,
            database: try self.database(),
            logger: Logger(label: "test") { _ in RecordingLogHandler(recorded: log) },
            holder: holder,
            now: { clock.now() },
            sleep: sleep
        )
    }

    @Test func twoSchedulersOnOneCatalogueNeverRunTheSameJobAtOnce() async throws {
        let runner = RecordingRunner(database: try self.database(), clock: self.clock, holdsMidRun: true)
        let first = try self.service(runner, holder: "elsewhere:1")
        let second = try self.service(runner, holder: "elsewhere:2")
        async let firstResults = first.runDueJobs()
        // Given the first scheduler in the middle of the job
        var started = runner.started.makeAsyncIterator()
        _ = await started.next()
        // When the second finds it due too, it leaves it alone
        let secondResults = try await second.runDueJobs()
        #expect(secondResults.map(\.job) == ["nightly"])
        #expect(secondResults.first?.outcome == nil)
        runner.letGo()
        #expect(try await firstResults.first?.outcome?.status == .succeeded)
        // and once the first is done the job is no longer due for either
        #expect(try await second.runDueJobs().isEmpty)
        #expect(try await first.runDueJobs().isEmpty)
        #expect(runner.invocations == 1)
        #expect(try self.database().runs(trigger: self.job.trigger).count == 1)
    }

    @Test func gracefulShutdownRecordsTheRunInterruptedAndTheNextStartResumesIt() async throws {
        let runner = RecordingRunner(database: try self.database(), clock: self.clock, holdsMidRun: true)
        let service = try self.service(runner, holder: "elsewhere:1")
        try await testGracefulShutdown { trigger in
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await service.run() }
                var started = runner.started.makeAsyncIterator()
                _ = await started.next()
                // SIGTERM arrives mid-run: the batch under way finishes, then the service returns
                trigger.triggerGracefulShutdown()
                runner.letGo()
                try await group.waitForAll()
            }
        }
        #expect(try self.database().runs(trigger: self.job.trigger).map(\.status) == [.interrupted])
        // The next start resumes it at once, although its schedule has not fired again
        let resumed = RecordingRunner(database: try self.database(), clock: self.clock)
        let results = try await self.service(resumed, holder: "elsewhere:2").runDueJobs()
        #expect(results.first?.outcome?.status == .succeeded)
        #expect(try self.database().runs(trigger: self.job.trigger).map(\.status) == [.succeeded, .interrupted])
    }

    @Test func theServiceSleepsUntilTheNextScheduledTimeAndRunsTheJobThen() async throws {
        let runner = RecordingRunner(database: try self.database(), clock: self.clock)
        let sleeps = Mutex<[Duration]>([])
        let clock = self.clock
        try await testGracefulShutdown { trigger in
            let service = try self.service(runner, holder: "elsewhere:1") { duration in
                let count = sleeps.withLock {
                    $0.append(duration)
                    return $0.count
                }
                if count == 1 {
                    clock.set(instant("2026-11-29T19:00:00Z"))  // the wait is over: 02:00 in Vietnam
                } else {
                    trigger.triggerGracefulShutdown()
                    try await Task.sleep(for: .seconds(3600))  // cancelled by the shutdown at once
                }
            }
            try await service.run()
        }
        // It ran this morning's missed time at start-up, then tonight's at 02:00, then waited for tomorrow.
        #expect(runner.invocations == 2)
        let untilTwoInTheMorning = Duration.seconds(4 * 3600 + 45 * 60) + .milliseconds(1)
        let untilTomorrow = Duration.seconds(24 * 3600) + .milliseconds(1)
        #expect(sleeps.withLock { $0 } == [untilTwoInTheMorning, untilTomorrow])
    }

    @Test func aJobThatFailsThreeNightsInARowSaysSoAsAnError() async throws {
        let runner = RecordingRunner(database: try self.database(), clock: self.clock, status: .failed)
        let service = try self.service(runner, holder: "elsewhere:1")
        var streaks: [Int] = []
        for night in ["2026-11-26T19:00:05Z", "2026-11-27T19:00:05Z", "2026-11-28T19:00:05Z"] {
            self.clock.set(instant(night))
            streaks += try await service.runDueJobs().map(\.failureStreak)
            #expect(self.log.errors.isEmpty == (streaks.last ?? 0 < 3))
        }
        #expect(streaks == [1, 2, 3])
        #expect(self.log.errors.contains { $0.contains("nightly has failed 3 runs in a row") })
    }
}
