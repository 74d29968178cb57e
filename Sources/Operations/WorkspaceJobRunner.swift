import FeedKit
public import Foundation
import OCOPCatalog
import OCOPConfiguration
import Publishing
public import Scheduling

/// Runs scheduled jobs with the real adapters, recording every run in the history under the job's trigger.
public struct WorkspaceJobRunner: JobRunner {
    public let workspace: Workspace
    private let now: @Sendable () -> Date

    /// A runner over `workspace`; time is injected.
    public init(workspace: Workspace, now: @escaping @Sendable () -> Date = { Date() }) {
        self.workspace = workspace
        self.now = now
    }

    /// The marketplaces `job` acts on: its list, with `all` standing for every configured marketplace
    /// that has an adapter.
    public func marketplaces(of job: Job) -> [String] {
        guard job.marketplaces.contains("all") else { return job.marketplaces }
        if job.action == .syncCategories { return self.workspace.categoryMarketplaces }
        let adapters = AdapterRegistry.adapters.map(\.marketplace.rawValue)
        return adapters.filter { self.workspace.configuration.marketplaces[$0] != nil }
    }

    public func run(_ job: Job, stopRequested: @escaping @Sendable () -> Bool) async -> JobOutcome {
        var outcome = JobOutcome(status: .succeeded, exitStatus: 0, lines: [])
        for id in self.marketplaces(of: job) {
            guard !stopRequested() else {
                outcome.merge(.interrupted, 0, "\(id): not started (shutting down)")
                break
            }
            let started = self.now()
            do {
                switch job.action {
                case .publish:
                    let summary = try await self.workspace.publish(
                        id,
                        trigger: job.trigger,
                        dryRun: false,
                        today: CalendarDate(started),
                        stopRequested: stopRequested
                    )
                    // What was done, as the run's history counts it (an interrupted run did less than it planned);
                    // items held back are reported, but only a refused item makes the job fail.
                    func done(_ action: PublishAction) -> Int {
                        summary.outcomes.filter { $0.succeeded && $0.action == action }.count
                    }
                    outcome.merge(
                        summary.status,
                        summary.failed > 0 ? ExitStatusCode.itemsFailed : 0,
                        "\(id): \(summary.status.rawValue): created \(done(.create)), updated \(done(.update)), "
                            + "deleted \(done(.delete)), refreshed \(done(.refresh)), "
                            + "\(summary.plan.heldBack.count) held back, \(summary.failed) failed "
                            + "(run \(summary.run.map(String.init) ?? "-"))"
                    )
                case .syncCategories:
                    let report = try await self.workspace.syncCategories(id)
                    let drift = report.drift.map {
                        "; \($0.renumbered.count) renumbered, \($0.moved.count) moved, \($0.vanished.count) vanished, "
                            + "\(report.affected.count) products affected"
                            + (report.affected.isEmpty
                                ? "" : " (\(report.affected.map(\.code).joined(separator: ", ")))")
                    }
                    let gained = report.gained.map { "; \($0.path) now requires \($0.attribute) (\($0.key))" }.joined()
                    let unfetched = report.unfetched.map { "; attributes of \($0.path) not fetched: \($0.reason)" }
                    outcome.merge(
                        .succeeded,
                        0,
                        "\(id): categories synced: \(report.categories) categories, \(report.leaves) leaves; attributes "
                            + "fetched for the \(report.leavesInUse) leaves in use" + (drift ?? " (first sync)")
                            + gained
                            + unfetched.joined()
                    )
                case .export, .validate:
                    var line = try self.writeFeed(id, job: job, at: started)
                    if job.upload, let file = line.file {
                        let (url, bytes) = try await self.workspace.upload(id, file: file)
                        line.text += "; uploaded \(bytes) bytes to \(url)"
                    }
                    // A feed written with items held back is a success: they are named in its report.
                    outcome.merge(line.status, 0, line.text)
                }
            } catch {
                let failure = Failure(error)
                let message = failure?.message ?? "\(error)"
                self.recordFailure(id, job: job, since: started, message: message)
                outcome.merge(.failed, failure?.status ?? ExitStatusCode.failure, "\(id): failed: \(message)")
            }
        }
        return outcome
    }

    /// Exports (or, to validate, writes to a scratch file and keeps only the report) the feed of `id`,
    /// recorded as a run of the job.
    private func writeFeed(_ id: String, job: Job, at started: Date) throws -> (
        status: RunStatus, text: String, file: URL?
    ) {
        let database = try self.workspace.openCatalog()
        let run = try database.startRun(marketplace: id, trigger: job.trigger, action: job.action.rawValue, at: started)
        let (adapter, _) = try self.workspace.resolve(id)
        // A job over several marketplaces writes each in its own format where it lacks the asked one.
        let format = FeedFormat.chosen(
            job.format.flatMap(FeedFormat.init(rawValue:)),
            fileName: nil,
            takes: adapter.formats,
            ownWhenNotTaken: job.marketplaces.count > 1 || job.marketplaces.contains("all")
        )
        let folder = URL(
            fileURLWithPath: job.output ?? "feeds",
            isDirectory: true,
            relativeTo: self.workspace.configuration.directory
        )
        let scratch = FileManager.default.temporaryDirectory.appending(path: "ocop-validate-\(UUID().uuidString)")
        let output =
            job.action == .export ? folder.appending(path: "\(id).\(format.fileExtension)") : scratch
        defer { try? FileManager.default.removeItem(at: scratch) }
        do {
            if job.action == .export {
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            }
            let report = try self.workspace.export(id, format: format, to: output, today: CalendarDate(started))
            if job.action == .export { try report.write(to: URL(fileURLWithPath: output.path + ".report.json")) }
            let heldBack = report.heldBackItems.count
            let status: RunStatus = heldBack > 0 ? .partial : .succeeded
            let text =
                job.action == .export
                ? "wrote \(report.valid) of \(report.items) items to \(output.standardizedFileURL.path); \(heldBack) held back"
                : "\(report.valid) of \(report.items) items valid; \(heldBack) held back, \(report.warnings) warnings"
            try database.finishRun(run, status: status, heldBack: heldBack, message: text, at: self.now())
            return (status, "\(id): \(status.rawValue): \(text)", job.action == .export ? output : nil)
        } catch {
            try? database.finishRun(
                run,
                status: .failed,
                heldBack: 0,
                message: Failure(error)?.message,
                at: self.now()
            )
            throw error
        }
    }

    /// Records a failed run for `id` unless the work already did (a run that failed once started).
    private func recordFailure(_ id: String, job: Job, since started: Date, message: String) {
        guard let database = try? self.workspace.openCatalog() else { return }
        let latest = try? database.runs(limit: 1, trigger: job.trigger).first
        if let latest, latest.marketplace == id, latest.started >= started, latest.status == .failed { return }
        try? database.recordFailedRun(
            marketplace: id,
            trigger: job.trigger,
            action: job.action.rawValue,
            message: message,
            at: started
        )
    }
}

extension JobOutcome {
    /// Folds one marketplace's result in: the worse status and exit status win.
    mutating func merge(_ status: RunStatus, _ exitStatus: Int32, _ line: String) {
        if status.severity > self.status.severity { self.status = status }
        self.exitStatus = max(self.exitStatus, exitStatus)
        self.lines.append(line)
    }
}
