import ArgumentParser
import OCOPCatalog

/// `ocop`: keeps the catalogue of certified OCOP products and turns it into marketplace feeds.
@main
struct OCOP: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ocop",
        abstract: "OCOP Connect: one catalogue of certified OCOP products, published to every marketplace.",
        discussion: """
            Exit statuses: 0 all good; 1 operational failure (database, file system); 3 items failed validation \
            or publishing; 64 usage; 65 invalid input data; 66 an input file cannot be opened; 69 a marketplace \
            could not be reached.
            """,
        version: OCOPConnect.version,
        subcommands: [
            Catalog.self, Feed.self, Publish.self, Runs.self, Report.self, Serve.self, Marketplaces.self,
            SandboxCommand.self, Connect.self, Categories.self, Init.self,
        ]
    )
}
