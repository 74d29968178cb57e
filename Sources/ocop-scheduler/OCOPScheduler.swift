import ArgumentParser
import OCOPCatalog

/// Runs the jobs of the configuration on their schedules. For now it only reports its version.
@main
struct OCOPScheduler: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ocop-scheduler",
        abstract: "Runs OCOP Connect's jobs (export, validate, publish) on their schedules.",
        version: OCOPConnect.version
    )

    func run() throws {
        print("ocop-scheduler \(OCOPConnect.version): no jobs can run yet; publishing arrives in a later version")
    }
}
