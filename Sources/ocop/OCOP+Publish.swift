import ArgumentParser
import FeedKit
import Foundation
import Groundwork
import OCOPCatalog
import OCOPConfiguration
import Operations
import Publishing
import Transport

extension OCOP {
    /// `ocop publish MARKETPLACE|--all [--dry-run]`
    struct Publish: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Send what changed to a marketplace's API: creates, updates, deletes and refreshes.",
            discussion: """
                Validates, plans against the ledger, and sends in batches; each batch's outcomes are recorded \
                with the ledger in one transaction, so a killed run resumes where it stopped. Exit status 3 \
                when items were refused, 69 when the marketplace could not be reached.
                """
        )

        @OptionGroup var options: GlobalOptions

        @Argument(help: "The marketplace (see ocop marketplaces).")
        var marketplace: String?

        @Flag(help: "Publish every marketplace that takes API calls and is configured.")
        var all = false

        @Flag(help: "Plan and print what would be sent; send nothing.")
        var dryRun = false

        @Flag(help: "Allow a run that deletes more than 20% of a marketplace's listings.")
        var allowMassDelete = false

        @Option(help: "The day to judge certificates on, yyyy-mm-dd (default: today in Vietnam).")
        var today: String?

        func validate() throws {
            guard (self.marketplace == nil) != !self.all else {
                throw ValidationError("name one marketplace, or pass --all")
            }
        }

        func run() async throws {
            let language = try self.options.language()
            let workspace = try ExitStatus.reporting(in: language) { try self.options.workspace() }
            let ids =
                self.all
                ? AdapterRegistry.adapters.map(\.marketplace.rawValue).filter {
                    workspace.configuration.marketplaces[$0] != nil
                }
                : [self.marketplace ?? ""]
            // One marketplace failing does not stop the others; the worst status is the command's.
            let statuses = await withTaskGroup(of: ExitCode?.self) { group in
                for id in ids {
                    group.addTask { await self.publish(id, workspace: workspace, language: language) }
                }
                return await group.reduce(into: [ExitCode]()) { statuses, status in
                    if let status { statuses.append(status) }
                }
            }
            if let worst = statuses.max(by: { $0.rawValue < $1.rawValue }) { throw worst }
        }

        /// Publishes one marketplace; `nil` when all went well, else the exit status it deserves.
        private func publish(_ id: String, workspace: Workspace, language: Language) async -> ExitCode? {
            do {
                return try await ExitStatus.reportingAsync(in: language) {
                    let summary = try await workspace.publish(
                        id,
                        trigger: "manual",
                        dryRun: self.dryRun,
                        allowMassDelete: self.allowMassDelete,
                        today: try parseDay(self.today)
                    )
                    PublishOutput.print(summary, marketplace: id, dryRun: self.dryRun, language: language)
                    return summary.failed > 0 || !summary.plan.heldBack.isEmpty ? ExitStatus.itemsFailed : nil
                }
            } catch let status as ExitCode {
                return status
            } catch {
                return ExitStatus.failure
            }
        }
    }

    /// `ocop runs [--json] [ID]`
    struct Runs: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show the publish history, or one run's items.")

        @OptionGroup var options: GlobalOptions

        @Flag(help: "Print JSON (DESIGN §6).")
        var json = false

        @Argument(help: "A run id: show its per-item outcomes.")
        var id: Int64?

        func run() async throws {
            let language = try self.options.language()
            try ExitStatus.reporting(in: language) {
                let workspace = try self.options.workspace()
                let database = try workspace.openCatalog()
                let runs = try database.runs(limit: self.id == nil ? 50 : 10_000)
                if let id = self.id {
                    guard let run = runs.first(where: { $0.id == id }) else {
                        throw CatalogError(.notFound, "no run \(id) (see ocop runs)")
                    }
                    try PublishOutput.printRun(
                        run,
                        items: try database.runItems(id),
                        json: self.json,
                        zone: workspace.shopTimeZone,
                        language: language
                    )
                } else {
                    try PublishOutput.printRuns(runs, json: self.json, zone: workspace.shopTimeZone, language: language)
                }
            }
        }
    }
}
