import ArgumentParser
import Foundation
import Logging
import OCOPCatalog
import OCOPConfiguration
import Operations
import Publishing
import Scheduling
import ServiceLifecycle
import UnixSignals

/// Runs the jobs of the configuration on their schedules: a long-lived service, or `--once` for cron and
/// systemd timers.
@main
struct OCOPScheduler: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ocop-scheduler",
        abstract: "Runs OCOP Connect's jobs (export, validate, publish) on their schedules.",
        discussion: """
            Jobs come from the jobs: list of ocop.yaml. Without options it runs as a service: missed and \
            interrupted runs first, then each job when its schedule fires; SIGTERM or SIGINT lets the batch \
            under way finish, records the run as interrupted and exits (the next start resumes it). \
            Exit statuses as ocop's: 0 all good (items held back are reported, not failures); 1 a job \
            failed or has failed 3 runs in a row; 3 items refused by a marketplace; 65 invalid \
            configuration; 69 a marketplace could not be reached.
            """,
        version: OCOPConnect.version
    )

    @Option(help: "The configuration file (default: ./ocop.yaml).")
    var config = "ocop.yaml"

    @Option(help: "The catalogue database (default: the config's catalog:, else ./ocop.sqlite).")
    var catalog: String?

    @Option(help: "A folder of mapping files replacing the built-in ones.")
    var mappings: String?

    @Flag(help: "Run what is due now and exit (for cron or a systemd timer).")
    var once = false

    @Flag(help: "Print each job's last run, outcome and next fire time, and exit.")
    var status = false

    func validate() throws {
        guard !(self.once && self.status) else { throw ValidationError("--once and --status cannot go together") }
    }

    func run() async throws {
        var (workspace, jobs, database) = try self.load()
        // The log is read at the shop, not at the server: its timestamps (swift-log's, from localtime) are the
        // shop's local time. Each job still fires by its own `timezone:`.
        setenv("TZ", workspace.configuration.shop.timeZone, 1)
        tzset()
        LoggingSystem.bootstrap(StreamLogHandler.standardError)
        var logger = Logger(label: "ocop-scheduler")
        logger.logLevel = .info
        workspace.logger = logger
        let service = SchedulerService(
            jobs: jobs,
            runner: WorkspaceJobRunner(workspace: workspace),
            database: database,
            logger: logger
        )
        if self.status {
            try JobStatusTable.print(
                jobs: jobs,
                service: service,
                connections: try workspace.connections().map(\.status),
                trees: try workspace.categoryTreeStatuses(),
                now: Date()
            )
            return
        }
        if jobs.isEmpty {
            Self.error("error: \(self.config) has no jobs: add a jobs: list (see README, Operating the scheduler)")
            throw ExitCode(ExitStatusCode.invalidInput)
        }
        if self.once {
            try await self.runOnce(service)
            return
        }
        let group = ServiceGroup(
            configuration: .init(services: [service], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        )
        try await group.run()
    }

    /// Runs what is due; the exit status is the worst of the jobs', and 1 when a job keeps failing.
    private func runOnce(_ service: SchedulerService) async throws {
        let results = try await service.runDueJobs()
        var worst: Int32 = 0
        for result in results {
            guard let outcome = result.outcome else { continue }
            worst = max(worst, outcome.exitStatus)
            if result.failureStreak >= service.alarmAfterFailures { worst = max(worst, ExitStatusCode.failure) }
        }
        if results.isEmpty { print("nothing is due") }
        if worst != 0 { throw ExitCode(worst) }
    }

    /// The workspace, its jobs and the catalogue; a bad configuration is one line and exit status 65.
    private func load() throws -> (Workspace, [Job], CatalogDatabase) {
        do {
            let workspace = try Workspace.load(config: self.config, catalog: self.catalog, mappings: self.mappings)
            return (workspace, try Job.jobs(of: workspace.configuration), try workspace.openCatalog())
        } catch {
            guard let failure = Failure(error) else { throw error }
            for line in failure.lines { Self.error(line) }
            throw ExitCode(failure.status)
        }
    }

    static func error(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
